/**
 * `esplan apply --workload`: the whole pipeline (sizing, recommendation, desired state) against
 * the fake cluster, for every example workload.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeEs, type FakeElasticsearch } from '../fake-es/fake-es.js';
import { repoRoot, runCli } from './run-cli.js';

const examplesDir = join(repoRoot, 'examples');
let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.stop();
});

/** A 9.4 cluster shaped for the workload: one data node per zone, named by its awareness attribute. */
async function clusterFor(workload: { availability?: { zones?: number; awareness_attribute?: string }; snapshots?: { repository: string } }) {
  const attribute = workload.availability?.awareness_attribute ?? 'zone';
  const zones = workload.availability?.zones ?? 3;
  es = await startFakeEs({
    version: '9.4.0',
    nodes: Array.from({ length: zones }, (_, i) => ({ name: `data-${i}`, roles: ['data', 'master'], attributes: { [attribute]: `z${i}` } })),
  });
  if (workload.snapshots) es.repositories.set(workload.snapshots.repository, { type: 'fs', settings: { location: '/b' }, uuid: 'u' });
  return es;
}

describe('apply --workload', () => {
  it('writes the shard layout and index types that recommend --json reports', async () => {
    const file = join(examplesDir, 'rag-assistant.yaml');
    const recommended = await runCli(['recommend', '--workload', file, '--json']);
    expect(recommended.code).toBe(0);
    const plan = JSON.parse(recommended.stdout);
    const fake = await clusterFor(parse(readFileSync(file, 'utf8')));
    const r = await runCli(['apply', '--workload', file, '--url', fake.url, '--yes']);
    expect(r.stderr).toMatch(/Apply complete/);
    const settings = fake.componentTemplates.get('support-docs-settings')?.body.template as { settings: { index: Record<string, string> } };
    expect(settings.settings.index).toEqual({
      number_of_shards: String(plan.shards.primaries),
      number_of_replicas: String(plan.shards.replicas),
      number_of_routing_shards: String(plan.shards.routing_shards),
    });
    const mappings = fake.componentTemplates.get('support-docs-mappings')?.body.template as { mappings: { properties: Record<string, { index_options: { type: string } }> } };
    expect(mappings.mappings.properties.content_embedding?.index_options.type).toBe(plan.sizing.vectors[0].index_type);
    const again = await runCli(['apply', '--workload', file, '--url', fake.url, '--dry-run']);
    expect(again.code).toBe(0);
  });

  for (const name of readdirSync(examplesDir).filter((f) => f.endsWith('.yaml')).sort()) {
    it(`applies ${name} to a matching cluster, then finds nothing left to do`, async () => {
      const file = join(examplesDir, name);
      const fake = await clusterFor(parse(readFileSync(file, 'utf8')));
      const dry = await runCli(['apply', '--workload', file, '--url', fake.url, '--dry-run', '--json']);
      expect(dry.stderr).not.toMatch(/internal error/);
      const doc = JSON.parse(dry.stdout);
      expect(doc.refusals).toEqual([]);
      expect(doc.result).toBe('dry-run');
      // The cluster settings object always exists: awareness is an update, except with one zone,
      // where apply writes no awareness settings (docs/apply.md).
      const zones = (parse(readFileSync(file, 'utf8')) as { availability?: { zones?: number } }).availability?.zones ?? 3;
      expect(doc.summary.update).toBe(zones === 1 ? 0 : 1);
      expect(doc.summary.unchanged).toBe(0);
      const applied = await runCli(['apply', '--workload', file, '--url', fake.url, '--yes']);
      expect(applied.stderr).toMatch(/Apply complete/);
      const writes = fake.writes.length;
      expect(writes).toBe(doc.summary.create + doc.summary.update);
      const again = await runCli(['apply', '--workload', file, '--url', fake.url, '--yes']);
      expect(again.code).toBe(0);
      expect(fake.writes.length).toBe(writes);
    });
  }
});
