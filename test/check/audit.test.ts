/**
 * The audit of `esplan check`, on snapshots built by hand to a plan (snapshot-builder.ts): silent on a
 * cluster that matches, and each finding on either side of the boundary where it flips. The vector
 * workload is bbq_flat at 1024 dims, whose resident file the model predicts exactly:
 * veb = (ceil(1024 / 64) x 8 + 14) = 142 bytes per vector (formulas/vectors.json vectors.codec.bbq.code_bytes).
 */
import { describe, expect, it } from 'vitest';
import { auditCluster } from '../../src/cluster/check/audit.js';
import { loadCheckPolicy } from '../../src/data/check-policy.js';
import type { ClusterSnapshot } from '../../src/cluster/check/snapshot.js';
import { data, flatWorkload, planOf, snapshotFor } from './snapshot-builder.js';

const policy = loadCheckPolicy();
const audit = (s: ClusterSnapshot, plan = flat) => auditCluster(s, plan, { sizing: data, policy });
const codes = (s: ClusterSnapshot, plan = flat) => audit(s, plan).findings.map((f) => f.code);

const flat = planOf(flatWorkload());
const N = 1_000_000;
/** One copy of the index: 1,000,000 vectors; raw .vec 4096 B each (1024 x 4), veb 142 B each. */
const exact = { 'check-test': { emb: { vec: N * 4096, veb: N * 142 } } };

describe('a cluster built exactly to its plan', () => {
  it('gives no findings, and the model agrees with the measurement to the byte (ratio 1)', () => {
    const r = audit(snapshotFor(flat, { files: exact, vectors: { 'check-test': N } }));
    expect(r.findings).toEqual([]);
    expect(r.vectors).toEqual([
      expect.objectContaining({
        index: 'check-test',
        field: 'emb',
        value_count: N,
        predicted_ram_bytes: 142_000_000,
        measured_off_heap_bytes: 142_000_000,
        // AutoOps' total counts the raw vectors too: 142 + 4096 bytes a vector.
        measured_total_off_heap_bytes: 4_238_000_000,
        ratio: 1,
        measurable: true,
      }),
    ]);
    expect(r.measured).toEqual([{ index: 'check-test', field: 'emb', index_type: 'bbq_flat', element_type: 'float', dims: 1024, m: null, vectors: N, files: { vec: N * 4096, veb: N * 142 } }]);
  });

  it("predicts for today's vectors, not the horizon's: half the vectors, half the prediction", () => {
    const r = audit(snapshotFor(flat, { files: { 'check-test': { emb: { vec: (N / 2) * 4096, veb: (N / 2) * 142 } } }, vectors: { 'check-test': N / 2 } }));
    expect(r.vectors[0]).toMatchObject({ value_count: 500_000, predicted_ram_bytes: 71_000_000, ratio: 1 });
  });
});

describe('VECTOR_RAM_ABOVE_PLAN (tolerance 10%, formulas/check.json)', () => {
  const withVeb = (perVector: number) => snapshotFor(flat, { files: { 'check-test': { emb: { vec: N * 4096, veb: N * perVector } } }, vectors: { 'check-test': N } });
  it('fires above 1.10 x the model and not at or below it', () => {
    // 157 / 142 = 1.1056 > 1.10; 156 / 142 = 1.0986.
    expect(codes(withVeb(157))).toEqual(['VECTOR_RAM_ABOVE_PLAN']);
    expect(codes(withVeb(156))).toEqual([]);
    const f = audit(withVeb(157)).findings[0]!;
    expect(f).toMatchObject({ severity: 'warning', index: 'check-test', field: 'emb', expected: 142_000_000, actual: 157_000_000, ratio: 1.1056 });
  });
  it('does not count the raw .vec of a quantized type: ten times the raw bytes change nothing', () => {
    const r = audit(snapshotFor(flat, { files: { 'check-test': { emb: { vec: N * 40960, veb: N * 142 } } }, vectors: { 'check-test': N } }));
    expect(r.findings).toEqual([]);
    expect(r.vectors[0]!.ratio).toBe(1);
  });
});

describe('versions without the statistics', () => {
  it('9.0 has no off-heap stats: not measurable, never 0, and no vector finding', () => {
    const r = audit(snapshotFor(flat, { version: '9.0.3', files: exact, vectors: { 'check-test': N } }));
    expect(r.vectors[0]).toMatchObject({ measurable: false, measured_off_heap_bytes: null, ratio: null });
    expect(r.vectors[0]!.not_measurable_reason).toMatch(/from 9\.1; the cluster runs 9\.0\.3/);
    expect(r.measured).toEqual([]);
    expect(r.findings).toEqual([]);
  });
  it('9.2 reports only raw vectors for bbq_disk: not measurable until 9.3', () => {
    const disk = planOf(flatWorkload({ vectors: [{ field: 'emb', dims: 1024, element_type: 'float', per_document: 1, index_type: 'bbq_disk', similarity: 'cosine' }] }));
    const r = audit(snapshotFor(disk, { version: '9.2.1', files: { 'check-test': { emb: { vec: N * 4096 } } }, vectors: { 'check-test': N } }), disk);
    expect(r.vectors[0]).toMatchObject({ measurable: false, index_type: 'bbq_disk' });
    expect(r.vectors[0]!.not_measurable_reason).toMatch(/cenivf, clivf.*from 9\.3/);
  });
  it('bbq_disk on 9.3 counts centroids and the planned share of posting lists', () => {
    const disk = planOf(flatWorkload({ vectors: [{ field: 'emb', dims: 1024, element_type: 'float', per_document: 1, index_type: 'bbq_disk', similarity: 'cosine' }] }));
    const v = disk.indices[0]!.sizing.vectors[0]!;
    const fraction = v.resident_fraction!;
    const r = audit(snapshotFor(disk, { files: { 'check-test': { emb: { vec: N * 4096, cenivf: 1_000_000, clivf: 200_000_000 } } }, vectors: { 'check-test': N } }), disk);
    expect(r.vectors[0]!.measured_off_heap_bytes).toBe(Math.round(1_000_000 + 200_000_000 * fraction));
  });
});

describe('zones and awareness', () => {
  it('SHARD_COPIES_SHARE_ZONE when a replica sits in its primary zone', () => {
    const s = snapshotFor(flat, { files: exact, vectors: { 'check-test': N } });
    // Copy 1 of shard 0 moves from zone-1 to the zone-0 node.
    s.shards[1]!.node_id = 'data-0-0';
    const f = audit(s).findings;
    expect(f.map((x) => x.code)).toEqual(['SHARD_COPIES_SHARE_ZONE']);
    expect(f[0]).toMatchObject({ severity: 'error', index: 'check-test', shards: [0], zones: ['zone-0'] });
  });
  it('AWARENESS_MISSING for the attribute setting, the forced values, and nodes without a zone', () => {
    const s = snapshotFor(flat, { files: exact, vectors: { 'check-test': N } });
    s.awareness = { attributes: [], force: {} };
    expect(codes(s)).toEqual(['AWARENESS_MISSING', 'AWARENESS_MISSING']);
    const t = snapshotFor(flat, { files: exact, vectors: { 'check-test': N } });
    t.awareness.force.zone = ['zone-0', 'zone-1'];
    expect(audit(t).findings).toEqual([expect.objectContaining({ code: 'AWARENESS_MISSING', severity: 'warning', expected: ['zone-0', 'zone-1', 'zone-2'], actual: ['zone-0', 'zone-1'] })]);
    const u = snapshotFor(flat, { files: exact, vectors: { 'check-test': N } });
    u.nodes[2]!.attributes = {};
    expect(audit(u).findings.map((x) => [x.code, x.nodes ?? x.setting])).toContainEqual(['AWARENESS_MISSING', ['data-2-0']]);
  });
  it('SHARD_UNASSIGNED for a copy no node holds', () => {
    const s = snapshotFor(flat, { files: exact, vectors: { 'check-test': N } });
    s.shards[2] = { ...s.shards[2]!, node_id: null, state: 'UNASSIGNED', off_heap: null };
    expect(codes(s)).toEqual(['SHARD_UNASSIGNED']);
  });
});

describe('NODES_DIFFER_FROM_PLAN', () => {
  const tier = flat.tiers.find((t) => t.role === 'data')!;
  it('fires with a data node missing from a zone', () => {
    const s = snapshotFor(flat, { files: exact, vectors: { 'check-test': N } });
    s.nodes = s.nodes.filter((n) => n.id !== 'data-2-0');
    s.shards = s.shards.filter((c) => c.node_id !== 'data-2-0');
    expect(audit(s).findings[0]).toMatchObject({ code: 'NODES_DIFFER_FROM_PLAN', role: 'data', expected: [1, 1, 1], actual: [1, 1] });
  });
  it('heap: 3% below the plan fires, 1% below does not (tolerance 2%)', () => {
    const s = snapshotFor(flat, { files: exact, vectors: { 'check-test': N } });
    s.nodes[0]!.heap_max_bytes = Math.floor(tier.heap_bytes! * 0.97);
    expect(audit(s).findings).toEqual([expect.objectContaining({ code: 'NODES_DIFFER_FROM_PLAN', node: 'data-0-0', resource: 'heap' })]);
    s.nodes[0]!.heap_max_bytes = Math.floor(tier.heap_bytes! * 0.99);
    expect(codes(s)).toEqual([]);
  });
  it('RAM and disk: below their tolerances (6%, 5%) fire, within them do not', () => {
    const s = snapshotFor(flat, { files: exact, vectors: { 'check-test': N } });
    s.nodes[1]!.ram_bytes = tier.memory_gib * 1024 ** 3 * 0.95;
    s.nodes[1]!.disk_total_bytes = tier.disk_gb * 1e9 * 0.96;
    expect(codes(s)).toEqual([]);
    s.nodes[1]!.ram_bytes = tier.memory_gib * 1024 ** 3 * 0.93;
    s.nodes[1]!.disk_total_bytes = tier.disk_gb * 1e9 * 0.94;
    expect(audit(s).findings.map((f) => f.resource)).toEqual(['RAM', 'disk']);
  });
});

describe('INDEX_SETTINGS_DRIFT and INDEX_MISSING', () => {
  it('names each setting that differs, with expected and actual', () => {
    const s = snapshotFor(flat, { files: exact, vectors: { 'check-test': N } });
    const ix = s.indices['check-test']![0]!;
    ix.replicas = 1;
    ix.routing_num_shards = 1;
    ix.vector_mappings[0]!.index_options = { type: 'int8_hnsw', m: 16, ef_construction: 100 };
    const f = audit(s).findings.filter((x) => x.code === 'INDEX_SETTINGS_DRIFT');
    expect(f.map((x) => [x.setting, x.expected, x.actual])).toEqual([
      ['index.number_of_replicas', 2, 1],
      ['routing_num_shards', 1024, 1],
      ['emb.index_options.type', 'bbq_flat', 'int8_hnsw'],
    ]);
  });
  it('INDEX_MISSING when no index matches the plan index', () => {
    const s = snapshotFor(flat, { files: exact, vectors: { 'check-test': N } });
    s.indices['check-test'] = [];
    s.shards = [];
    expect(audit(s).findings).toEqual([expect.objectContaining({ code: 'INDEX_MISSING', index: 'check-test' })]);
    expect(audit(s).vectors).toEqual([]);
  });
});

describe('SHARD_SIZE_OUT_OF_RANGE (10-50 GiB, 200M documents: formulas/shards.json)', () => {
  const GIB = 1024 ** 3;
  it('now: above 50 GiB fires as an error, 50 GiB itself does not', () => {
    expect(codes(snapshotFor(flat, { files: exact, vectors: { 'check-test': N }, shardBytes: 50 * GIB }))).toEqual([]);
    const f = audit(snapshotFor(flat, { files: exact, vectors: { 'check-test': N }, shardBytes: 50 * GIB + 1 })).findings;
    expect(f).toEqual([expect.objectContaining({ code: 'SHARD_SIZE_OUT_OF_RANGE', severity: 'error', when: 'now', shards: [0] })]);
  });
  it('at 200M documents now', () => {
    expect(codes(snapshotFor(flat, { files: exact, vectors: { 'check-test': N }, shardDocs: 199_999_999 }))).toEqual([]);
    expect(codes(snapshotFor(flat, { files: exact, vectors: { 'check-test': N }, shardDocs: 200_000_000 }))).toEqual(['SHARD_SIZE_OUT_OF_RANGE']);
  });
  it("at the horizon: today's size grown by the workload's growth", () => {
    const growing = planOf(flatWorkload({ corpus: { documents: 1_000_000, source_bytes_per_document: 2000, growth: { monthly_rate: 0.05, months: 12 } } }));
    const g = growing.indices[0]!.sizing.growth_factor!;
    // 1.05^12 = 1.7959: 28 GiB today is 50.3 GiB at the horizon; 27 GiB is 48.5 GiB.
    expect(g).toBeCloseTo(1.7959, 4);
    const at = (bytes: number) => audit(snapshotFor(growing, { files: exact, vectors: { 'check-test': N }, shardBytes: bytes }), growing).findings.filter((f) => f.code === 'SHARD_SIZE_OUT_OF_RANGE');
    expect(at(28 * GIB)).toEqual([expect.objectContaining({ severity: 'warning', when: 'horizon' })]);
    expect(at(27 * GIB)).toEqual([]);
  });
});

describe('VECTOR_CACHE_TOO_SMALL', () => {
  it("fires when a node's resident working set exceeds its page cache after heap and OS reserve", () => {
    const s = snapshotFor(flat, { files: exact, vectors: { 'check-test': N } });
    const node = s.nodes[0]!;
    // Working set of each node: one copy's veb, 142,000,000 bytes (the raw .vec is not resident).
    // Page cache = RAM - heap - RAM/16 (os_reserve_ratio 0.0625).
    node.ram_bytes = 400_000_000;
    node.heap_max_bytes = 200_000_000;
    // 400e6 - 200e6 - 25e6 = 175e6 >= 142e6: fits.
    expect(codes(s)).not.toContain('VECTOR_CACHE_TOO_SMALL');
    node.heap_max_bytes = 240_000_000;
    // 400e6 - 240e6 - 25e6 = 135e6 < 142e6.
    const f = audit(s).findings.find((x) => x.code === 'VECTOR_CACHE_TOO_SMALL');
    expect(f).toMatchObject({ node: 'data-0-0', expected: 135_000_000, actual: 142_000_000 });
  });
});

describe('several vector fields in one index', () => {
  it('derives each field\'s vector count from its raw .vec bytes (count x dims x 4 for float)', () => {
    const two = planOf(
      flatWorkload({
        vectors: [
          { field: 'a', dims: 1024, element_type: 'float', per_document: 1, index_type: 'bbq_flat', similarity: 'cosine' },
          { field: 'b', dims: 1024, element_type: 'float', per_document: 2, index_type: 'bbq_flat', similarity: 'cosine' },
        ],
      }),
    );
    const s = snapshotFor(two, { files: { 'check-test': { a: { vec: N * 4096, veb: N * 142 }, b: { vec: 2 * N * 4096, veb: 2 * N * 142 } } }, vectors: { 'check-test': 3 * N } });
    const r = audit(s, two);
    expect(r.vectors.map((v) => [v.field, v.value_count, v.predicted_ram_bytes, v.ratio])).toEqual([
      ['a', N, 142_000_000, 1],
      ['b', 2 * N, 284_000_000, 1],
    ]);
    expect(r.findings).toEqual([]);
  });
});
