/**
 * `esplan check` as a user runs it (the built CLI) against the stand-in built to the plan of an
 * example workload (test/fake-es/cluster-from-plan.ts): silent with exit 0 on the cluster the plan
 * describes, each finding with exit 2 on a cluster built to show it, the measured/predicted ratio per
 * field, never a write, and errors with exit 1.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadModelData } from '../../src/data/model-data.js';
import { buildPlan } from '../../src/recommend/build-plan.js';
import { readWorkloadFile } from '../../src/cli/workload-file.js';
import { startFakeEs, type FakeElasticsearch } from '../fake-es/fake-es.js';
import {
  awarenessAbsent,
  cacheTooSmall,
  clusterFromPlan,
  copiesShareZone,
  replicasDrift,
  undersizedNode,
  vectorsAbovePlan,
  type StandIn,
} from '../fake-es/cluster-from-plan.js';
import { repoRoot, runCli } from '../apply/run-cli.js';

const API_KEY = Buffer.from('check-id:check-secret-key').toString('base64');
const data = loadModelData();
const example = (name: string) => join(repoRoot, 'examples', `${name}.yaml`);
const planOf = (name: string) => buildPlan(readWorkloadFile(example(name)), { esplanVersion: 'test', data });

const started: FakeElasticsearch[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

async function serve(c: StandIn): Promise<FakeElasticsearch> {
  const es = await startFakeEs({ auth: { apiKeys: [API_KEY] }, nodes: c.nodes, indices: c.indices, persistent: c.persistent, version: c.version });
  started.push(es);
  return es;
}

const check = (es: FakeElasticsearch, workload: string, ...extra: string[]) => runCli(['check', '-w', example(workload), '--url', es.url, ...extra], { ES_API_KEY: API_KEY });

describe('check on the cluster its plan describes', () => {
  it('is silent and exits 0, with the measured/predicted ratio per field, and sends only GET requests', async () => {
    const es = await serve(clusterFromPlan(planOf('rag-assistant')));
    const r = await check(es, 'rag-assistant', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ format_version: 1, result: 'match', findings: [], cluster: { version: '9.3.0' } });
    const [v] = doc.vectors;
    // The stand-in holds the plan's files scaled back to today (1 / growth_factor), split over 13 primaries:
    // the model, asked for the same vector count, agrees within the rounding of the split.
    expect(v).toMatchObject({ index: 'support-docs', field: 'content_embedding', index_type: 'bbq_hnsw', measurable: true });
    expect(v.ratio).toBeGreaterThan(0.99);
    expect(v.ratio).toBeLessThan(1.01);
    expect(Object.keys(v.files).sort()).toEqual(['veb', 'vec', 'vex']);
    expect(es.requests.length).toBeGreaterThan(5);
    expect(es.requests.every((q) => q.method === 'GET')).toBe(true);
    expect(r.stderr).not.toContain(API_KEY);
  });

  it('says so in text, fitting 80 columns', async () => {
    const es = await serve(clusterFromPlan(planOf('rag-assistant')));
    const r = await runCli(['check', '-w', example('rag-assistant'), '--url', es.url], { ES_API_KEY: API_KEY, COLUMNS: '80' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No findings: the cluster matches its plan.');
    expect(r.stdout).toMatch(/Nothing\s+was\s+written\./);
    for (const line of r.stdout.split('\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(80);
  });

  it('holds for several indices with semantic_text (hybrid-knowledge-base)', async () => {
    const es = await serve(clusterFromPlan(planOf('hybrid-knowledge-base')));
    const r = await check(es, 'hybrid-knowledge-base', '--json');
    const doc = JSON.parse(r.stdout);
    expect(doc.findings).toEqual([]);
    expect(r.code).toBe(0);
    expect(doc.plan.indices).toEqual(['kb-articles', 'agent-memory']);
    expect(doc.vectors.map((v: { index: string }) => v.index)).toContain('agent-memory');
  });
});

describe('each finding on a cluster built to show it (exit 2)', () => {
  const cases: [string, (c: StandIn) => StandIn, string][] = [
    ['copies of one shard in one zone', copiesShareZone, 'SHARD_COPIES_SHARE_ZONE'],
    ['a data node with half its heap', undersizedNode, 'NODES_DIFFER_FROM_PLAN'],
    ['one replica fewer', replicasDrift, 'INDEX_SETTINGS_DRIFT'],
    ['vector files 1.5 x the plan', (c) => vectorsAbovePlan(c), 'VECTOR_RAM_ABOVE_PLAN'],
    ['no awareness settings', awarenessAbsent, 'AWARENESS_MISSING'],
    ['a node without page cache for its vectors', cacheTooSmall, 'VECTOR_CACHE_TOO_SMALL'],
  ];
  for (const [what, breakIt, code] of cases) {
    it(`${code}: ${what}`, async () => {
      const es = await serve(breakIt(clusterFromPlan(planOf('rag-assistant'))));
      const r = await check(es, 'rag-assistant', '--json');
      expect(r.code).toBe(2);
      const doc = JSON.parse(r.stdout);
      expect(doc.result).toBe('findings');
      expect(doc.findings.map((f: { code: string }) => f.code)).toContain(code);
      for (const f of doc.findings) expect(f).toEqual(expect.objectContaining({ severity: expect.stringMatching(/^(error|warning)$/), message: expect.any(String) }));
      expect(es.requests.every((q) => q.method === 'GET')).toBe(true);
    });
  }

  it('SHARD_SIZE_OUT_OF_RANGE when the shards hold far more than planned', async () => {
    const c = clusterFromPlan(planOf('rag-assistant'), { fillRatio: 3 });
    const es = await serve(c);
    const doc = JSON.parse((await check(es, 'rag-assistant', '--json')).stdout);
    expect(doc.findings.map((f: { code: string }) => f.code)).toContain('SHARD_SIZE_OUT_OF_RANGE');
  });

  it('INDEX_MISSING when the cluster has no index for the plan yet', async () => {
    const c = clusterFromPlan(planOf('rag-assistant'));
    const es = await serve({ ...c, indices: [] });
    const r = await check(es, 'rag-assistant', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).findings).toEqual([expect.objectContaining({ code: 'INDEX_MISSING', index: 'support-docs' })]);
  });
});

describe('versions', () => {
  it('9.0 has no off-heap stats: the field is not measurable (never 0) and check stays silent', async () => {
    const es = await serve(clusterFromPlan(planOf('rag-assistant'), { version: '9.0.2' }));
    const r = await check(es, 'rag-assistant', '--json');
    const doc = JSON.parse(r.stdout);
    expect(r.code).toBe(0);
    expect(doc.vectors[0]).toMatchObject({ measurable: false, measured_off_heap_bytes: null, ratio: null });
  });

  it('9.2 bbq_disk reports only raw vectors: not measurable; 9.3 measures it', async () => {
    const plan = planOf('diskbbq-catalog');
    expect(plan.indices[0]!.sizing.vectors.some((v) => v.index_type === 'bbq_disk')).toBe(true);
    const old = await serve(clusterFromPlan(plan, { version: '9.2.0' }));
    const before = JSON.parse((await check(old, 'diskbbq-catalog', '--json')).stdout);
    expect(before.vectors.find((v: { index_type: string }) => v.index_type === 'bbq_disk')).toMatchObject({ measurable: false });
    const now = await serve(clusterFromPlan(plan, { version: '9.3.0' }));
    const after = JSON.parse((await check(now, 'diskbbq-catalog', '--json')).stdout);
    const v = after.vectors.find((x: { index_type: string }) => x.index_type === 'bbq_disk');
    expect(v.measurable).toBe(true);
    expect(v.ratio).toBeGreaterThan(0.99);
    expect(v.ratio).toBeLessThan(1.01);
  });
});

describe('--disk-usage and --write-calibration', () => {
  it('--disk-usage sends one read-only POST _disk_usage per index and reports each field\'s bytes on disk', async () => {
    const es = await serve(clusterFromPlan(planOf('rag-assistant')));
    const r = await check(es, 'rag-assistant', '--json', '--disk-usage');
    expect(r.code).toBe(0);
    const others = es.requests.filter((q) => q.method !== 'GET');
    expect(others.map((q) => `${q.method} ${q.path} ${q.query.run_expensive_tasks}`)).toEqual(['POST /support-docs/_disk_usage true']);
    const v = JSON.parse(r.stdout).vectors[0];
    expect(v.disk_usage_bytes).toBeGreaterThan(0);
    expect(v.disk_usage_bytes / v.predicted_disk_bytes).toBeGreaterThan(0.99);
    expect(v.disk_usage_bytes / v.predicted_disk_bytes).toBeLessThan(1.01);
  });

  it('--write-calibration writes the measured bytes per vector per file for the field\'s key', async () => {
    const es = await serve(vectorsAbovePlan(clusterFromPlan(planOf('rag-assistant')), 1.2));
    const file = join(mkdtempSync(join(tmpdir(), 'esplan-cal-')), 'cal.json');
    const r = await check(es, 'rag-assistant', '--write-calibration', file);
    expect(r.code).toBe(2);
    const cal = JSON.parse(readFileSync(file, 'utf8'));
    expect(cal).toMatchObject({ kind: 'esplan-calibration', format_version: 1, cluster: { name: 'fake-cluster', version: '9.3.0' } });
    expect(cal.entries).toEqual([expect.objectContaining({ index_type: 'bbq_hnsw', element_type: 'float', dims: 1024, m: 16 })]);
    // veb per vector: ceil(1024/64) x 8 + 14 = 142 bytes, here x 1.2 = 170.4 (within the split's rounding).
    expect(cal.entries[0].bytes_per_vector.veb).toBeCloseTo(170.4, 0);
    expect(r.stderr).toMatch(/wrote 1 calibration entry/);
  });

  it('round-trips into recommend --calibration: the field sized from the measurement, the plan naming the file and date', async () => {
    const es = await serve(vectorsAbovePlan(clusterFromPlan(planOf('rag-assistant')), 1.2));
    const file = join(mkdtempSync(join(tmpdir(), 'esplan-cal-')), 'cal.json');
    await check(es, 'rag-assistant', '--write-calibration', file);
    const cal = JSON.parse(readFileSync(file, 'utf8'));
    const r = await runCli(['recommend', '-w', example('rag-assistant'), '--calibration', file, '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.calibration).toMatchObject({ file, created: cal.created, cluster: { name: 'fake-cluster' } });
    expect(plan.calibration.applied.map((a: { field: string }) => a.field)).toEqual(['content_embedding']);
    const v = plan.sizing.vectors[0];
    const veb = v.files.find((f: { ext: string }) => f.ext === 'veb');
    // The plan's veb is the measured bytes per vector times the horizon's vectors.
    expect(veb.bytes).toBe(Math.ceil(cal.entries[0].bytes_per_vector.veb * v.vector_count));
    expect(plan.warnings.map((w: { code: string }) => w.code)).toContain('CALIBRATION_USED');
    // And check against that calibrated plan agrees with the cluster it was measured on.
    const saved = join(mkdtempSync(join(tmpdir(), 'esplan-plan-')), 'plan.json');
    writeFileSync(saved, r.stdout);
    const rerun = await runCli(['check', saved, '--url', es.url, '--json'], { ES_API_KEY: API_KEY });
    const again = JSON.parse(rerun.stdout);
    expect(again.plan.calibration).toEqual({ file, created: cal.created });
    // The model alone says 1.2 (the stand-in's files are 1.2 x its figures); the calibrated plan predicts what was measured.
    expect(again.vectors[0].ratio).toBeGreaterThan(0.99);
    expect(again.vectors[0].ratio).toBeLessThan(1.01);
    // The calibrated plan is bigger (more primaries for the larger vectors): the cluster built to the
    // model's plan now differs in its layout, which is the point of re-planning, but not in vector RAM.
    expect(again.findings.map((f: { code: string }) => f.code)).not.toContain('VECTOR_RAM_ABOVE_PLAN');
    expect(again.findings.map((f: { setting?: string }) => f.setting)).toContain('index.number_of_shards');
  });

  it('never writes the calibration over the workload, before connecting', async () => {
    const before = readFileSync(example('rag-assistant'), 'utf8');
    const r = await runCli(['check', '-w', example('rag-assistant'), '--url', 'http://127.0.0.1:9', '--write-calibration', example('rag-assistant'), '--overwrite']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--write-calibration/);
    expect(r.stderr).not.toMatch(/connection refused/);
    expect(readFileSync(example('rag-assistant'), 'utf8')).toBe(before);
  });

  it('refuses an existing --write-calibration file without --overwrite', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'esplan-cal-')), 'cal.json');
    writeFileSync(file, 'keep');
    const r = await runCli(['check', '-w', example('rag-assistant'), '--url', 'http://127.0.0.1:9', '--write-calibration', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--overwrite/);
    expect(readFileSync(file, 'utf8')).toBe('keep');
  });
});

describe('plans saved by apply', () => {
  it('checks a plan saved by apply --plan-out, and refuses it against another cluster (uuid compared)', async () => {
    const c = clusterFromPlan(planOf('rag-assistant'));
    const es = await serve(c);
    // apply refuses a snapshot policy without its repository (rag-assistant snapshots to `backups`).
    es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
    const saved = join(mkdtempSync(join(tmpdir(), 'esplan-saved-')), 'plan.json');
    const dry = await runCli(['apply', '-w', example('rag-assistant'), '--url', es.url, '--dry-run', '--plan-out', saved], { ES_API_KEY: API_KEY });
    expect(dry.code).toBe(2);
    const r = await runCli(['check', saved, '--url', es.url, '--json'], { ES_API_KEY: API_KEY });
    expect(JSON.parse(r.stdout).result).toBe('match');
    expect(r.code).toBe(0);
    const other = await startFakeEs({ auth: { apiKeys: [API_KEY] }, nodes: c.nodes, indices: c.indices, persistent: c.persistent, version: c.version, clusterUuid: 'another-cluster-uuid' });
    started.push(other);
    const refused = await runCli(['check', saved, '--url', other.url], { ES_API_KEY: API_KEY });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the saved plan was made for/);
  });
});

describe('errors (exit 1)', () => {
  it('a stats reply of the wrong shape is an error naming the endpoint and field, never a silent 0', async () => {
    const c = clusterFromPlan(planOf('rag-assistant'));
    const es = await startFakeEs({
      auth: { apiKeys: [API_KEY] },
      nodes: c.nodes,
      indices: c.indices,
      persistent: c.persistent,
      version: c.version,
      fault: (_n, _method, path) => (path === '/_nodes/stats/jvm,os,fs' ? { kind: 'raw', text: '{"nodes":{"n1":{"jvm":{"mem":{"heap_max_in_bytes":"12kb"}}}}}' } : undefined),
    });
    started.push(es);
    const r = await check(es, 'rag-assistant');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unexpected reply from GET \/_nodes\/stats\/jvm,os,fs: nodes\.n1\.jvm\.mem\.heap_max_in_bytes must be a number/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('--help shows examples and the exit codes', async () => {
    const r = await runCli(['check', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n {2}esplan check -w my\.yaml --url/);
    expect(r.stdout).toContain('Exit codes: 0 the cluster matches its plan, 2 findings, 1 error.');
  });

  it('a refused connection is one JSON error document with --json, naming the URL', async () => {
    const r = await runCli(['check', '-w', example('rag-assistant'), '--url', 'http://127.0.0.1:9', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: 'error', errors: [expect.objectContaining({ message: expect.stringMatching(/connection refused/) })] });
  });

  it('a missing index privilege is named as one', async () => {
    const c = clusterFromPlan(planOf('rag-assistant'));
    const es = await startFakeEs({ auth: { apiKeys: [API_KEY] }, nodes: c.nodes, indices: c.indices, persistent: c.persistent, version: c.version, deniedPrivileges: ['index:view_index_metadata'] });
    started.push(es);
    const r = await check(es, 'rag-assistant');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/index privilege "view_index_metadata" is missing/);
    expect(r.stderr).not.toContain(API_KEY);
  });

  it('without a plan or workload, says what is needed', async () => {
    const r = await runCli(['check', '--url', 'http://127.0.0.1:9']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--workload: is required \(or a plan file\)/);
  });
});
