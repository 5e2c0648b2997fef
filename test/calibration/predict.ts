/** How a calibration row is priced by the model (shared by the row tests and scripts/fit-query-cost.ts). */
import { searchOverheadCost, shardQueryCost, type QueryCostModel, type ShardQueryInput } from '../../src/sizing/query-cost.js';
import type { CacheRow, CostRow, FilterRatioRow, VisitRow } from './rows.js';

/** Whole search for section 1 rows; Lucene-level work (no shard phase, no coordination) for section 2 rows. */
export function predictRow(row: CostRow, model: QueryCostModel): number {
  const shard = shardQueryCost(row.input, model).ms;
  if (row.search) return shard + searchOverheadCost({ shards: row.search.shards, k: row.input.k }, model).ms;
  return shard - model.coordination.shard_fixed_ms.value;
}

/**
 * Row 14 states neither the data set nor the query, only latencies against RAM: the model's
 * cache-miss factor (which multiplies the vector work) is compared with the latency ratio to
 * the fully resident run, at resident share = RAM / reference_ram_mb.
 */
export function cacheRowSetup(row: CacheRow, model: QueryCostModel): ShardQueryInput {
  return {
    structure: row.structure,
    quantization: 'bbq',
    element_type: 'float',
    dims: 768,
    vectors: 1_000_000,
    segments: 1,
    k: 10,
    num_candidates: 100,
    oversample: 0,
    filter_selectivity: 1,
    resident_ratio: row.ram_mb / model.cache.reference_ram_mb.value,
  };
}

export function predictCacheRatio(row: CacheRow, model: QueryCostModel): number {
  const term = shardQueryCost(cacheRowSetup(row, model), model).terms.find((t) => t.id === 'query_cost.cache_miss_factor');
  if (!term) throw new Error('no cache_miss_factor term');
  return term.value;
}

/** Nodes the model's HNSW search scores per query over all segments (the visit term's input). */
export function predictVisits(row: VisitRow, model: QueryCostModel): number {
  const term = shardQueryCost(row.input, model).terms.find((t) => t.id === 'query_cost.hnsw.visit_ms');
  const visits = term?.inputs?.visits;
  if (typeof visits !== 'number') throw new Error('no visit term');
  return visits * row.input.segments;
}

/** Vector work of one shard (segments x per-segment work x cache factor), from its explain term. */
export function vectorMs(input: ShardQueryInput, model: QueryCostModel): number {
  const term = shardQueryCost(input, model).terms.find((t) => t.id === 'query_cost.vector_ms');
  if (!term) throw new Error('no vector_ms term');
  return term.value;
}

/** The model's ratio of a filter-ratio row: vector work of its input over that of its reference. */
export function predictFilterRatio(row: FilterRatioRow, model: QueryCostModel): number {
  return vectorMs(row.input, model) / vectorMs(row.reference, model);
}
