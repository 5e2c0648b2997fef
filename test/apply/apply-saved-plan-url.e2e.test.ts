/**
 * Issue 12 (lower): a saved plan's edited `cluster.url` received the API key before the cluster-id
 * check. Credentials now go only to a URL the user gives (--url or ES_URL); a URL read from the plan
 * is used only without credentials, and a different cluster is refused on the first reply.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { startFakeEs, type FakeElasticsearch } from '../fake-es/fake-es.js';
import { fixturesDir } from '../cluster/helpers.js';
import { runCli } from './run-cli.js';

const RAG = join(fixturesDir, 'rag-3zones.json');
const API_KEY = Buffer.from('test-id:saved-plan-url-key').toString('base64');
const started: FakeElasticsearch[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
  for (const s of servers.splice(0)) s.close();
});

async function cluster(clusterUuid: string): Promise<FakeElasticsearch> {
  const es = await startFakeEs({ auth: { apiKeys: [API_KEY] }, clusterUuid });
  es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
  started.push(es);
  return es;
}

async function savedPlanFor(es: FakeElasticsearch): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'esplan-saved-url-')), 'plan.json');
  const r = await runCli(['apply', RAG, '--dry-run', '--plan-out', file], { ES_URL: es.url, ES_API_KEY: API_KEY });
  expect(r.code).toBe(ExitCode.CheckFailed);
  return file;
}

describe('apply: a saved plan\'s cluster.url never receives credentials', () => {
  it('an edited cluster.url is refused before any request when credentials are configured', async () => {
    const es = await cluster('uuid-real');
    const file = await savedPlanFor(es);
    const seen: string[] = [];
    const attacker = createServer((req, res) => (seen.push(String(req.headers.authorization)), res.end('{}')));
    servers.push(attacker);
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', () => resolve()));
    const attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { cluster: { url: string } };
    doc.cluster.url = attackerUrl;
    writeFileSync(file, JSON.stringify(doc));

    const r = await runCli(['apply', file, '--yes'], { ES_API_KEY: API_KEY });
    expect(r.code).toBe(ExitCode.Error);
    expect(r.stderr).toContain(`error: --url: is not given, and ${attackerUrl} (the saved plan) is not trusted with credentials`);
    expect(seen).toEqual([]);
    expect(r.stderr).not.toContain(API_KEY);
  });

  it('a --url other than the plan\'s gets the credentials (the user chose it), and another cluster is refused on the first reply', async () => {
    const es = await cluster('uuid-real');
    const file = await savedPlanFor(es);
    const other = await cluster('uuid-other');
    const r = await runCli(['apply', file, '--yes', '--url', other.url], { ES_API_KEY: API_KEY });
    expect(r.code).toBe(ExitCode.Error);
    expect(r.stderr).toContain(`esplan: the saved plan was made at ${es.url}; connecting to ${other.url} as given`);
    expect(r.stderr).toMatch(/--url: points at cluster .* \(uuid-other\), but the saved plan was made for .* \(uuid-real\)/);
    // GET / only: nothing else was read, nothing written.
    expect(other.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /']);
  });
});
