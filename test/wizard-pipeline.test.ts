/**
 * The wizard on the real pipeline (buildPlan), checked against `esplan recommend`: the figures it
 * compares and the plan it prints must be what recommend gives for the same workload file.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Io } from '../src/cli/io.js';
import { compareIndexTypes } from '../src/cli/wizard/compare-index-types.js';
import { freshDraft } from '../src/cli/wizard/flow.js';
import { runWizard } from '../src/cli/wizard/run-wizard.js';
import { ESPLAN_VERSION } from '../src/cli/version.js';
import { examplesDir } from '../src/data/paths.js';
import type { Plan } from '../src/model/plan.js';
import type { Workload } from '../src/model/workload.js';
import { buildPlan } from '../src/recommend/build-plan.js';
import { readWorkloadFile } from '../src/cli/workload-file.js';
import { indicesOf } from '../src/model/indices.js';
import { runInProcess } from './helpers/run-cli.js';
import { ScriptPrompter } from './helpers/script-prompter.js';
import { modelData } from './helpers/model-data.js';

const realPlan = (w: Workload) => buildPlan(w, { esplanVersion: ESPLAN_VERSION, data: modelData });

function session() {
  const cwd = mkdtempSync(join(tmpdir(), 'esplan-wizard-real-'));
  let stdout = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: () => {}, interactive: true, color: false, env: {}, cwd };
  return { io, cwd, out: () => stdout };
}

async function recommendJson(file: string): Promise<Plan> {
  const r = await runInProcess(['recommend', '--workload', file, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Plan;
}

describe('esplan wizard on the real pipeline', () => {
  it('saves a workload that reproduces the printed plan with recommend', async () => {
    const s = session();
    const result = await runWizard({}, { prompter: new ScriptPrompter(), buildPlan: realPlan, io: s.io });
    expect(result.saved).toBe('workload.yaml');
    const again = await recommendJson(join(s.cwd, 'workload.yaml'));
    expect(again).toEqual(JSON.parse(JSON.stringify(result.plan)));
    const table = await runInProcess(['recommend', '--workload', join(s.cwd, 'workload.yaml')]);
    expect(s.out()).toBe(table.stdout);
  });

  it('compares index types with the figures recommend gives for each pinned type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'esplan-wizard-cmp-'));
    const raw = { ...freshDraft(), elasticsearch: { version: '9.4', license: 'enterprise' } };
    const comparison = compareIndexTypes(raw, 0, realPlan);
    // Enterprise on 9.4: every compared type is allowed for a 1024-dim float field.
    expect(comparison?.options.map((o) => o.index_type).sort()).toEqual(['bbq_disk', 'bbq_hnsw', 'hnsw', 'int4_hnsw', 'int8_hnsw']);
    for (const option of comparison?.options ?? []) {
      const file = join(dir, `${option.index_type}.yaml`);
      const pinned = structuredClone(raw) as unknown as { vectors: Record<string, unknown>[] };
      (pinned.vectors[0] as Record<string, unknown>).index_type = option.index_type;
      writeFileSync(file, stringify(pinned));
      const plan = await recommendJson(file);
      const field = plan.sizing.vectors[0];
      expect(option.ram_bytes).toBe((field?.ram_bytes ?? NaN) * plan.sizing.copies);
      expect(option.disk_bytes).toBe((field?.disk_bytes ?? NaN) * plan.sizing.copies);
      expect(option.monthly_usd).toBe(plan.monthly_usd);
    }
    // DiskBBQ keeps only part of its structures in RAM, so it needs the least; float HNSW the most.
    const ram = Object.fromEntries((comparison?.options ?? []).map((o) => [o.index_type, o.ram_bytes]));
    expect(ram.bbq_disk).toBeLessThan(ram.bbq_hnsw as number);
    expect(ram.hnsw).toBeGreaterThan(ram.int8_hnsw as number);
  });

  it('--from keeps each example workload and prints the same plan as recommend', async () => {
    for (const name of readdirSync(examplesDir).filter((f) => f.endsWith('.yaml'))) {
      const s = session();
      const file = join(examplesDir, name);
      const result = await runWizard({ from: file }, { prompter: new ScriptPrompter({ save: [false] }), buildPlan: realPlan, io: s.io });
      expect(JSON.parse(JSON.stringify(result.plan))).toEqual(await recommendJson(file));
      expect(readdirSync(s.cwd)).toEqual([]);
    }
  });

  it('suggests the region the new provider\'s catalog prices, so no region warning appears', async () => {
    for (const [provider, region] of [['gcp', 'us-central1'], ['azure', 'eastus']] as const) {
      // catalogs/gcp.json prices every entry in us-central1, catalogs/azure.json in eastus.
      const prompter = new ScriptPrompter({ 'from.keep': [false], 'deployment.provider': [provider], save: [false] });
      const s = session();
      const result = await runWizard({ from: join(examplesDir, 'rag-assistant.yaml') }, { prompter, buildPlan: realPlan, io: s.io });
      expect(prompter.defaults.get('deployment.region')).toBe(region);
      // The example's aws families (r6gd, c8gd) do not exist on the new provider.
      expect(result.workload.deployment).toEqual({ provider, region, node_sizing: 'reference' });
      expect(result.plan.warnings.map((w) => w.code)).not.toContain('PRICE_REGION_DIFFERS');
    }
  });

  it('saves a two-index hybrid workload that recommend plans the same', async () => {
    const s = session();
    const prompter = new ScriptPrompter({
      'indices.length': ['2'],
      'indices[0].index.name': ['kb-docs'],
      'indices[0].text_fields': ['title:12, body:800'],
      'indices[0].text_fields[0].multi_fields': ['keyword'],
      'indices[0].semantic_text': ['content:800'],
      'indices[0].tenancy': ['routing'],
      'indices[0].tenancy.tenants': ['500'],
      'indices[0].tenancy.largest_tenant_share': ['4%'],
      'indices[1].index.name': ['agent-memory'],
      'indices[1].vectors[0].field': ['memory_embedding'],
      'indices[1].text_fields': ['summary:40'],
    });
    const result = await runWizard({}, { prompter, buildPlan: realPlan, io: s.io });
    expect(prompter.unused()).toEqual({});
    expect(prompter.rejected).toEqual([]);
    const file = join(s.cwd, 'workload.yaml');
    // The file parses with the workload schema as the session's workload, in the indices form.
    const saved = readWorkloadFile(file);
    expect(saved).toEqual(result.workload);
    expect(indicesOf(saved).map((ix) => ix.name)).toEqual(['kb-docs', 'agent-memory']);
    const again = await recommendJson(file);
    expect(again).toEqual(JSON.parse(JSON.stringify(result.plan)));
    expect(again.indices.map((ix) => ix.name)).toEqual(['kb-docs', 'agent-memory']);
    const [kb, memory] = indicesOf(saved);
    expect(kb?.text_fields.map((t) => [t.field, t.words_per_document, t.multi_fields])).toEqual([['title', 12, ['keyword']], ['body', 800, []]]);
    expect(kb?.semantic_text.map((t) => [t.field, t.words_per_document, t.inference_id])).toEqual([['content', 800, undefined]]);
    expect(kb?.tenancy).toEqual({ field: 'tenant_id', tenants: 500, largest_tenant_share: 0.04, strategy: 'routing' });
    expect(memory?.vectors.map((v) => v.field)).toEqual(['memory_embedding']);
    const table = await runInProcess(['recommend', '--workload', file]);
    expect(s.out()).toBe(table.stdout);
  });
});
