import type { ShardQueryInput } from '../../src/sizing/query-cost.js';

/**
 * One shard query's setup for the query-cost tests: a force-merged 1M x 768 float HNSW shard, k 10,
 * num_candidates 100, no rescoring, no filter, all in the page cache; each test overrides what its
 * row or case states.
 */
export function shardQueryInput(over: Partial<ShardQueryInput> = {}): ShardQueryInput {
  return {
    structure: 'hnsw',
    quantization: 'none',
    element_type: 'float',
    dims: 768,
    vectors: 1_000_000,
    segments: 1,
    k: 10,
    num_candidates: 100,
    oversample: 0,
    filter_selectivity: 1,
    resident_ratio: 1,
    ...over,
  };
}
