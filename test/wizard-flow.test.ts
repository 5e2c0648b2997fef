import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultWorkloadPath, examplesDir } from '../src/data/paths.js';
import { parseWorkload } from '../src/model/parse-workload.js';
import { UserError, formatProblem } from '../src/model/problems.js';
import type { Workload } from '../src/model/workload.js';
import { renderPlan } from '../src/cli/render/render-plan.js';
import { runFlow } from '../src/cli/wizard/flow.js';
import { runWizard } from '../src/cli/wizard/run-wizard.js';
import { readWorkloadFile } from '../src/cli/workload-file.js';
import { fakeBuildPlan } from './helpers/fake-plan.js';
import { CTRL_C, ScriptPrompter, type Answer } from './helpers/script-prompter.js';

function flow(script: Record<string, Answer[]> = {}) {
  const prompter = new ScriptPrompter(script);
  const calls: Workload[] = [];
  let said = '';
  const run = runFlow({ prompter, buildPlan: (w) => fakeBuildPlan(w, calls), say: (t) => void (said += t) });
  return { prompter, calls, run, said: () => said };
}

/** The messages parseWorkload gives a file whose only mistake is `value` at `path`. */
function fileMessages(patch: (raw: Record<string, unknown>) => void): string {
  const raw = structuredClone(readStructuredExample());
  patch(raw);
  try {
    parseWorkload(raw);
  } catch (err) {
    if (err instanceof UserError) return err.problems.map(formatProblem).join('; ');
  }
  throw new Error('expected the patched example to be invalid');
}

function readStructuredExample(): Record<string, unknown> {
  return {
    name: 'x',
    elasticsearch: { version: '9.2', license: 'basic' },
    corpus: { documents: 1000, source_bytes_per_document: 100 },
    vectors: [{ field: 'v', dims: 1024 }],
  };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'esplan-wizard-'));
}

function io(cwd: string) {
  let stdout = '';
  let stderr = '';
  return {
    io: { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), interactive: true, color: false, env: {}, cwd },
    out: () => stdout,
    err: () => stderr,
  };
}

describe('esplan wizard flow', () => {
  it('--from a file with a filter selectivity: Enter keeps queries filtered; "no" drops the selectivity', async () => {
    const start = { raw: { ...readStructuredExample(), search: { filter_selectivity: 0.05, k: 20 }, index: { primaries: 4 } }, origin: 'w.yaml' };
    const kept = await runFlow({ prompter: new ScriptPrompter({ 'from.keep': [false] }), buildPlan: (w) => fakeBuildPlan(w), say: () => {} }, start);
    expect(kept.workload.search).toMatchObject({ filtered: true, filter_selectivity: 0.05, k: 20 });
    expect(kept.workload.index!.primaries).toBe(4);
    const no = await runFlow({ prompter: new ScriptPrompter({ 'from.keep': [false], 'search.filtered': [false] }), buildPlan: (w) => fakeBuildPlan(w), say: () => {} }, start);
    expect(no.workload.search.filtered).toBe(false);
    expect(no.workload.search.filter_selectivity).toBeUndefined();
  });

  it('offers one zone, which the workload keeps (a plan that is not highly available)', async () => {
    const f = flow({ 'availability.zones': [1], 'availability.replicas': ['0'] });
    const result = await f.run;
    expect(f.prompter.rejected).toEqual([]);
    expect(result.workload.availability).toMatchObject({ zones: 1, replicas: 0 });
  });

  it('gives a valid workload when every question is answered with Enter', async () => {
    const f = flow();
    const result = await f.run;
    expect(f.prompter.rejected).toEqual([]);
    // The saved answers are a valid workload file on their own.
    expect(parseWorkload(result.raw)).toEqual(result.workload);
    // Default model: jina-embeddings-v5-text-small, 1024 dims (formulas/embedding-models.json).
    expect(result.workload.vectors).toHaveLength(1);
    expect(result.workload.vectors![0]?.dims).toBe(1024);
    // Basic license, so bbq_disk is not offered; the fake's RAM per dim is bbq_hnsw 0.25 < int4 0.5
    // < int8 1 < hnsw 4, all with the same 99% band, so the cheapest reaching 95% is bbq_hnsw.
    expect(result.workload.vectors![0]?.index_type).toBe('bbq_hnsw');
    expect(result.workload.elasticsearch.version).toBe('9.4');
    expect(result.workload.availability).toMatchObject({ zones: 3, replicas: 1 });
    expect(result.workload.snapshots?.repository).toBe('backups');
    // Asked in the order a person follows: versions before corpus before vectors before search, and so on.
    const order = ['elasticsearch.version', 'elasticsearch.license', 'corpus.documents', 'vectors[0].model', 'search.recall_target', 'availability.zones', 'deployment.provider', 'inference.placement', 'vectors[0].index_type', 'snapshots'];
    const positions = order.map((id) => f.prompter.asked.indexOf(id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('re-asks a wrong answer with the message a workload file gets', async () => {
    const f = flow({
      'corpus.documents': ['-5', 'lots', '20M'],
      'elasticsearch.version': ['10.1', 'abc', '9.2'],
      'vectors[0].model': ['(other)'],
      'vectors[0].dims': ['5000', '768'],
    });
    const result = await f.run;
    expect(f.prompter.unused()).toEqual({});
    const messages = Object.fromEntries(f.prompter.rejected.map((r) => [`${r.id}=${String(r.answer)}`, r.message]));
    expect(messages['corpus.documents=-5']).toMatch(/^corpus\.documents: -5 cannot be negative \(documents now\)/);
    expect(messages['corpus.documents=-5']).toBe(fileMessages((r) => ((r.corpus as Record<string, unknown>).documents = -5)));
    expect(messages['corpus.documents=lots']).toBe(fileMessages((r) => ((r.corpus as Record<string, unknown>).documents = 'lots')));
    expect(messages['elasticsearch.version=10.1']).toBe(fileMessages((r) => ((r.elasticsearch as Record<string, unknown>).version = '10.1')));
    expect(messages['elasticsearch.version=10.1']).toMatch(/^elasticsearch\.version: .*10\.1.*8\.14.*9\.4/);
    // A malformed version is reported, not a crash (it used to reach compareVersions).
    expect(messages['elasticsearch.version=abc']).toBe(fileMessages((r) => ((r.elasticsearch as Record<string, unknown>).version = 'abc')));
    expect(messages['elasticsearch.version=abc']).toMatch(/^elasticsearch\.version: "abc" must look like "9\.2"/);
    expect(messages['vectors[0].dims=5000']).toBe('vectors[0].dims: 5000 is above the Elasticsearch maximum of 4096');
    expect(result.workload.corpus!.documents).toBe(20_000_000);
    expect(result.workload.vectors![0]?.dims).toBe(768);
  });

  it('checks an answer against the answers before it', async () => {
    // bfloat16 is GA in 9.3 (formulas/index-types.json), so a 9.2 workload must pick another type.
    const f = flow({ 'elasticsearch.version': ['9.2'], 'vectors[0].element_type': ['bfloat16', 'float'] });
    await f.run;
    expect(f.prompter.rejected.map((r) => r.message)).toEqual(['vectors[0].element_type: bfloat16 needs Elasticsearch 9.3 or later (workload targets 9.2)']);
  });

  it('recommends DiskBBQ for a 95% target with an enterprise license, and HNSW types for 99%', async () => {
    // Fake RAM per dim: bbq_disk 0.0625 is the cheapest; its band (~95%) reaches 0.95 but not 0.99.
    const at95 = await flow({ 'elasticsearch.license': ['enterprise'] }).run;
    expect(at95.workload.vectors![0]?.index_type).toBe('bbq_disk');
    const f99 = flow({ 'elasticsearch.license': ['enterprise'], 'search.recall_target': ['99%'] });
    const at99 = await f99.run;
    expect(at99.workload.vectors![0]?.index_type).toBe('bbq_hnsw');
    expect(f99.said()).toMatch(/recommended: bbq_hnsw, the cheapest plan among the types expected to reach your 99% recall target/);
  });

  it('shows a comparison table with every offered type, priced through the plan builder', async () => {
    const f = flow({ 'elasticsearch.license': ['enterprise'], 'corpus.documents': ['1M'], 'availability.replicas': ['1'] });
    await f.run;
    const table = f.said();
    // 1,000,000 vectors x 1024 dims x 2 copies: bbq_disk 0.0625 B/dim = 128,000,000 B = 122.1 MiB -> $122/mo;
    // hnsw 4 B/dim = 8,192,000,000 B = 7.6 GiB -> 7812.5 MiB -> $7,813/mo.
    expect(table).toMatch(/bbq_disk \(ES default\) \* +122\.1 MiB .*~95% +\$122\/mo/);
    expect(table).toMatch(/\n {2}hnsw +7\.6 GiB .*99%\+ +\$7,813\/mo/);
    // Five compared types, each planned once, plus the final plan.
    expect(f.calls).toHaveLength(6);
  });

  it('lists a type the pipeline cannot plan with the reason, and does not offer it', async () => {
    const prompter = new ScriptPrompter();
    let said = '';
    const picky = (w: Workload) => {
      if (w.vectors![0]?.index_type === 'hnsw') throw new UserError({ path: 'deployment.instance_families', message: 'no instance holds this much RAM' });
      return fakeBuildPlan(w);
    };
    await runFlow({ prompter, buildPlan: picky, say: (t) => void (said += t) });
    expect(said).toContain('  hnsw: cannot be planned: deployment.instance_families: no instance holds this much RAM');
    expect(said).not.toMatch(/\n {2}hnsw +\d/);
  });

  it('asks for the months of growth only when there is growth', async () => {
    const none = flow();
    await none.run;
    expect(none.prompter.asked).not.toContain('corpus.growth.months');
    const some = flow({ 'corpus.growth.monthly_rate': ['3%'], 'corpus.growth.months': ['24'] });
    const r = await some.run;
    expect(r.workload.corpus!.growth).toEqual({ monthly_rate: 0.03, months: 24 });
  });

  it('handles several vector fields and none', async () => {
    const two = await flow({ 'vectors.length': ['2'], 'vectors[1].model': ['multilingual-e5-small'] }).run;
    expect(two.workload.vectors!.map((v) => [v.field, v.dims])).toEqual([
      ['content_embedding', 1024],
      ['embedding_2', 384],
    ]);
    const none = await flow({ 'vectors.length': ['0'] }).run;
    expect(none.workload.vectors).toEqual([]);
  });

  it('with two fields, compares each with the other held: at its default first, then as chosen', async () => {
    const f = flow({ 'elasticsearch.license': ['enterprise'], 'vectors.length': ['2'], 'vectors[1].model': ['multilingual-e5-small'], 'vectors[0].index_type': ['hnsw'] });
    const result = await f.run;
    // Ten comparison plans (five types per field) and the final plan.
    expect(f.calls).toHaveLength(11);
    // Field 1 is still `auto` while field 0 varies: held at the 9.4 enterprise default, bbq_disk, made explicit.
    expect(f.calls.slice(0, 5).map((w) => w.vectors![1]!.index_type)).toEqual(Array(5).fill('bbq_disk'));
    // Field 0 was chosen (hnsw) before field 1 varies.
    expect(f.calls.slice(5, 10).map((w) => w.vectors![0]!.index_type)).toEqual(Array(5).fill('hnsw'));
    expect(f.said()).toContain('other fields held while content_embedding varies: embedding_2 on bbq_disk (ES default)');
    expect(f.said()).toContain('other fields held while embedding_2 varies: content_embedding on hnsw (as chosen)');
    expect(result.workload.vectors!.map((v) => v.index_type)).toEqual(['hnsw', 'bbq_disk']);
  });

  it('refuses more vector fields than the schema allows, with the same message, and asks again', async () => {
    const f = flow({ 'vectors.length': ['100000', '1'] });
    const r = await f.run;
    expect(f.prompter.rejected).toEqual([{ id: 'vectors.length', answer: '100000', message: expect.stringContaining('vectors: has more than 100 vector fields') }]);
    expect(r.workload.vectors).toHaveLength(1);
  });
});

describe('esplan wizard session', () => {
  it('prints the plan, saves workload.yaml and the commands to reuse it', async () => {
    const dir = tempDir();
    const t = io(dir);
    const prompter = new ScriptPrompter();
    const result = await runWizard({}, { prompter, buildPlan: (w) => fakeBuildPlan(w), io: t.io });
    expect(result.saved).toBe('workload.yaml');
    const saved = readWorkloadFile(join(dir, 'workload.yaml'));
    expect(saved).toEqual(result.workload);
    // The same renderer as `esplan recommend` (table format), and only the plan on stdout.
    expect(t.out()).toBe(renderPlan(result.plan, 'table', { explain: false, color: false }));
    expect(t.err()).toContain('esplan recommend --workload workload.yaml --json');
    expect(t.err()).toContain('esplan apply --workload workload.yaml --url https://localhost:9200');
    expect(prompter.defaults.get('save')).toBe(true);
    // The file remembers what the numbers mean: the model behind dims, why this index type.
    const text = readFileSync(join(dir, 'workload.yaml'), 'utf8');
    expect(text).toMatch(/^# Workload written by esplan wizard\. Size it again with: esplan recommend --workload workload\.yaml\n/);
    expect(text).toContain('dims: 1024 # Jina embeddings v5 text small\n');
    expect(text).toMatch(/index_type: bbq_hnsw # recommended by esplan wizard: the cheapest plan/);
  });

  it('never overwrites without asking', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'workload.yaml'), 'keep me\n');
    const declined = new ScriptPrompter({ 'save.overwrite': [false], 'save.path': ['workload.yaml', 'other.yaml'] });
    const r1 = await runWizard({}, { prompter: declined, buildPlan: (w) => fakeBuildPlan(w), io: io(dir).io });
    expect(readFileSync(join(dir, 'workload.yaml'), 'utf8')).toBe('keep me\n');
    expect(r1.saved).toBe('other.yaml');
    expect(declined.defaults.get('save.overwrite')).toBe(false);

    // Declining the overwrite and pressing Enter saves under a free name (workload.yaml and
    // workload-2.yaml are taken), not in a loop on the same question.
    writeFileSync(join(dir, 'workload-2.yaml'), 'keep me too\n');
    const enter = new ScriptPrompter({ 'save.overwrite': [false] });
    const r2 = await runWizard({}, { prompter: enter, buildPlan: (w) => fakeBuildPlan(w), io: io(dir).io });
    expect(enter.defaults.get('save.path')).toBe('workload-3.yaml');
    expect(r2.saved).toBe('workload-3.yaml');
    expect(readFileSync(join(dir, 'workload-2.yaml'), 'utf8')).toBe('keep me too\n');

    const accepted = new ScriptPrompter({ 'save.overwrite': [true] });
    await runWizard({}, { prompter: accepted, buildPlan: (w) => fakeBuildPlan(w), io: io(dir).io });
    expect(readWorkloadFile(join(dir, 'workload.yaml')).name).toBe('genai-search');
  });

  it('writes nothing when the user presses Ctrl-C', async () => {
    for (const at of ['corpus.documents', 'vectors[0].index_type', 'save', 'save.path']) {
      const dir = tempDir();
      const prompter = new ScriptPrompter({ [at]: [CTRL_C] });
      await expect(runWizard({}, { prompter, buildPlan: (w) => fakeBuildPlan(w), io: io(dir).io })).rejects.toMatchObject({ name: 'ExitPromptError' });
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('--from confirms an existing workload without asking the rest', async () => {
    const dir = tempDir();
    const prompter = new ScriptPrompter({ save: [false] });
    const result = await runWizard({ from: defaultWorkloadPath }, { prompter, buildPlan: (w) => fakeBuildPlan(w), io: io(dir).io });
    expect(prompter.asked).toEqual(['from.keep', 'save']);
    expect(result.workload).toEqual(readWorkloadFile(defaultWorkloadPath));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--from offers the file\'s values as defaults when changing it', async () => {
    const dir = tempDir();
    const prompter = new ScriptPrompter({ 'from.keep': [false], 'availability.replicas': ['2'] });
    const result = await runWizard({ from: defaultWorkloadPath }, { prompter, buildPlan: (w) => fakeBuildPlan(w), io: io(dir).io });
    // examples/rag-assistant.yaml: 20000000 documents of 6000 bytes, 3% growth, 4 chunks, enterprise 9.2.
    expect(prompter.defaults.get('corpus.documents')).toBe(20_000_000);
    expect(prompter.defaults.get('corpus.growth.monthly_rate')).toBe(0.03);
    expect(prompter.defaults.get('vectors[0].per_document')).toBe(4);
    expect(result.workload.availability.replicas).toBe(2);
    expect(result.workload.name).toBe('support-assistant');
    expect(result.workload.index!.name).toBe('support-docs');
    expect(result.workload.deployment.instance_families).toEqual(['r6gd', 'c8gd']);
  });

  it('--from keeps the file\'s dims without naming a model the file never named', async () => {
    const dir = tempDir();
    // examples/small-two-zone.yaml: one field of 768 dims and no model; a listed model also has 768.
    const prompter = new ScriptPrompter({ 'from.keep': [false] });
    const result = await runWizard({ from: join(examplesDir, 'small-two-zone.yaml') }, { prompter, buildPlan: (w) => fakeBuildPlan(w), io: io(dir).io });
    expect(prompter.defaults.get('vectors[0].model')).toBe('(as in the file)');
    expect(result.workload.vectors![0]?.dims).toBe(768);
    const text = readFileSync(join(dir, 'workload.yaml'), 'utf8');
    expect(text).toMatch(/dims: 768\n/);
  });

  it('lets an early answer conflict with a later one until that later question comes', async () => {
    const dir = tempDir();
    // examples/diskbbq-catalog.yaml: enterprise 9.4 with index_type bbq_disk, which needs enterprise.
    const prompter = new ScriptPrompter({ 'from.keep': [false], 'elasticsearch.license': ['basic'], save: [false] });
    const t = io(dir);
    const result = await runWizard({ from: join(examplesDir, 'diskbbq-catalog.yaml') }, { prompter, buildPlan: (w) => fakeBuildPlan(w), io: t.io });
    expect(prompter.rejected).toEqual([]);
    expect(t.err()).toContain('vectors[0].index_type: bbq_disk needs an enterprise license (workload has basic): choose again below.');
    // The index type question then offers only what a basic license allows; bbq_disk is gone.
    expect(result.workload.elasticsearch.license).toBe('basic');
    expect(result.workload.vectors![0]?.index_type).not.toBe('bbq_disk');
    expect(prompter.defaults.get('vectors[0].per_document')).toBe(1); // the schema default; the file omits it
  });

  it('keeps an index type the table does not compare (flat) when the file has one', async () => {
    const dir = tempDir();
    const file = join(dir, 'flat.yaml');
    writeFileSync(file, 'name: flat\ncorpus: { documents: 1000, source_bytes_per_document: 100 }\nvectors: [{ field: v, dims: 1024, index_type: bbq_flat }]\n');
    const prompter = new ScriptPrompter({ 'from.keep': [false], save: [false] });
    const result = await runWizard({ from: file }, { prompter, buildPlan: (w) => fakeBuildPlan(w), io: io(dir).io });
    expect(prompter.defaults.get('vectors[0].index_type')).toBe('bbq_flat');
    expect(result.workload.vectors![0]?.index_type).toBe('bbq_flat');
  });

  it('clears an optional value with none', async () => {
    const dir = tempDir();
    const prompter = new ScriptPrompter({ 'from.keep': [false], 'search.peak_qps': ['none'], 'deployment.region': ['none'], save: [false] });
    const result = await runWizard({ from: defaultWorkloadPath }, { prompter, buildPlan: (w) => fakeBuildPlan(w), io: io(dir).io });
    // examples/rag-assistant.yaml sets peak_qps 200 and region us-east-1; both are offered, then cleared.
    expect(prompter.defaults.get('search.peak_qps')).toBe('200');
    expect(result.workload.search.peak_qps).toBeUndefined();
    expect(result.workload.deployment.region).toBeUndefined();
  });

  it('--from with an invalid file stops before any question', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'corpus: { documents: -1, source_bytes_per_document: 10 }\n');
    const prompter = new ScriptPrompter();
    await expect(runWizard({ from: bad }, { prompter, buildPlan: (w) => fakeBuildPlan(w), io: io(dir).io })).rejects.toThrow(/corpus.documents: -1 cannot be negative/);
    expect(prompter.asked).toEqual([]);
  });
});

/** A two-index hybrid session: a knowledge base with text, semantic_text and routed tenants, and agent memory. */
const TWO_INDEX_HYBRID: Record<string, Answer[]> = {
  name: ['Support KB'],
  'indices.length': ['2'],
  'indices[0].index.name': ['kb-docs'],
  'indices[0].corpus.documents': ['2M'],
  'indices[0].corpus.source_bytes_per_document': ['8k'],
  // The first answer lacks a size: re-asked, naming the entry and the form.
  'indices[0].text_fields': ['title, body:800', 'title:12, body:800'],
  'indices[0].text_fields[0].analyzer': ['english'],
  'indices[0].text_fields[0].multi_fields': ['keyword'],
  'indices[0].text_fields[1].analyzer': ['english'],
  'indices[0].semantic_text': ['content:800'],
  'indices[0].tenancy': ['routing'],
  'indices[0].tenancy.tenants': ['500'],
  // 150% is no share: the schema's message for the field, then 4%.
  'indices[0].tenancy.largest_tenant_share': ['150%', '4%'],
  'indices[0].tenancy.routing_partition_size': ['2'],
  // kb-docs is taken by index 1: the schema refuses the duplicate.
  'indices[1].index.name': ['kb-docs', 'agent-memory'],
  'indices[1].corpus.documents': ['10M'],
  'indices[1].corpus.source_bytes_per_document': ['1k'],
  'indices[1].vectors[0].field': ['memory_embedding'],
  'indices[1].text_fields': ['summary:40'],
};

describe('esplan wizard with several indices', () => {
  it('asks one index by default and saves the single-index form', async () => {
    const f = flow();
    const result = await f.run;
    expect(f.prompter.defaults.get('indices.length')).toBe(1);
    // The new questions default to none: four Enter presses, nothing added to the file.
    for (const id of ['text_fields', 'semantic_text', 'tenancy']) expect(f.prompter.defaults.get(id)).toBe('none');
    expect(result.raw.indices).toBeUndefined();
    expect(result.raw).not.toHaveProperty('text_fields');
    expect(result.raw).not.toHaveProperty('semantic_text');
    expect(result.raw).not.toHaveProperty('tenancy');
  });

  it('builds two hybrid indices, re-asking bad answers with the field and the fix', async () => {
    const f = flow(TWO_INDEX_HYBRID);
    const result = await f.run;
    expect(f.prompter.unused()).toEqual({});
    const rejected = Object.fromEntries(f.prompter.rejected.map((r) => [`${r.id}=${String(r.answer)}`, r.message]));
    expect(rejected['indices[0].text_fields=title, body:800']).toBe('indices[0].text_fields: "title" is not name:words or name:bytes (e.g. body:6k bytes); write e.g. title:12, body:800, or none');
    expect(rejected['indices[0].tenancy.largest_tenant_share=150%']).toMatch(/^indices\[0\]\.tenancy\.largest_tenant_share: /);
    expect(rejected['indices[1].index.name=kb-docs']).toMatch(/^indices\[1\]\.index\.name: .*kb-docs/);
    expect(f.prompter.rejected).toHaveLength(3);

    // The saved answers are a workload file on their own, in the indices form.
    const raw = result.raw as { indices: Record<string, unknown>[] } & Record<string, unknown>;
    expect(parseWorkload(raw)).toEqual(result.workload);
    for (const key of ['index', 'corpus', 'vectors', 'text_fields', 'semantic_text', 'tenancy']) expect(raw).not.toHaveProperty(key);
    expect(raw.indices).toHaveLength(2);
    expect(raw.indices[0]).toEqual({
      index: { name: 'kb-docs' },
      corpus: { documents: 2_000_000, source_bytes_per_document: 8000, growth: { monthly_rate: 0, months: 12 } },
      vectors: [expect.objectContaining({ field: 'content_embedding', dims: 1024 })],
      text_fields: [
        { field: 'title', words_per_document: 12, analyzer: 'english', multi_fields: ['keyword'] },
        { field: 'body', words_per_document: 800, analyzer: 'english' },
      ],
      semantic_text: [{ field: 'content', words_per_document: 800 }],
      tenancy: { field: 'tenant_id', tenants: 500, largest_tenant_share: 0.04, strategy: 'routing', routing_partition_size: 2 },
    });
    expect(raw.indices[1]).toEqual({
      index: { name: 'agent-memory' },
      corpus: { documents: 10_000_000, source_bytes_per_document: 1000, growth: { monthly_rate: 0, months: 12 } },
      vectors: [expect.objectContaining({ field: 'memory_embedding', dims: 1024 })],
      text_fields: [{ field: 'summary', words_per_document: 40, analyzer: 'standard' }],
    });
    // Routed tenants mean filtered queries: suggested yes, kept by Enter.
    expect(f.prompter.defaults.get('search.filtered')).toBe(true);
    // Each index's field gets its own comparison, named with its index.
    expect(f.said()).toContain('Index types for content_embedding in kb-docs:');
    expect(f.said()).toContain('other fields held while memory_embedding in agent-memory varies: content_embedding in kb-docs on bbq_hnsw (as chosen)');
    // Basic license: four compared types per field (no bbq_disk), two fields, then the final plan.
    expect(f.calls).toHaveLength(4 * 2 + 1);
    // The fake sizes each index: 2M x 1024 dims x bbq_hnsw 0.25 B = 512,000,000 B for kb-docs,
    // 10M x 1024 x 0.25 = 2,560,000,000 B for agent-memory (one copy each).
    expect(result.plan.indices.map((ix) => [ix.name, ix.sizing.vector_ram_bytes])).toEqual([['kb-docs', 512_000_000], ['agent-memory', 2_560_000_000]]);
  });

  it('--from a two-index file: Enter everywhere keeps it; answering 1 index keeps the first in the single form', async () => {
    const first = await flow(TWO_INDEX_HYBRID).run;
    const start = { raw: first.raw, origin: 'hybrid.yaml' };
    const prompter = new ScriptPrompter({ 'from.keep': [false] });
    const again = await runFlow({ prompter, buildPlan: (w) => fakeBuildPlan(w), say: () => {} }, start);
    expect(prompter.rejected).toEqual([]);
    expect(again.workload).toEqual(first.workload);
    // The file's lists are offered as they read back.
    expect(prompter.defaults.get('indices.length')).toBe(2);
    expect(prompter.defaults.get('indices[0].text_fields')).toBe('title:12, body:800');
    expect(prompter.defaults.get('indices[0].tenancy')).toBe('routing');
    expect(prompter.defaults.get('indices[0].text_fields[0].multi_fields')).toBe('keyword');

    const one = await runFlow({ prompter: new ScriptPrompter({ 'from.keep': [false], 'indices.length': ['1'] }), buildPlan: (w) => fakeBuildPlan(w), say: () => {} }, start);
    expect(one.raw.indices).toBeUndefined();
    expect(one.workload.index?.name).toBe('kb-docs');
    expect(one.workload.text_fields?.map((t) => t.field)).toEqual(['title', 'body']);
    expect(one.workload.tenancy?.strategy).toBe('routing');
  });

  it('does not ask for semantic_text before Elasticsearch has it (8.15, formulas/inference.json)', async () => {
    const f = flow({ 'elasticsearch.version': ['8.14'] });
    await f.run;
    expect(f.prompter.asked).not.toContain('semantic_text');
    expect(f.said()).toContain('(semantic_text needs Elasticsearch 8.15 or later: not asked)');
    const g = flow({ 'elasticsearch.version': ['8.15'] });
    await g.run;
    expect(g.prompter.asked).toContain('semantic_text');
  });
});
