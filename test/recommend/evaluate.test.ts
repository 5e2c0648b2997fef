/**
 * `esplan evaluate`'s pure core: a given data tier's capacity, with every figure derived by hand
 * from the published rules (thread pool int(processors x 3 / 2) + 1, one busy thread per
 * processor, 75% target utilisation, one zone lost; low watermark 85% or 200 GiB free) and a
 * measured per-shard time, so the arithmetic does not depend on the query-cost model's constants.
 */
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { UserError } from '../../src/model/problems.js';
import { chooseTopology, type TopologyOptions } from '../../src/recommend/choose-topology.js';
import { monthsUntil } from '../../src/recommend/capacity.js';
import { evaluateTopology } from '../../src/recommend/evaluate-topology.js';
import { sizingFixture } from './sizing-fixture.js';
import { modelData } from '../helpers/model-data.js';

const GIB = 1024 ** 3;
const noResize: TopologyOptions = { data: modelData, resize: () => { throw new Error('not in this test'); } };

function workload(opts: { search?: Record<string, unknown>; replicas?: number; zones?: 2 | 3; growth?: { monthly_rate: number; months: number } } = {}) {
  return parseWorkload({
    corpus: { documents: 1000, source_bytes_per_document: 100, ...(opts.growth ? { growth: opts.growth } : {}) },
    vectors: [{ field: 'e', dims: 1024 }],
    search: opts.search ?? { peak_qps: 600, shard_query_ms: 5 },
    availability: { zones: opts.zones ?? 3, replicas: opts.replicas ?? 1 },
    deployment: { provider: 'aws' },
  });
}

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err.problems.map((p) => `${p.path}: ${p.message} (fix: ${p.fix ?? ''})`).join('\n');
    throw err;
  }
  throw new Error('expected a UserError');
}

describe('evaluateTopology: 3 x r6gd.4xlarge, 3 primaries, 1 replica, 3 zones', () => {
  // 6 shard copies over 3 nodes in 3 zones: 2 on the fullest node.
  const sizing = sizingFixture({ ramBytes: GIB, diskBytes: 10e9, primaries: 3, replicas: 1 });
  const t = evaluateTopology(workload(), sizing, { instance_type: 'r6gd.4xlarge', nodes: 3 }, noResize);
  const c = t.capacity;

  it('keeps the given tier', () => {
    expect(t.tiers[0]).toMatchObject({ role: 'data', instance_type: 'r6gd.4xlarge', nodes: 3, nodes_per_zone: [1, 1, 1] });
    expect(c.data_tier.fullest_node_shard_copies).toBe(2);
    expect(t.alternatives).toEqual([]);
  });

  it('derives saturation and max-peak QPS', () => {
    // 16 vCPU: pool int(48 / 2) + 1 = 25, at most 16 busy.
    expect(c.search.busy_threads_per_node).toBe(16);
    // Every copy serving: each search costs the fullest node 2 copies x 5 ms / 2 copies = 5 ms: 16 / 0.005 = 3200 QPS.
    expect(c.search.saturation_qps).toBe(3200);
    // One zone lost: 1 copy of 2 serves, 2 x 5 ms / 1 = 10 ms per search; 16 x 0.75 = 12 threads: 1200 QPS.
    expect(c.search.max_peak_qps).toBe(1200);
    expect(c.search.serving_copies).toBe(2);
    expect(c.search.serving_copies_zone_lost).toBe(1);
    expect(c.search.peak_qps).toBe(600);
    expect(c.search.peak_share_of_max).toBe(0.5); // 600 / 1200
    // One query, idle: ceil(3 primaries / 3 nodes) = 1 shard request per node, 5 ms; a measured time holds coordination.
    expect(c.search.latency_ms).toBe(5);
    expect(c.search.overhead_ms).toBe(0);
    expect(c.search.shard_query_ms_basis).toBe('measured');
  });

  it('derives RAM and disk headroom of the fullest node', () => {
    // 2 of 3 shards' worth of one copy: ceil(2 x 1 GiB / 3) and ceil(2 x 10e9 / 3).
    expect(c.ram.needed_bytes).toBe(715_827_883);
    expect(c.disk.needed_bytes).toBe(6_666_666_667);
    // 950 GB of NVMe, less min(15%, 200 GiB) = 142.5 GB below the low watermark: 807.5 GB.
    expect(c.disk.available_bytes).toBe(807_500_000_000);
    expect(c.disk.headroom_bytes).toBe(807_500_000_000 - 6_666_666_667);
    expect(c.disk.headroom_ratio).toBe(0.992); // 800,833,333,333 / 807.5e9 = 0.99174
    expect(c.disk.fits && c.ram.fits).toBe(true);
    expect(c.disk.months_until_low_watermark).toBeNull(); // no growth
  });

  it('matches what recommend reports for the same tier', () => {
    const r = chooseTopology(workload(), sizing, noResize);
    const again = evaluateTopology(workload(), sizing, { instance_type: r.tiers[0]!.instance_type, nodes: r.tiers[0]!.nodes }, noResize);
    expect(again.capacity).toEqual(r.capacity);
    expect(again.monthly_usd).toBe(r.monthly_usd);
  });
});

describe('evaluateTopology: warns, never refuses, a tier that is short', () => {
  it('a disk too small: above the low watermark, reported with its shortfall', () => {
    // 600 GB in 3 primaries, no replica: 200 GB on each of 3 r6gd.large (118 GB NVMe: 100.3 GB below the watermark).
    const sizing = sizingFixture({ ramBytes: GIB, diskBytes: 600e9, primaries: 3, replicas: 0 });
    const t = evaluateTopology(workload({ replicas: 0 }), sizing, { instance_type: 'r6gd.large', nodes: 3 }, noResize);
    expect(t.capacity.disk.fits).toBe(false);
    expect(t.capacity.disk.available_bytes).toBe(100_300_000_000); // 118e9 - 0.15 x 118e9
    expect(t.capacity.disk.months_until_low_watermark).toBe(0);
    const codes = t.warnings.map((w) => w.code);
    expect(codes).toContain('DISK_ABOVE_LOW_WATERMARK');
    expect(codes).toContain('DATA_NODE_BELOW_GUIDANCE'); // 2 vCPU / 16 GiB, below 16 vCPU / 64 GiB
    expect(codes).toContain('NOT_HIGHLY_AVAILABLE'); // replicas 0
    expect(codes.filter((c) => c === 'NOT_HIGHLY_AVAILABLE')).toHaveLength(1);
  });

  it('a tier above the band: DATA_NODE_ABOVE_GUIDANCE, as one below it gets DATA_NODE_BELOW_GUIDANCE', () => {
    // r6gd.16xlarge: 64 vCPU / 512 GiB, above the reference architecture's 32 vCPU / 256 GB; r6gd.8xlarge (32 / 256) is at the ceiling.
    const sizing = sizingFixture({ ramBytes: GIB, diskBytes: 20e9, primaries: 1, replicas: 1 });
    const above = evaluateTopology(workload(), sizing, { instance_type: 'r6gd.16xlarge', nodes: 3 }, noResize);
    expect(above.warnings.find((x) => x.code === 'DATA_NODE_ABOVE_GUIDANCE')?.message).toMatch(/64 vCPU and 512 GiB of RAM, above the reference architecture's 32 vCPU \/ 256 GiB RAM/);
    const at = evaluateTopology(workload(), sizing, { instance_type: 'r6gd.8xlarge', nodes: 3 }, noResize);
    expect(at.warnings.map((x) => x.code)).not.toContain('DATA_NODE_ABOVE_GUIDANCE');
  });

  it('vectors larger than the cache: warned, and the query is never cheaper than with them cached', () => {
    const sizing = sizingFixture({ ramBytes: 60 * GIB, diskBytes: 100e9, primaries: 3, replicas: 1 });
    const w = workload({ search: { peak_qps: 100 } });
    const small = evaluateTopology(w, sizing, { instance_type: 'r6gd.large', nodes: 3 }, noResize);
    const big = evaluateTopology(w, sizing, { instance_type: 'r6gd.8xlarge', nodes: 3 }, noResize);
    expect(small.capacity.ram.fits).toBe(false);
    expect(small.warnings.map((x) => x.code)).toContain('VECTORS_EXCEED_CACHE');
    expect(big.capacity.ram.fits).toBe(true);
    expect(small.capacity.search.shard_query_ms).toBeGreaterThanOrEqual(big.capacity.search.shard_query_ms);
  });

  it('a peak above what the tier carries', () => {
    const sizing = sizingFixture({ ramBytes: GIB, diskBytes: 10e9, primaries: 3, replicas: 1 });
    // max peak 1200 QPS (above); 1201 is above it.
    const t = evaluateTopology(workload({ search: { peak_qps: 1201, shard_query_ms: 5 } }), sizing, { instance_type: 'r6gd.4xlarge', nodes: 3 }, noResize);
    expect(t.warnings.find((w) => w.code === 'PEAK_ABOVE_CAPACITY')?.message).toContain('1200');
  });

  it('more copies than nodes: the extra copies stay unassigned and do not serve', () => {
    // 2 zones, 2 nodes, 2 replicas: 3 copies wanted, 2 allocated; 2 x 2 primaries = 4 copies, 2 on each node.
    const sizing = sizingFixture({ ramBytes: GIB, diskBytes: 10e9, primaries: 2, replicas: 2 });
    const t = evaluateTopology(workload({ replicas: 2, zones: 2 }), sizing, { instance_type: 'r6gd.4xlarge', nodes: 2 }, noResize);
    expect(t.warnings.map((w) => w.code)).toContain('REPLICAS_UNASSIGNED');
    expect(t.capacity.data_tier.fullest_node_shard_copies).toBe(2);
    expect(t.capacity.search.serving_copies).toBe(2);
    // Saturation: 2 copies x 5 ms / 2 serving = 5 ms per search on 16 threads: 3200.
    expect(t.capacity.search.saturation_qps).toBe(3200);
  });
});

describe('evaluateTopology: bad --data', () => {
  const sizing = sizingFixture({ ramBytes: GIB, diskBytes: 10e9, primaries: 3, replicas: 1 });

  it('an unknown instance type gets a did-you-mean from the catalog', () => {
    expect(problemOf(() => evaluateTopology(workload(), sizing, { instance_type: 'r6gd.4xlarg', nodes: 3 }, noResize))).toMatch(
      /^--data: "r6gd\.4xlarg" is not an instance type in the aws catalog \(fix: did you mean r6gd\.4xlarge\?/,
    );
  });

  it('a count that cannot be zone-balanced names the nearest counts', () => {
    expect(problemOf(() => evaluateTopology(workload(), sizing, { instance_type: 'r6gd.4xlarge', nodes: 4 }, noResize))).toBe(
      '--data: 4 data nodes cannot be spread evenly over 3 zones (availability.zones) (fix: use a multiple of 3, such as 3 or 6, or set availability.zones to match your cluster)',
    );
  });
});

describe('monthsUntil', () => {
  it('counts whole months of compound growth from today', () => {
    // Need 100 at a horizon that doubles it: 50 today. 50 x 1.1^7 = 97.4 <= 100 < 50 x 1.1^8 = 107.2.
    expect(monthsUntil(100, 100, 2, 0.1)).toBe(7);
    expect(monthsUntil(300, 100, 2, 0.1)).toBe(0); // 150 today, already above
    expect(monthsUntil(100, 100, 1, 0)).toBeNull(); // no growth: never
    expect(monthsUntil(1, 1e12, 1, 1e-300)).toBeNull(); // beyond a century
  });
});
