/**
 * `esplan apply` against the stand-in held to Elasticsearch's own checks: what a real cluster would
 * refuse part-way must be refused before the first write instead.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeEs, type FakeElasticsearch } from '../fake-es/fake-es.js';
import { fixturesDir } from '../cluster/helpers.js';
import { runCli } from './run-cli.js';

const RAG = join(fixturesDir, 'rag-3zones.json');
const API_KEY = Buffer.from('standin-id:standin-key').toString('base64');

const started: FakeElasticsearch[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

async function cluster(): Promise<FakeElasticsearch> {
  const es = await startFakeEs({ auth: { apiKeys: [API_KEY] } });
  es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
  started.push(es);
  return es;
}

describe('apply against the stricter stand-in', () => {
  it('writes the plan onto a fresh 9.x cluster with its built-in templates, every body accepted, and leaves the built-ins alone', async () => {
    const es = await cluster();
    const builtins = [...es.indexTemplates.keys()].sort();
    const r = await runCli(['apply', RAG, '--yes', '--url', es.url, '--api-key', API_KEY]);
    expect(r.stderr).toMatch(/Apply complete/);
    expect(r.code).toBe(0);
    expect(es.writes.every((w) => w.status === 200)).toBe(true);
    expect([...es.indexTemplates.keys()].sort()).toEqual([...builtins, 'support-docs'].sort());
    expect(es.slmPolicies.get('support-docs-snapshots')?.version).toBe(1);
    // A second apply finds nothing to change and writes nothing: the SLM version stays.
    const again = await runCli(['apply', RAG, '--yes', '--url', es.url, '--api-key', API_KEY]);
    expect(again.code).toBe(0);
    expect(es.slmPolicies.get('support-docs-snapshots')?.version).toBe(1);
  });

  it('refuses before writing when the cluster\'s slm.minimum_interval is longer than the schedule', async () => {
    const es = await cluster();
    es.persistent.set('slm.minimum_interval', '2d');
    const r = await runCli(['apply', RAG, '--yes', '--url', es.url, '--api-key', API_KEY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/snapshots\.schedule: the cluster sets slm\.minimum_interval to 2d/);
    expect(es.writes).toEqual([]);
  });
});
