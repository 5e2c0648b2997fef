/**
 * Issue 12 (lower), through the real CLI: a 307 and a GET / without version.number used to show as
 * "Elasticsearch 0.0.0"; a priority "501" was read as 0. Each is now a clear error naming the
 * endpoint, and nothing is written.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { startFakeEs, type FakeElasticsearch, type Fault } from '../fake-es/fake-es.js';
import { fixturesDir } from '../cluster/helpers.js';
import { runCli } from './run-cli.js';

const RAG = join(fixturesDir, 'rag-3zones.json');
const started: FakeElasticsearch[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
  for (const s of servers.splice(0)) s.close();
});

async function cluster(fault: (method: string, path: string) => Fault | undefined): Promise<FakeElasticsearch> {
  const es = await startFakeEs({ fault: (_n, method, path) => fault(method, path) });
  started.push(es);
  return es;
}

describe('apply: replies that are not what the endpoint returns', () => {
  it('GET / without version.number is an unexpected reply, not "Elasticsearch 0.0.0"', async () => {
    const es = await cluster((m, p) => (m === 'GET' && p === '/' ? { kind: 'raw', text: '{"cluster_name":"c","cluster_uuid":"u","version":{}}' } : undefined));
    const r = await runCli(['apply', RAG, '--dry-run', '--url', es.url]);
    expect(r.code).toBe(ExitCode.Error);
    expect(r.stderr).toMatch(/error: http:\/\/127\.0\.0\.1:\d+: could not read the cluster version: unexpected reply from GET \/: version\.number is missing \(fix: /);
    expect(r.stderr).not.toMatch(/0\.0\.0|internal error/);
  });

  it('an existing template at priority "501" (a string) is refused as an unexpected reply, not read as priority 0', async () => {
    const es = await cluster((m, p) =>
      m === 'GET' && p === '/_index_template'
        ? { kind: 'raw', text: JSON.stringify({ index_templates: [{ name: 'other', index_template: { index_patterns: ['support-*'], priority: '501' } }] }) }
        : undefined,
    );
    es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
    const r = await runCli(['apply', RAG, '--dry-run', '--url', es.url]);
    expect(r.code).toBe(ExitCode.Error);
    expect(r.stderr).toContain('unexpected reply from GET /_index_template: index_templates[0].index_template.priority must be a number (got a string)');
  });

  it('a 307 is refused and not followed: the API key never reaches the other address', async () => {
    const seenElsewhere: string[] = [];
    const target = await listen(createServer((req, res) => (seenElsewhere.push(String(req.headers.authorization)), res.end('{}'))));
    const redirecting = await listen(
      createServer((_req, res) => {
        res.writeHead(307, { location: `${url(target)}/`, 'content-length': '0' });
        res.end();
      }),
    );
    const r = await runCli(['apply', RAG, '--dry-run', '--url', url(redirecting)], { ES_API_KEY: 'api-key-not-for-elsewhere' });
    expect(r.code).toBe(ExitCode.Error);
    expect(r.stderr).toMatch(/could not read the cluster version: the server answered HTTP 307 redirect to http:\/\/127\.0\.0\.1:\d+\/; esplan follows no redirects/);
    expect(seenElsewhere).toEqual([]);
    expect(r.stderr).not.toMatch(/Elasticsearch 0\.0\.0/);
  });
});

function listen(server: Server): Promise<Server> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
function url(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
