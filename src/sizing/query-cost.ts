/**
 * The query-cost model: CPU milliseconds one shard copy spends on one kNN query, from the index
 * structure and the query's parameters, and the per-search coordination and fetch cost.
 * Pure: the model's constants come in as data (src/data/query-cost.ts, formulas/query-cost.json).
 *
 * INTERFACE STUB (lead): the exported names and fields below are the contract the recommender,
 * `esplan evaluate` and the renderers code against. The cost-model branch replaces the bodies and
 * may add fields; it keeps these.
 */
import type { ElementType } from '../data/index-types.js';

export type Structure = 'hnsw' | 'flat' | 'ivf';
export type Quantization = 'none' | 'int8' | 'int4' | 'bbq';

/** One vector field's share of one shard copy, and the query that searches it. */
export interface ShardQueryInput {
  structure: Structure;
  quantization: Quantization;
  element_type: ElementType;
  dims: number;
  /** Vectors of this field in one shard copy (at the horizon). */
  vectors: number;
  /** Searchable segments in the shard (1 when force-merged); see segmentsPerShard. */
  segments: number;
  k: number;
  /** HNSW: candidates per segment (Elasticsearch num_candidates). Ignored by flat and IVF. */
  num_candidates: number;
  /** bbq_disk: share of the shard's vectors a query visits (0-1); the model's default when absent. */
  visit_ratio?: number;
  /** rescore_vector.oversample: oversample x k raw vectors re-scored per segment; 0 for none. */
  oversample: number;
  /** Share of the shard's documents a typical filter keeps (1 = no filter). */
  filter_selectivity: number;
  /** Share of the field's working set that stays in the page cache (1 = all of it; bbq_disk: the resident share of the posting lists). */
  resident_ratio: number;
}

/** One additive or multiplicative part of a cost, for --explain and `basis`. */
export interface CostTerm {
  id: string;
  description: string;
  /** The term's value: milliseconds for additive terms, a ratio for factors. */
  value: number;
  unit: 'ms' | 'ratio' | 'segments' | 'vectors';
  expression?: string;
  inputs?: Record<string, number | string>;
  source: string;
}

export interface Cost {
  /** CPU milliseconds (a search thread held for that long). */
  ms: number;
  terms: CostTerm[];
}

/** Segments one shard copy holds, by Lucene's TieredMergePolicy defaults, or 1 when force-merged. */
export interface SegmentInput {
  shard_bytes: number;
  force_merged: boolean;
}

/** Model constants as loaded from formulas/query-cost.json (shape owned by the cost-model branch). */
export interface QueryCostModel {
  readonly stub: true;
}

/** STUB: the previous assumed per-shard times (formulas/throughput.json), until the model lands. */
export function shardQueryCost(input: ShardQueryInput, _model: QueryCostModel): Cost {
  const ms = input.structure === 'ivf' ? 16 : input.structure === 'flat' ? 20 : 5;
  return { ms, terms: [{ id: 'query_cost.stub', description: 'assumed per-shard time (stub)', value: ms, unit: 'ms', source: 'formulas/throughput.json' }] };
}

/** STUB: per-search coordination, reduce and fetch cost on the coordinating node. */
export function searchOverheadCost(_input: { shards: number; k: number }, _model: QueryCostModel): Cost {
  return { ms: 0, terms: [] };
}

/** STUB: segments per shard. */
export function segmentsPerShard(input: SegmentInput, _model: QueryCostModel): { segments: number; terms: CostTerm[] } {
  return { segments: input.force_merged ? 1 : 1, terms: [] };
}
