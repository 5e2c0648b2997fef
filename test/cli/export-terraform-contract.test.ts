/**
 * Issue 15 item 5: `esplan export terraform` carries exactly what `esplan apply` would write. For
 * every example workload the exported files are read back with the tests' own HCL reader
 * (test/helpers/hcl-reader.ts), each resource turned back into the request body the provider sends
 * (the mapping below follows terraform-provider-elasticstack's resource docs, not our exporter), and
 * the bodies compared with apply's desired state for the same zones.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { desiredState, inferenceResolver, type DesiredObject } from '../../src/cluster/desired.js';
import { loadApplyPolicy } from '../../src/data/apply-policy.js';
import { loadInference } from '../../src/data/inference.js';
import { buildPlan } from '../../src/recommend/build-plan.js';
import { readWorkloadFile } from '../../src/cli/workload-file.js';
import type { HclBlockNode } from '../helpers/hcl-reader.js';
import { only, readExport, type Exported } from '../helpers/provider-requests.js';
import { modelData } from '../helpers/model-data.js';
import { repoRoot, runInProcess } from '../helpers/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'esplan-tf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

function planOf(workloadFile: string) {
  return buildPlan(readWorkloadFile(workloadFile), { esplanVersion: 'test', data: modelData });
}

/** Objects compared as JSON text: null-prototype field maps and plain objects alike. */
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

async function exportAndCompare(workloadFile: string, label: string) {
  const plan = planOf(workloadFile);
  const zones = ZONES.slice(0, plan.zones);
  // What apply would write on a cluster whose data nodes carry these zones (none for one zone).
  const expected = desiredState(plan, plan.zones === 1 ? [] : zones, loadApplyPolicy(), inferenceResolver(plan, loadInference()));
  const out = join(work, label);
  const args = ['export', 'terraform', '-w', workloadFile, '--output', out, ...(plan.zones === 1 ? [] : ['--zone-names', zones.join(',')])];
  const r = await runInProcess(args);
  expect(r.stderr).not.toMatch(/error/);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('');
  const { resources } = readExport(out);
  expect(resources.map((x) => [x.kind, x.name])).toEqual(expected.objects.map((o) => [o.kind, o.name]));
  resources.forEach((x, i) => {
    expect(asJson(x.body), `${x.address}`).toEqual(asJson((expected.objects[i] as DesiredObject).body));
    // Written in apply's order: each resource waits for the one before it.
    expect(x.dependsOn).toEqual(i === 0 ? [] : [(resources[i - 1] as Exported).address]);
  });
  // stderr lists every address written.
  for (const x of resources) expect(r.stderr).toContain(x.address);
  return { plan, expected, resources };
}

describe('export terraform carries what apply would write', () => {
  const examples = readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.yaml'));

  it('covers every example workload', () => {
    expect(examples.length).toBeGreaterThanOrEqual(9);
  });

  it.each(examples)('%s: each resource body equals apply\'s desired object, in apply\'s order', async (file) => {
    const { plan, expected, resources } = await exportAndCompare(join(repoRoot, 'examples', file), file);
    expect(resources.length).toBe(expected.objects.length);
    if (plan.zones === 1) expect(resources.some((x) => x.kind === 'cluster_settings')).toBe(false);
    else {
      // Independent of desiredState: forced awareness lists the zones named on the command line.
      // The attribute as the workload file names it (zone unless it says otherwise).
      const raw = parseYaml(readFileSync(join(repoRoot, 'examples', file), 'utf8')) as { availability?: { awareness_attribute?: string } };
      const attribute = raw.availability?.awareness_attribute ?? 'zone';
      const settings = resources.find((x) => x.kind === 'cluster_settings')?.body.persistent as Record<string, string>;
      expect(settings).toEqual({
        'cluster.routing.allocation.awareness.attributes': attribute,
        [`cluster.routing.allocation.awareness.force.${attribute}.values`]: ZONES.slice(0, plan.zones).sort().join(','),
      });
    }
  });

  it('the rag-assistant example: figures checked by hand', async () => {
    const { resources } = await exportAndCompare(join(repoRoot, 'examples', 'rag-assistant.yaml'), 'rag-hand');
    const settings = resources.find((x) => x.address === 'elasticstack_elasticsearch_component_template.support-docs-settings')?.body as {
      template: { settings: { index: Record<string, number> } };
    };
    // 13 primaries and 2 replicas (3 zones, one copy per zone); routing shards 13 × 2^6 = 832,
    // the largest power-of-two multiple of 13 within 1024 (docs/acceptance.md issue 15 figures).
    expect(settings.template.settings.index).toMatchObject({ number_of_shards: 13, number_of_replicas: 2, number_of_routing_shards: 832 });
    const slm = resources.find((x) => x.kind === 'slm_policy')?.body;
    // examples/rag-assistant.yaml snapshots section, as written there.
    expect(slm).toMatchObject({ schedule: '0 30 1 * * ?', repository: 'backups', retention: { expire_after: '30d', min_count: 5, max_count: 50 } });
  });

  it('asks for the provider and Terraform versions in formulas/apply.json, and configures no credential', async () => {
    const out = join(work, 'versions');
    expect((await runInProcess(['export', 'terraform', '-w', join(repoRoot, 'examples/rag-assistant.yaml'), '-o', out, '--zone-names', 'a,b,c'])).code).toBe(0);
    const { versions } = readExport(out);
    const tf = only(versions, 'terraform') as HclBlockNode;
    const file = JSON.parse(readFileSync(join(repoRoot, 'formulas/apply.json'), 'utf8')) as { constants: { id: string; value: string }[] };
    const value = (id: string) => file.constants.find((c) => c.id === id)?.value;
    expect(tf.attributes.required_version).toBe(value('export.terraform_required_version'));
    const [source, ...constraint] = (value('export.terraform_provider') as string).split(' ');
    expect(only(tf, 'required_providers')?.attributes.elasticstack).toEqual({ source, version: constraint.join(' ') });
    const provider = versions.blocks.find((b) => b.type === 'provider');
    expect(provider?.labels).toEqual(['elasticstack']);
    expect(provider?.blocks).toEqual([{ type: 'elasticsearch', labels: [], attributes: {}, blocks: [] }]);
  });

  it('a snapshot repository to register: its type becomes the block, its settings the attributes, hostile text kept literal', async () => {
    const workload = parseYaml(readFileSync(join(repoRoot, 'examples/rag-assistant.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;
    const settings = { bucket: 'snapshots-${env}', base_path: 'a "quoted" path\\ with %{if x} and\nnewline', compress: true, max_restore_bytes_per_sec: '40mb' };
    workload.snapshots = { ...workload.snapshots, repository_type: 's3', repository_settings: settings };
    const file = join(work, 'with-repo.yaml');
    writeFileSync(file, stringifyYaml(workload));
    const { resources } = await exportAndCompare(file, 'with-repo');
    const repo = resources.find((x) => x.kind === 'snapshot_repository');
    expect(repo?.address).toBe('elasticstack_elasticsearch_snapshot_repository.backups');
    expect(repo?.body).toEqual({ type: 's3', settings });
    // The repository comes right before the policy that uses it.
    const slm = resources.find((x) => x.kind === 'slm_policy');
    expect(slm?.dependsOn).toEqual([repo?.address]);
    // Template introducers are doubled in the file, so Terraform reads them as text.
    const text = readFileSync(join(work, 'with-repo', 'esplan.tf'), 'utf8');
    expect(text).toContain('"snapshots-$${env}"');
    expect(text).toContain('%%{if x}');
  });
});
