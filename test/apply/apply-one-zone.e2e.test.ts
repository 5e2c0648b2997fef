/**
 * `esplan apply` with availability.zones 1 against the fake cluster. Awareness spreads copies over
 * zones; with one zone there is nothing to spread, and awareness attributes would stop allocation
 * to every node without node.attr.<attribute> (Elasticsearch's AwarenessAllocationDecider answers
 * NO for such a node). So a one-zone plan writes no awareness setting, forced or not, and does not
 * need the attribute on the nodes (docs/apply.md).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeEs, type FakeElasticsearch } from '../fake-es/fake-es.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'esplan-one-zone-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.stop();
  es = undefined;
});

const file = join(dir, 'one-zone.yaml');
writeFileSync(
  file,
  [
    'name: single-node',
    'elasticsearch: { version: "9.4" }',
    'corpus: { documents: 100000, source_bytes_per_document: 2000 }',
    'vectors: [{ field: emb, dims: 768 }]',
    'availability: { zones: 1, replicas: 0 }',
    '',
  ].join('\n'),
);

describe('apply with one zone', () => {
  it('dry run on a single node without a zone attribute: no awareness settings, no refusal', async () => {
    es = await startFakeEs({ version: '9.4.0', nodes: [{ name: 'node-0', roles: ['data', 'master'] }] });
    const dry = await runCli(['apply', '--workload', file, '--url', es.url, '--dry-run', '--json']);
    expect(dry.stderr).not.toMatch(/internal error/);
    const doc = JSON.parse(dry.stdout);
    expect(doc.refusals).toEqual([]);
    expect(doc.result).toBe('dry-run');
    const kinds = doc.changes.map((c: { kind: string }) => c.kind);
    expect(kinds).not.toContain('cluster_settings');
    // Three templates to create, nothing else: settings, mappings, index template.
    expect(doc.summary).toMatchObject({ create: 3, update: 0 });
    const text = JSON.stringify(doc.changes);
    expect(text).not.toContain('awareness');
  });

  it('applies: the shard layout of a one-copy index, and the cluster settings stay untouched', async () => {
    es = await startFakeEs({ version: '9.4.0', nodes: [{ name: 'node-0', roles: ['data', 'master'], attributes: { zone: 'a' } }] });
    const r = await runCli(['apply', '--workload', file, '--url', es.url, '--yes']);
    expect(r.stderr).toMatch(/Apply complete/);
    const settings = es.componentTemplates.get('single-node-settings')?.body.template as { settings: { index: Record<string, string> } };
    // 1 primary (100,000 small documents), 0 replicas; routing 1 x 2^10 = 1024.
    expect(settings.settings.index).toEqual({ number_of_shards: '1', number_of_replicas: '0', number_of_routing_shards: '1024' });
    expect([...es.persistent.keys()].filter((k) => k.includes('awareness'))).toEqual([]);
    const again = await runCli(['apply', '--workload', file, '--url', es.url, '--dry-run', '--json']);
    expect(JSON.parse(again.stdout).summary).toMatchObject({ create: 0, update: 0 });
  });
});
