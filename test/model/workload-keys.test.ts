/**
 * The search and index keys of issue #10 (search.k, num_candidates, filter_selectivity,
 * index.primaries, force_merged, source_vectors) and one-zone / zero-replica availability.
 * Limits: Elasticsearch's NUM_CANDS_LIMIT 10,000 (KnnSearchBuilder) and 1,024 primaries per index
 * (index.max_number_of_shards), as formulas/search-params.json and formulas/shards.json cite them.
 */
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { userErrorMessage } from '../helpers/user-error.js';

const minimal = { corpus: { documents: 1000, source_bytes_per_document: 2000 } };
const problemsOf = (raw: unknown): string[] => userErrorMessage(() => parseWorkload(raw)).split('\n');
const withSearch = (search: Record<string, unknown>) => ({ ...minimal, search });
const withIndex = (index: Record<string, unknown>) => ({ ...minimal, index });

describe('search.k', () => {
  it('accepts 1 and 10,000 (the bounds) and leaves it unset when not given', () => {
    expect(parseWorkload(withSearch({ k: 1 })).search.k).toBe(1);
    expect(parseWorkload(withSearch({ k: 10_000, num_candidates: 10_000 })).search.k).toBe(10_000);
    expect(parseWorkload(minimal).search.k).toBeUndefined();
  });

  it('rejects 0, 10,001, fractions and text with the reason', () => {
    expect(problemsOf(withSearch({ k: 0 }))).toEqual(['search.k: 0 must be at least 1 (Elasticsearch: k must be greater than 0)']);
    expect(problemsOf(withSearch({ k: 10_001 }))).toEqual([
      "search.k: 10001 is above 10,000, Elasticsearch's limit (k cannot exceed num_candidates, at most 10,000)",
    ]);
    expect(problemsOf(withSearch({ k: 2.5 }))).toEqual(['search.k: must be a whole number of results (got number 2.5)']);
    expect(problemsOf(withSearch({ k: 'ten' }))).toEqual(['search.k: must be a number (results per knn search) (got string "ten")']);
  });
});

describe('search.num_candidates', () => {
  it('accepts k itself and 10,000', () => {
    expect(parseWorkload(withSearch({ k: 50, num_candidates: 50 })).search.num_candidates).toBe(50);
    expect(parseWorkload(withSearch({ num_candidates: 10_000 })).search.num_candidates).toBe(10_000);
  });

  it('rejects more than 10,000 and fractions', () => {
    expect(problemsOf(withSearch({ num_candidates: 10_001 }))).toEqual([
      "search.num_candidates: 10001 is above 10,000, Elasticsearch's limit for num_candidates",
    ]);
    expect(problemsOf(withSearch({ num_candidates: 100.5 }))).toEqual(['search.num_candidates: must be a whole number of candidates (got number 100.5)']);
  });

  it('rejects fewer candidates than k, naming both keys and the fix', () => {
    expect(problemsOf(withSearch({ k: 100, num_candidates: 99 }))).toEqual([
      'search.num_candidates: 99 is below search.k (100), and Elasticsearch refuses num_candidates below k; raise num_candidates or lower k',
    ]);
  });

  it('compares against the default k of 10 when k is not set', () => {
    expect(problemsOf(withSearch({ num_candidates: 9 }))).toEqual([
      'search.num_candidates: 9 is below search.k (10 when not set), and Elasticsearch refuses num_candidates below k; raise num_candidates or set a smaller k',
    ]);
    expect(parseWorkload(withSearch({ num_candidates: 10 })).search.num_candidates).toBe(10);
  });
});

describe('search.filter_selectivity and search.filtered', () => {
  it('accepts a share above 0 up to 1', () => {
    expect(parseWorkload(withSearch({ filtered: true, filter_selectivity: 0.0001 })).search.filter_selectivity).toBe(0.0001);
    expect(parseWorkload(withSearch({ filter_selectivity: 1 })).search).toMatchObject({ filter_selectivity: 1, filtered: false });
  });

  it('rejects 0 and more than 1', () => {
    expect(problemsOf(withSearch({ filter_selectivity: 0 }))).toEqual([
      'search.filter_selectivity: 0 must be above 0 (the share of documents a typical filter keeps, e.g. 0.05)',
    ]);
    expect(problemsOf(withSearch({ filter_selectivity: 5 }))).toEqual([
      'search.filter_selectivity: 5 must be at most 1 (a share of the documents, e.g. 0.05 for 5%)',
    ]);
  });

  it('filtered: true alone keeps working, and filtered defaults to false', () => {
    expect(parseWorkload(withSearch({ filtered: true })).search).toMatchObject({ filtered: true });
    expect(parseWorkload(withSearch({ filtered: true })).search.filter_selectivity).toBeUndefined();
    expect(parseWorkload(minimal).search.filtered).toBe(false);
  });

  it('a selectivity below 1 without filtered means filtered', () => {
    expect(parseWorkload(withSearch({ filter_selectivity: 0.05 })).search.filtered).toBe(true);
  });

  it('filtered: false with a selectivity below 1 is a contradiction naming both keys and the fix', () => {
    expect(problemsOf(withSearch({ filtered: false, filter_selectivity: 0.05 }))).toEqual([
      'search.filter_selectivity: 0.05 says filters keep part of the documents but search.filtered is false; set filtered: true (or leave it out), or remove filter_selectivity',
    ]);
  });
});

describe('index.primaries, index.force_merged, index.source_vectors', () => {
  it('accepts 1 and 1,024 primaries and rejects 0, 1,025 and fractions', () => {
    expect(parseWorkload(withIndex({ primaries: 1 })).index!.primaries).toBe(1);
    expect(parseWorkload(withIndex({ primaries: 1024 })).index!.primaries).toBe(1024);
    expect(problemsOf(withIndex({ primaries: 0 }))).toEqual(['index.primaries: 0 must be at least 1 primary shard']);
    expect(problemsOf(withIndex({ primaries: 1025 }))).toEqual([
      "index.primaries: 1025 is above 1,024, Elasticsearch's limit of primary shards per index",
    ]);
    expect(problemsOf(withIndex({ primaries: 1.5 }))).toEqual(['index.primaries: must be a whole number of primary shards (got number 1.5)']);
  });

  it('force_merged and source_vectors are booleans, unset by default (defaulted later, by policy and by version)', () => {
    const w = parseWorkload(withIndex({ force_merged: true, source_vectors: false }));
    expect(w.index).toMatchObject({ force_merged: true, source_vectors: false });
    const d = parseWorkload(minimal);
    expect(d.index!.force_merged).toBeUndefined();
    expect(d.index!.source_vectors).toBeUndefined();
    expect(problemsOf(withIndex({ force_merged: 'yes' }))).toEqual(['index.force_merged: must be a boolean (got string "yes") (fix: write true or false)']);
  });
});

describe('availability: one zone, zero replicas', () => {
  it('accepts zones 1 with replicas 0', () => {
    expect(parseWorkload({ ...minimal, availability: { zones: 1, replicas: 0 } }).availability).toEqual({
      zones: 1,
      replicas: 0,
      survive_node_loss: true,
      awareness_attribute: 'zone',
    });
  });

  it('still rejects 0 and 4 zones, with the updated message', () => {
    expect(problemsOf({ ...minimal, availability: { zones: 0 } })).toEqual(['availability.zones: 0 must be 1, 2 or 3 availability zones']);
    expect(problemsOf({ ...minimal, availability: { zones: 4 } })).toEqual(['availability.zones: 4 must be 1, 2 or 3 availability zones']);
  });
});
