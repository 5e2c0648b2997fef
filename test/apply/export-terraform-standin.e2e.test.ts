/**
 * The Terraform export against the stand-in: the requests terraform-provider-elasticstack would
 * make for the exported resources (test/helpers/provider-requests.ts, plus the defaults the
 * provider's snapshot lifecycle schema fills in) are sent to the stand-in, and `esplan apply
 * --dry-run` then finds the cluster holding what it would write.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeEs, type FakeElasticsearch } from '../fake-es/fake-es.js';
import { readExport, type Exported } from '../helpers/provider-requests.js';
import { repoRoot, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'esplan-tf-standin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.stop();
  es = undefined;
});

/**
 * What the provider adds to a snapshot lifecycle policy when the configuration leaves them out:
 * the defaults of its schema (terraform-provider-elasticstack 0.16,
 * internal/elasticsearch/snapshot/lifecycle/schema.go), which equal Elasticsearch's own.
 */
const PROVIDER_SLM_DEFAULTS = { expand_wildcards: 'open,hidden', ignore_unavailable: false, include_global_state: true, partial: false };

async function send(url: string, r: Exported, slmDefaults: boolean): Promise<void> {
  const path = {
    component_template: `/_component_template/${r.name}`,
    index_template: `/_index_template/${r.name}`,
    snapshot_repository: `/_snapshot/${r.name}`,
    slm_policy: `/_slm/policy/${r.name}`,
    cluster_settings: '/_cluster/settings',
  }[r.kind];
  let body = r.body;
  if (r.kind === 'slm_policy' && slmDefaults) body = { ...body, config: { ...PROVIDER_SLM_DEFAULTS, ...(body.config as object) } };
  const res = await fetch(`${url}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status, `${r.address}: ${await res.text()}`).toBe(200);
}

const RAG = join(repoRoot, 'examples/rag-assistant.yaml');

describe('export terraform, written as the provider would, is what apply would write', () => {
  it('apply --dry-run has nothing to change after the exported requests', async () => {
    es = await startFakeEs({ version: '9.4.0' });
    es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
    const out = join(dir, 'rag');
    // The stand-in's data nodes are in us-east-1a, -1b and -1c.
    const ex = await runCli(['export', 'terraform', '-w', RAG, '-o', out, '--zone-names', 'us-east-1c,us-east-1a,us-east-1b']);
    expect(ex.code).toBe(0);
    for (const r of readExport(out).resources) await send(es.url, r, false);
    const dry = await runCli(['apply', '-w', RAG, '--url', es.url, '--dry-run', '--json']);
    const doc = JSON.parse(dry.stdout) as { result: string; summary: Record<string, number>; refusals: unknown[] };
    expect(doc.refusals).toEqual([]);
    expect(doc.result).toBe('no-changes');
    expect(dry.code).toBe(0);
  });

  it('with the provider\'s snapshot lifecycle defaults, only those four keys of the policy differ (docs/terraform.md)', async () => {
    es = await startFakeEs({ version: '9.4.0' });
    es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
    const out = join(dir, 'rag-defaults');
    expect((await runCli(['export', 'terraform', '-w', RAG, '-o', out, '--zone-names', 'us-east-1a,us-east-1b,us-east-1c'])).code).toBe(0);
    for (const r of readExport(out).resources) await send(es.url, r, true);
    const dry = await runCli(['apply', '-w', RAG, '--url', es.url, '--dry-run', '--json']);
    const doc = JSON.parse(dry.stdout) as { summary: Record<string, number>; changes: { kind: string; action: string; changes: { key: string; old?: string; new?: string }[] }[] };
    const changed = doc.changes.filter((c) => c.action !== 'unchanged');
    expect(changed.map((c) => c.kind)).toEqual(['slm_policy']);
    expect(changed[0]?.changes.map((c) => [c.key, c.new])).toEqual(
      Object.keys(PROVIDER_SLM_DEFAULTS)
        .sort()
        .map((k) => [`config.${k}`, undefined]),
    );
  });
});
