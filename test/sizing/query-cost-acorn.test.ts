/**
 * The ACORN filtered-HNSW term of the query-cost model (filtered_search 'acorn'): a worked value,
 * the condition on its constants, and properties (fast-check, pinned seeds) against the baseline
 * walk. Generators reach the decision boundaries: the ACORN threshold itself, no filter, a filter
 * keeping nothing, and walk / exact search.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadQueryCost } from '../../src/data/query-cost.js';
import { shardQueryCost, type ShardQueryInput } from '../../src/sizing/query-cost.js';

const model = loadQueryCost();
const cost = (i: ShardQueryInput): number => shardQueryCost(i, model).ms;
const notCheaper = (after: number, before: number): boolean => after >= before * (1 - 1e-12);
const threshold = model.filter.acorn_threshold.value;

const logInt = (lo: number, hi: number) => fc.double({ min: Math.log(lo), max: Math.log(hi), noNaN: true }).map((x) => Math.max(lo, Math.round(Math.exp(x))));
const selectivity = fc.oneof(
  fc.constant(1),
  fc.constant(0),
  fc.constant(threshold),
  fc.constant(threshold * (1 - 1e-9)),
  fc.double({ min: Math.log(1e-5), max: 0, noNaN: true }).map(Math.exp),
);
const resident = fc.oneof(fc.constant(1), fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }));

const inputArb: fc.Arbitrary<ShardQueryInput> = fc
  .record({
    structure: fc.constantFrom('hnsw' as const, 'flat' as const, 'ivf' as const),
    quantization: fc.constantFrom('none' as const, 'int8' as const, 'int4' as const, 'bbq' as const),
    element_type: fc.constantFrom('float' as const, 'bfloat16' as const, 'byte' as const, 'bit' as const),
    dims: logInt(2, 4096),
    vectors: logInt(1, 2e9),
    segments: logInt(1, 300),
    k: logInt(1, 1000),
    extra: logInt(1, 10_000),
    visit_ratio: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    oversample: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 10, noNaN: true })),
    filter_selectivity: selectivity,
    resident_ratio: resident,
  })
  .map(({ extra, ...r }) => ({ ...r, num_candidates: r.k + extra - 1, filtered_search: 'acorn' as const }));

const hnswArb = inputArb.map((i) => ({ ...i, structure: 'hnsw' as const }));

function section1(s: number, strategy?: 'baseline' | 'acorn'): ShardQueryInput {
  return {
    structure: 'hnsw',
    quantization: 'none',
    element_type: 'float',
    dims: 768,
    vectors: 1_000_000,
    segments: 1,
    k: 100,
    num_candidates: 100,
    oversample: 0,
    filter_selectivity: s,
    resident_ratio: 1,
    ...(strategy ? { filtered_search: strategy } : {}),
  };
}

describe('ACORN filtered HNSW walk', () => {
  it('prices a 10% filter on a 1M float segment as the unfiltered walk times acorn_walk_factor', () => {
    // ef = 100; u = 52.5 x 100 x (1M / 1M)^0.488 = 5250; under ACORN u' = 1.46 x 5250 = 7665.
    // visits = 1e6 x (1 - e^-0.007665) = 1e6 x 0.0076357 = 7635.7.
    // visit = 0.15 us + 0.22 ns x 768 = 0.31896 us -> walk = 7635.7 x 0.31896 us = 2.4355 ms.
    // exact = 100,000 matches x (0.31896 + 0.16896 + 0.482 ns x 3072 B = 1.48070) us = 196.9 ms: walk wins.
    // bit set = 7.9 ns x 0.1 x 1e6 = 0.79 ms; shard fixed 0.15 ms. Total 0.15 + 2.4355 + 0.79 = 3.3755 ms.
    const c = shardQueryCost(section1(0.1, 'acorn'), model);
    expect(c.ms).toBeCloseTo(3.3755, 3);
    const term = c.terms.find((t) => t.id === 'query_cost.hnsw.filter_walk_ms');
    expect(term?.inputs?.filtered_search).toBe('acorn');
    expect(term?.description).toContain('ACORN');
  });

  it('leaves absent and baseline identical (every existing calibration row is unchanged)', () => {
    for (const s of [0.001, 0.02, 0.1, 0.5, 1]) expect(cost(section1(s))).toBe(cost(section1(s, 'baseline')));
  });

  it('has acorn_walk_factor below acorn_threshold^-walk_selectivity_exponent, so ACORN never walks more than the baseline', () => {
    // 0.6^-0.985 = e^(0.985 x 0.5108) = e^0.5032 = 1.654 > 1.46.
    const f = model.filter;
    expect(f.acorn_walk_factor.value).toBeLessThan(Math.pow(f.acorn_threshold.value, -f.walk_selectivity_exponent.value));
  });

  it('switches at the threshold: just below it ACORN, at it the baseline walk', () => {
    // Section 1 shard: baseline walk at 0.6 scores visits(1e6, 5250 x 0.6^-0.985 = 8684) nodes, ACORN
    // visits(1e6, 7665): the ACORN query just below 0.6 is cheaper than the baseline one at 0.6 although it
    // keeps fewer documents.
    const below = threshold * (1 - 1e-9);
    expect(cost(section1(below, 'acorn'))).toBeLessThan(cost(section1(below, 'baseline')));
    expect(cost(section1(threshold, 'acorn'))).toBe(cost(section1(threshold, 'baseline')));
  });

  it('is never dearer than the baseline walk for the same input', () => {
    fc.assert(
      fc.property(inputArb, (i) => notCheaper(cost({ ...i, filtered_search: 'baseline' }), cost(i))),
      { seed: 2001, numRuns: 3000 },
    );
  });

  it('equals the baseline at or above the threshold, and for flat and DiskBBQ', () => {
    const atOrAbove = fc.double({ min: threshold, max: 1, noNaN: true });
    fc.assert(
      fc.property(inputArb, atOrAbove, (i, s) => cost({ ...i, filter_selectivity: s }) === cost({ ...i, filter_selectivity: s, filtered_search: 'baseline' })),
      { seed: 2002, numRuns: 2000 },
    );
    fc.assert(
      fc.property(inputArb, fc.constantFrom('flat' as const, 'ivf' as const), (i, structure) => cost({ ...i, structure }) === cost({ ...i, structure, filtered_search: 'baseline' })),
      { seed: 2003, numRuns: 1000 },
    );
  });

  it('more num_candidates never make an ACORN query cheaper', () => {
    fc.assert(
      fc.property(hnswArb, logInt(1, 20_000), (i, more) => notCheaper(cost({ ...i, num_candidates: i.num_candidates + more }), cost(i))),
      { seed: 2004, numRuns: 2000 },
    );
  });

  it('more segments (same vectors) never make an ACORN query cheaper', () => {
    fc.assert(
      fc.property(hnswArb, logInt(1, 300), (i, more) => notCheaper(cost({ ...i, segments: i.segments + more }), cost(i))),
      { seed: 2005, numRuns: 2000 },
    );
  });

  it('more vectors per segment (same segment count) never make an ACORN query cheaper', () => {
    fc.assert(
      fc.property(hnswArb, fc.double({ min: 1, max: 1000, noNaN: true }), (i, factor) => notCheaper(cost({ ...i, vectors: i.vectors * factor }), cost(i))),
      { seed: 2006, numRuns: 2000 },
    );
  });

  it('a lower cache fit never makes an ACORN query cheaper', () => {
    fc.assert(
      fc.property(hnswArb, fc.double({ min: 0, max: 1, noNaN: true }), (i, share) => notCheaper(cost({ ...i, resident_ratio: i.resident_ratio * share }), cost(i))),
      { seed: 2007, numRuns: 2000 },
    );
  });
});
