/**
 * The search throughput model with figures derived by hand from the published rules:
 * search pool = int(processors * 3 / 2) + 1 (Elasticsearch thread pool settings), one thread per
 * shard copy a search queries (size-shards.md), and formulas/throughput.json's policies
 * (one busy thread per processor, 75% target utilisation, peak served with one zone lost). The
 * per-shard time is given as measured (search.shard_query_ms) so the arithmetic stays by hand; the
 * query-cost model that prices it otherwise has its own tests (test/sizing/query-cost*,
 * test/calibration/).
 */
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { chooseTopology, type TopologyOptions } from '../../src/recommend/choose-topology.js';
import { nodeSearchThreads, nodeThreadsNeeded, searchLoad, searchPoolSize, servingCopies, servingNodes, queryModelData } from '../../src/recommend/search-load.js';
import { sizingFixture } from './sizing-fixture.js';
import { modelData } from '../helpers/model-data.js';

const GIB = 1024 ** 3;
const noResize: TopologyOptions = { data: modelData, resize: () => { throw new Error('not in this test'); } };

function workload(search: Record<string, unknown>, zones: 2 | 3 = 3, families = ['r6gd'], nodeSizing: 'reference' | 'fit' = 'reference') {
  return parseWorkload({
    corpus: { documents: 1000, source_bytes_per_document: 100 },
    vectors: [{ field: 'e', dims: 1024 }],
    search,
    availability: { zones, replicas: 1 },
    deployment: { provider: 'aws', instance_families: families, node_sizing: nodeSizing },
  });
}

describe('search thread pool and node threads', () => {
  it('follows int(processors * 3 / 2) + 1', () => {
    expect(searchPoolSize(16, modelData.throughput)).toBe(25); // int(48 / 2) + 1
    expect(searchPoolSize(2, modelData.throughput)).toBe(4); // int(6 / 2) + 1
    expect(searchPoolSize(5, modelData.throughput)).toBe(8); // int(15 / 2) + 1 = 7 + 1
    expect(searchPoolSize(0.5, modelData.throughput)).toBe(2); // fractional vCPU: 1 processor, int(1.5) + 1
  });

  it('counts at most one busy thread per processor, at 75%', () => {
    expect(nodeSearchThreads(16, modelData.throughput)).toBe(12); // min(25, 16) x 0.75
    expect(nodeSearchThreads(2, modelData.throughput)).toBe(1.5); // min(4, 2) x 0.75
    expect(nodeSearchThreads(0.138, modelData.throughput)).toBe(0.75); // min(2, 1) x 0.75
  });

  it('serves each shard from the copies outside one lost zone', () => {
    expect(servingCopies(2, 3, true)).toBe(1); // 2 - ceil(2/3)
    expect(servingCopies(3, 3, true)).toBe(2); // 3 - ceil(3/3)
    expect(servingCopies(4, 2, true)).toBe(2); // 4 - ceil(4/2)
    expect(servingCopies(1, 3, true)).toBe(1); // no replica: the one copy, at least
    expect(servingCopies(2, 3, false)).toBe(2);
  });
});

describe('searchLoad', () => {
  const sizing = sizingFixture({ ramBytes: GIB, diskBytes: 10e9, primaries: 13, replicas: 1 });

  it('is absent without peak_qps or with zero', () => {
    expect(searchLoad(workload({}), sizing, queryModelData(modelData))).toBeUndefined();
    expect(searchLoad(workload({ peak_qps: 0 }), sizing, queryModelData(modelData))).toBeUndefined();
  });

  it('prices bbq_hnsw with the query-cost model, plus coordination per search', () => {
    const load = searchLoad(workload({ peak_qps: 200 }), sizing, queryModelData(modelData))!;
    expect(load.family).toBe('hnsw');
    expect(load.measured).toBe(false);
    expect(load.shard_query_ms).toBe(load.query.fields[0]!.cost.ms);
    // Little's law on the model's own figures: 200 qps x (13 primaries x shard ms + overhead ms) / 1000.
    expect(load.threads_needed).toBeCloseTo((200 * (13 * load.shard_query_ms + load.overhead_ms)) / 1000, 9);
    // 2 copies over 3 zones, one zone lost: 1 serving copy; 3 nodes, one lost: 2 coordinate.
    expect(load.threads_per_copy).toBeCloseTo((200 * load.shard_query_ms) / 1000, 9);
    expect(nodeThreadsNeeded(9, load, 3)).toBeCloseTo(9 * load.threads_per_copy + (200 * load.overhead_ms) / 1000 / 2, 9);
  });

  it('counts a measured time as including coordination: 200 qps x 5 ms on 13 primaries', () => {
    const load = searchLoad(workload({ peak_qps: 200, shard_query_ms: 5 }), sizing, queryModelData(modelData))!;
    expect(load.overhead_ms).toBe(0);
    expect(load.threads_needed).toBeCloseTo(13, 9); // 200 x 13 x 5 / 1000
    expect(load.threads_per_copy).toBeCloseTo(1, 9); // 200 x 5 / 1000 / 1 serving copy
    expect(nodeThreadsNeeded(9, load, 3)).toBeCloseTo(9, 9); // 9 copies x 1
  });

  it('takes a measured search.shard_query_ms instead', () => {
    const load = searchLoad(workload({ peak_qps: 200, shard_query_ms: 2 }), sizing, queryModelData(modelData))!;
    expect(load.measured).toBe(true);
    expect(load.threads_per_copy).toBeCloseTo(0.4, 9); // 200 x 2 / 1000 / 1
  });

  it('prices bbq_disk as the ivf structure', () => {
    const disk = sizingFixture({ ramBytes: GIB, diskBytes: 10e9, primaries: 4, replicas: 1, indexType: 'bbq_disk' });
    const load = searchLoad(workload({ peak_qps: 100 }), disk, queryModelData(modelData))!;
    expect(load.family).toBe('ivf');
    expect(load.threads_needed).toBeCloseTo((100 * (4 * load.shard_query_ms + load.overhead_ms)) / 1000, 9);
  });

  it('serves with every copy and node when there is one zone (no zone to lose)', () => {
    expect(servingCopies(2, 1, true)).toBe(2);
    expect(servingNodes(3, 1, true)).toBe(3);
    expect(servingNodes(3, 3, true)).toBe(2); // 3 - ceil(3/3)
    expect(servingNodes(6, 2, true)).toBe(3); // 6 - ceil(6/2)
  });
});

describe('query load in the recommender', () => {
  // 3 primaries, 1 replica: 6 shard copies, 2 per zone. Tiny RAM and disk, so only CPU can grow the tier.
  const sizing = sizingFixture({ ramBytes: GIB, diskBytes: 10e9, primaries: 3, replicas: 1 });

  it('grows the data nodes until the fullest node carries its shards at peak', () => {
    // Each shard copy at 2000 qps: 2000 x 5 ms / 1000 / 1 serving copy = 10 threads.
    // 3 nodes hold 2 copies each = 20 threads: 20 / 0.75 = 26.7 processors, so r6gd.8xlarge (32 vCPU, 24 threads).
    // 6 nodes (1 copy each, 10 threads) need 16 vCPU: 6 x r6gd.4xlarge costs the same per hour as
    // 3 x r6gd.8xlarge (0.9216 x 6 = 1.8432 x 3) but six nodes add three dedicated masters.
    const t = chooseTopology(workload({ peak_qps: 2000, shard_query_ms: 5 }), sizing, noResize);
    const data = t.tiers[0]!;
    expect(data.instance_type).toBe('r6gd.8xlarge');
    expect(data.nodes).toBe(3);
    expect(data.search_threads_needed_per_node).toBe(20);
    expect(data.search_threads_available_per_node).toBe(24); // min(49, 32) x 0.75
    expect(data.note).toContain('search CPU');
    const perNode = t.basis.find((b) => b.id === 'search.threads_per_node');
    expect(perNode?.result).toBe(20);
    // The tier's capacity says the same: 24 threads / (2 copies x 5 ms / 1 serving copy) = 2400 QPS max peak.
    expect(t.capacity.search.max_peak_qps).toBe(2400);
    // Saturation, every copy serving: 32 threads / (2 x 5 ms / 2 copies) = 6400 QPS.
    expect(t.capacity.search.saturation_qps).toBe(6400);
  });

  it('warns THROUGHPUT_ASSUMED naming the defaulted model inputs when the model sets the tier', () => {
    // A peak at which one shard copy keeps 10 threads busy, whatever the model's figure: CPU sets the tier.
    const ms = searchLoad(workload({ peak_qps: 1 }), sizing, queryModelData(modelData))!.shard_query_ms;
    const t = chooseTopology(workload({ peak_qps: Math.round((10 * 1000) / ms) }), sizing, noResize);
    expect(t.tiers[0]!.note).toContain('search CPU');
    const w = t.warnings.find((x) => x.code === 'THROUGHPUT_ASSUMED');
    expect(w?.message).toContain('search.k');
    expect(w?.message).toContain('index.force_merged');
    expect(w?.message).toContain('search.shard_query_ms');
    expect(t.basis.find((b) => b.id === 'search.shard_query_ms')?.source).toBe('formulas/query-cost.json');
  });

  it('does not warn when the per-shard time is measured', () => {
    // 2000 x 1 ms / 1000 = 2 threads per copy; 3 nodes x 2 copies = 4 threads: 4 / 0.75 = 5.3 processors, r6gd.2xlarge
    // (8 vCPU), which only node_sizing: fit allows (the reference floor is 16 vCPU / 64 GiB).
    const t = chooseTopology(workload({ peak_qps: 2000, shard_query_ms: 1 }, 3, ['r6gd'], 'fit'), sizing, noResize);
    const data = t.tiers[0]!;
    expect(data.instance_type).toBe('r6gd.2xlarge');
    expect(data.nodes).toBe(3);
    expect(t.warnings.map((w) => w.code)).not.toContain('THROUGHPUT_ASSUMED');
    expect(t.basis.find((b) => b.id === 'search.shard_query_ms')?.source).toBe('workload search.shard_query_ms');
  });

  it('says when no node count can carry one shard copy', () => {
    // 100000 qps x 5 ms / 1000 = 500 threads per copy: no r6gd node offers that (16xlarge: 64 x 0.75 = 48).
    expect(() => chooseTopology(workload({ peak_qps: 100000, shard_query_ms: 5 }), sizing, noResize)).toThrow(/availability\.replicas/);
  });

  it('names the replicas that would let one shard copy fit the largest node', () => {
    // 12000 qps x 5 ms / 1000 = 60 threads per copy with 1 serving copy (2 copies, 3 zones, one lost);
    // the largest r6gd (16xlarge, 64 vCPU) offers 48. Replicas 2: 3 copies, 3 - ceil(3/3) = 2 serve: 30 <= 48.
    let problem = '';
    try {
      chooseTopology(workload({ peak_qps: 12000, shard_query_ms: 5 }), sizing, noResize);
    } catch (err) {
      problem = (err as { problems?: { path: string; fix?: string }[] }).problems?.map((p) => `${p.path}: ${p.fix}`).join('') ?? '';
    }
    expect(problem).toMatch(/^availability\.replicas: set availability\.replicas: 2 so enough copies share each shard's queries/);
    // And that plan exists.
    const raw = { corpus: { documents: 1000, source_bytes_per_document: 100 }, vectors: [{ field: 'e', dims: 1024 }], search: { peak_qps: 12000, shard_query_ms: 5 }, availability: { zones: 3, replicas: 2 }, deployment: { provider: 'aws', instance_families: ['r6gd'] } };
    const three = sizingFixture({ ramBytes: GIB, diskBytes: 10e9, primaries: 3, replicas: 2 });
    expect(chooseTopology(parseWorkload(raw), three, noResize).tiers[0]!.search_threads_needed_per_node).toBeLessThanOrEqual(48);
  });

  it('keeps the plan unchanged when CPU is not binding', () => {
    const low = chooseTopology(workload({ peak_qps: 1 }), sizing, noResize);
    const none = chooseTopology(workload({}), sizing, noResize);
    expect(low.tiers[0]!.instance_type).toBe(none.tiers[0]!.instance_type);
    expect(low.tiers[0]!.nodes).toBe(none.tiers[0]!.nodes);
    expect(low.warnings.map((w) => w.code)).not.toContain('THROUGHPUT_ASSUMED');
    expect(none.tiers[0]!.search_threads_needed_per_node).toBeUndefined();
  });
});
