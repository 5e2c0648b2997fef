/**
 * Unit tests of the query-cost model against hand-computed figures (arithmetic beside each
 * expectation, from the constants in formulas/query-cost.json), and of its data file.
 */
import { describe, expect, it } from 'vitest';
import { loadQueryCost } from '../../src/data/query-cost.js';
import { searchOverheadCost, segmentsPerShard, shardQueryCost, type ShardQueryInput } from '../../src/sizing/query-cost.js';
import { shardQueryInput } from '../helpers/shard-query-input.js';

const model = loadQueryCost();
const MiB = 1024 * 1024;

function input(over: Partial<ShardQueryInput>): ShardQueryInput {
  return shardQueryInput(over);
}
const term = (c: { terms: Array<{ id: string; value: number }> }, id: string) => c.terms.find((t) => t.id === id)?.value;

describe('formulas/query-cost.json', () => {
  it('is frozen and loaded once', () => {
    expect(loadQueryCost()).toBe(model);
    expect(Object.isFrozen(model.hnsw.visits_per_candidate)).toBe(true);
  });

  it('names the calibration rows of every fitted constant and a source for every constant', () => {
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if ('kind' in o) {
        expect(String(o.source).length, path).toBeGreaterThan(9);
        if (o.kind === 'fitted') expect((o.fitted_to as string[]).length, path).toBeGreaterThan(0);
        return;
      }
      for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
    };
    walk(model, 'query-cost');
  });

  it('keeps TieredMergePolicy defaults of Elasticsearch (5 GB, 10 per tier, merge 10 at once, 2 MB floor)', () => {
    expect(model.segments.max_merged_segment_bytes.value).toBe(5 * 1024 * MiB);
    expect(model.segments.segments_per_tier.value).toBe(10);
    expect(model.segments.max_merge_at_once.value).toBe(10);
    expect(model.segments.floor_segment_bytes.value).toBe(2 * MiB);
  });
});

describe('shardQueryCost', () => {
  it('HNSW float, 1M x 768, one segment, num_candidates 100', () => {
    // visit = hop 0.15 us + 0.22 ns x 768 = 0.15 + 0.16896 = 0.31896 us = 318.96e-6 ms
    // u = 52.5 x max(100, 10) x (1e6 / 1e6)^0.488 = 5250; visits = 1e6 x (1 - e^-0.00525) = 5236.24
    // 5236.24 x 318.96e-6 = 1.67015 ms; + shard_fixed 0.15 = 1.82015 ms
    const c = shardQueryCost(input({}), model);
    expect(c.ms).toBeCloseTo(1.82015, 4);
    expect(term(c, 'query_cost.cache_miss_factor')).toBe(1);
  });

  it('more segments split the same vectors: each segment searches for all candidates', () => {
    // 4 segments of 250,000: u = 5250 x 0.25^0.488 = 5250 x e^(-1.386294 x 0.488) = 5250 x 0.508496 = 2669.60
    // visits = 250,000 x (1 - e^(-2669.60 / 250,000)) = 250,000 x 0.0106210 = 2655.25 per segment
    // 4 x 2655.25 x 318.96e-6 = 3.38764 ms; + 0.15 = 3.53764 ms
    expect(shardQueryCost(input({ segments: 4 }), model).ms).toBeCloseTo(3.5376, 3);
  });

  it('flat BBQ scans every vector: 1M x 1024 x 0.22 ns x 0.235', () => {
    // 1e6 x 0.22 x 1024 x 0.235 / 1e6 ms = 52.9408 ms; + 0.15 = 53.0908 ms
    expect(shardQueryCost(input({ structure: 'flat', quantization: 'bbq', dims: 1024 }), model).ms).toBeCloseTo(53.0908, 3);
  });

  it('DiskBBQ scores the centroids and the visited share of the posting lists', () => {
    // centroids 1e6 / 384 = 2604.17; visited 0.01 x 1e6 = 10,000; per vector 0.0282 ns x 768 = 21.6576 ns
    // 12,604.17 x 21.6576e-6 ms = 0.272976 ms; + 0.15 = 0.422976 ms
    const c = shardQueryCost(input({ structure: 'ivf', quantization: 'bbq', visit_ratio: 0.01 }), model);
    expect(c.ms).toBeCloseTo(0.422976, 5);
    // absent visit_ratio: the default 0.01, the same figure
    expect(shardQueryCost(input({ structure: 'ivf', quantization: 'bbq' }), model).ms).toBeCloseTo(0.422976, 5);
  });

  it('a selective filter takes exact search over the matches when the walk would cost more', () => {
    // s = 0.01: m = 10,000 matches; scattered read 0.482 ns x 768 x 4 B = 1.480704 us
    // exact = 10,000 x (318.96e-6 + 168.96e-6 + 1.480704e-3) ms = 19.68624 ms
    // walk: u / s^0.985 = 5250 / 0.0107177 = 489,844 -> visits 1e6 x (1 - e^-0.489844) = 387,258 -> 123.5 ms
    // bit set 7.9 ns x 10,000 = 0.079 ms; total 0.15 + 19.68624 + 0.079 = 19.91524 ms
    const c = shardQueryCost(input({ filter_selectivity: 0.01 }), model);
    expect(c.ms).toBeCloseTo(19.91524, 4);
    expect(c.terms.map((t) => t.id)).toContain('query_cost.hnsw.filter_exact_ms');
  });

  it('exact search over BBQ codes reads a 32nd of the bytes of float', () => {
    // bbq: score 0.22 x 768 x 0.235 = 39.7056 ns; visit 150 + 39.7056 = 189.7056 ns; sparse 0.482 x 768 x 0.125 = 46.272 ns
    // exact = 10,000 x (189.7056 + 39.7056 + 46.272) ns = 2.756832 ms (walk: 387,258 x 189.7056 ns = 73.5 ms)
    // + bit set 0.079 + shard 0.15 = 2.985832 ms
    expect(shardQueryCost(input({ quantization: 'bbq', filter_selectivity: 0.01 }), model).ms).toBeCloseTo(2.985832, 4);
  });

  it('a loose filter keeps the graph walk, longer by 1 / s^0.985', () => {
    // s = 0.5: u = 5250 / 0.5^0.985 = 5250 x 1.97922 = 10,390.9; visits = 1e6 x (1 - e^-0.0103909) = 10,337.1
    // walk = 10,337.1 x 318.96e-6 = 3.29717 ms (exact: 500,000 x 1.96792e-3 = 984 ms)
    // bit set 7.9e-6 x 500,000 = 3.95 ms; total 0.15 + 3.29717 + 3.95 = 7.39717 ms
    const c = shardQueryCost(input({ filter_selectivity: 0.5 }), model);
    expect(c.ms).toBeCloseTo(7.3972, 3);
    expect(c.terms.map((t) => t.id)).toContain('query_cost.hnsw.filter_walk_ms');
  });

  it('rescoring reads oversample x k raw vectors per segment', () => {
    // bbq_hnsw, k 10, oversample 3, 2 segments: 2 x 30 x (0.15 + 0.22 x 768 x 1 float) us = 60 x 318.96e-6 = 0.0191376 ms
    const c = shardQueryCost(input({ quantization: 'bbq', oversample: 3, segments: 2 }), model);
    expect(term(c, 'query_cost.rescore_ms')).toBeCloseTo(0.01914, 5);
  });

  it('prices cache misses: HNSW by resident_ratio^-4.03, scans by 1 + 5.47 x (1 - resident_ratio)', () => {
    // 0.5^-4.03 = 2^4.03 = 16 x 2^0.03 = 16 x 1.020999 = 16.336
    expect(term(shardQueryCost(input({ resident_ratio: 0.5 }), model), 'query_cost.cache_miss_factor')).toBeCloseTo(16.34, 1);
    // 1 + 5.47 x 0.5 = 3.735
    expect(term(shardQueryCost(input({ structure: 'ivf', quantization: 'bbq', resident_ratio: 0.5 }), model), 'query_cost.cache_miss_factor')).toBeCloseTo(3.735, 3);
    // below the 0.05 floor the floor applies: 1 + 5.47 x 0.95 = 6.1965
    expect(term(shardQueryCost(input({ structure: 'ivf', quantization: 'bbq', resident_ratio: 0 }), model), 'query_cost.cache_miss_factor')).toBeCloseTo(6.1965, 2);
  });
});

describe('searchOverheadCost', () => {
  it('is a base per search, a reduce per shard hit and a fetch per hit', () => {
    // 1.1 + 0.0002 x 3 shards x 10 + 0.005 x 10 = 1.1 + 0.006 + 0.05 = 1.156 ms
    expect(searchOverheadCost({ shards: 3, k: 10 }, model).ms).toBeCloseTo(1.156, 6);
  });
});

describe('segmentsPerShard (TieredMergePolicy budget)', () => {
  const seg = (bytes: number, force = false) => segmentsPerShard({ shard_bytes: bytes, force_merged: force }, model).segments;

  it('is 1 when force-merged or empty', () => {
    expect(seg(50 * 1024 * MiB, true)).toBe(1);
    expect(seg(0)).toBe(1);
  });

  it('is at least segments_per_tier', () => {
    // 10 MiB / 2 MiB floor = 5 < 10 -> 5 segments in the first tier; max(5, 10) = 10
    expect(seg(10 * MiB)).toBe(10);
  });

  it('fills tiers of 2 MiB, 20 MiB, 200 MiB ...', () => {
    // 100 MiB: 50 >= 10 -> 10 at 2 MiB, 80 MiB left; 80 / 20 = 4 < 10 -> 4; 14
    expect(seg(100 * MiB)).toBe(14);
    // 20 MiB exactly: 10 at 2 MiB (10 is not < 10), 0 left -> 10
    expect(seg(20 * MiB)).toBe(10);
  });

  it('counts max-size segments once the tiers reach 5 GiB', () => {
    // 50 GiB = 51,200 MiB: 10 x 2 + 10 x 20 + 10 x 200 = 2,220 MiB -> 48,980 MiB at 2,000 MiB: 24.49 >= 10
    // -> 10 more, 28,980 MiB left; level min(5,120, 20,000) = 5,120 MiB: 28,980 / 5,120 = 5.66 -> 6; 46
    expect(seg(50 * 1024 * MiB)).toBe(46);
  });
});
