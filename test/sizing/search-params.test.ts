/**
 * Effective kNN search parameters. Expected values are worked by hand from Elasticsearch's rule
 * (num_candidates = round(min(1.5 x k, 10000)), KnnSearchBuilder) and the VectorDBBench rows in
 * formulas/search-params.json (research/search-throughput.md §1: segmented m16 rows 100 -> 0.922,
 * 120 -> 0.933, 150 -> 0.944, 200 -> 0.954, 250 -> 0.962, 300 -> 0.967, 400 -> 0.973; force-merged
 * 100 -> 0.896, 120 -> 0.914, 150 -> 0.931, 200 -> 0.948, 300 -> 0.966, 400 -> 0.975; k = 100).
 */
import { describe, expect, it } from 'vitest';
import { loadSearchParams } from '../../src/data/search-params.js';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { effectiveSearchParams } from '../../src/sizing/search-params.js';

const data = loadSearchParams();
const base = { corpus: { documents: 1000, source_bytes_per_document: 2000 } };
const params = (search: Record<string, unknown> = {}, index: Record<string, unknown> = {}) =>
  effectiveSearchParams(parseWorkload({ ...base, search, index }), data);

describe('effectiveSearchParams: defaults', () => {
  it('an empty search section gets k 10, 15 candidates, selectivity 1, not force-merged, all four defaulted', () => {
    const p = params();
    // k = DEFAULT_SIZE 10; num_candidates = round(min(10000, 1.5 x 10)) = round(15) = 15.
    expect(p).toMatchObject({ k: 10, num_candidates: 15, filter_selectivity: 1, force_merged: false });
    expect(p.defaulted).toEqual(['k', 'num_candidates', 'filter_selectivity', 'force_merged']);
    expect(p.sources.k).toContain('DEFAULT_SIZE');
    expect(p.sources.num_candidates).toContain('NUM_CANDS_MULTIPLICATIVE_FACTOR');
    expect(p.warnings).toEqual([]);
    expect(p.recall).toBeUndefined();
  });

  it('rounds 1.5 x k half up as Java Math.round does, and caps it at 10,000', () => {
    // k 1: 1.5 -> 2; k 3: 4.5 -> 5; k 7: 10.5 -> 11; k 6667: 10000.5 -> capped 10000; k 10000: 15000 -> 10000.
    expect(params({ k: 1 }).num_candidates).toBe(2);
    expect(params({ k: 3 }).num_candidates).toBe(5);
    expect(params({ k: 7 }).num_candidates).toBe(11);
    expect(params({ k: 6667 }).num_candidates).toBe(10_000);
    expect(params({ k: 10_000 }).num_candidates).toBe(10_000);
  });

  it('filtered: true without a selectivity takes the 0.1 assumption and says so', () => {
    const p = params({ filtered: true });
    expect(p.filter_selectivity).toBe(0.1);
    expect(p.defaulted).toContain('filter_selectivity');
    expect(p.sources.filter_selectivity).toContain('assumption');
  });
});

describe('effectiveSearchParams: workload values win', () => {
  it('uses every key the workload sets and defaults none', () => {
    const p = params({ k: 20, num_candidates: 500, filter_selectivity: 0.02, recall_target: 0.99 }, { force_merged: true });
    expect(p).toMatchObject({ k: 20, num_candidates: 500, filter_selectivity: 0.02, force_merged: true, defaulted: [] });
    expect(p.sources).toEqual({
      k: 'workload search.k',
      num_candidates: 'workload search.num_candidates',
      filter_selectivity: 'workload search.filter_selectivity',
      force_merged: 'workload index.force_merged',
    });
    // num_candidates given: recall_target does not consult the table.
    expect(p.recall).toBeUndefined();
  });
});

describe('effectiveSearchParams: num_candidates from recall_target', () => {
  it('takes the first segmented row reaching the target (k 10 keeps the row unscaled)', () => {
    // 0.95: 0.944 at 150 falls short, 0.954 at 200 reaches it -> 200; k 10 < 100 so no scaling: max(10, 200) = 200.
    const p = params({ recall_target: 0.95 });
    expect(p.num_candidates).toBe(200);
    expect(p.recall).toEqual({ recall_target: 0.95, row: { num_candidates: 200, recall: 0.954 }, rows: 'segmented', above_table: false });
    expect(p.defaulted).toContain('num_candidates');
    expect(p.sources.num_candidates).toContain('VectorDBBench');
  });

  it('a target equal to a row takes that row', () => {
    // 0.944 is the 150 row exactly.
    expect(params({ recall_target: 0.944 }).num_candidates).toBe(150);
  });

  it('a target below every row takes the first row', () => {
    // 0.5 <= 0.922 -> row 100.
    expect(params({ recall_target: 0.5 }).num_candidates).toBe(100);
  });

  it('uses the force-merged rows for a force-merged index', () => {
    // force-merged: 0.948 at 200 falls short of 0.95, 0.966 at 300 reaches it -> 300.
    const p = params({ recall_target: 0.95 }, { force_merged: true });
    expect(p.num_candidates).toBe(300);
    expect(p.recall?.rows).toBe('force_merged');
  });

  it('scales the row with k above the table k of 100, capped at 10,000', () => {
    // k 250, 0.95 -> row 200; ceil(200 x 250 / 100) = 500.
    expect(params({ k: 250, recall_target: 0.95 }).num_candidates).toBe(500);
    // k 3000, 0.97 -> row 400 (0.973); ceil(400 x 30) = 12000 -> capped at 10000.
    expect(params({ k: 3000, recall_target: 0.97 }).num_candidates).toBe(10_000);
  });

  it('a target above every row takes the last row and warns', () => {
    // 0.99 > 0.973 (the last segmented row, 400 candidates).
    const p = params({ recall_target: 0.99 });
    expect(p.num_candidates).toBe(400);
    expect(p.recall?.above_table).toBe(true);
    expect(p.warnings.map((w) => w.code)).toEqual(['RECALL_TARGET_ABOVE_TABLE']);
    expect(p.warnings[0]?.message).toContain('0.973 at num_candidates 400');
  });
});
