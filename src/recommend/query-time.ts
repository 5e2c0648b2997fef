/**
 * How long one shard copy works on one query, for a sized workload: the query-cost model
 * (src/sizing/query-cost.ts) applied to every vector field's share of one shard, the slowest field
 * taken (a query may search any of them), plus the per-search coordination and fetch cost. A
 * measured `search.shard_query_ms` replaces the modelled shard time. Pure: data comes in.
 */
import { indexTypeInfo, type IndexTypesData } from '../data/index-types.js';
import type { ThroughputData } from '../data/throughput.js';
import { compareVersions } from '../model/version.js';
import type { Workload } from '../model/workload.js';
import { searchOverheadCost, segmentsPerShard, shardQueryCost, type Cost, type CostTerm, type QueryCostModel } from '../sizing/query-cost.js';
import type { EffectiveSearchParams } from '../sizing/search-params.js';
import type { SearchParamsData } from '../data/search-params.js';
import type { SizingResult } from '../sizing/size-workload.js';
import type { QueryFamily } from '../data/throughput.js';

export interface QueryModelData {
  throughput: ThroughputData;
  cost: QueryCostModel;
  types: IndexTypesData;
  /** Elasticsearch's k and num_candidates defaults and the recall table (formulas/search-params.json). */
  searchParams: SearchParamsData;
  /** rescore_vector.oversample Elasticsearch uses for bbq_* fields when the mapping sets none. */
  bbqDefaultOversample: number;
}

export interface FieldQueryTime {
  field: string;
  index_type: string;
  vectors_per_shard: number;
  resident_ratio: number;
  oversample: number;
  cost: Cost;
}

export interface QueryTime {
  /** Milliseconds one shard copy holds a search thread for one query. */
  shard_ms: number;
  /** True when search.shard_query_ms gave shard_ms. */
  measured: boolean;
  family: QueryFamily;
  /** The field whose query is slowest (absent without vector fields). */
  slowest_field?: string;
  fields: FieldQueryTime[];
  /** Per search, on the coordinating node: parse, reduce and fetch. */
  overhead: Cost;
  segments: number;
  segment_terms: CostTerm[];
  params: EffectiveSearchParams;
}

/**
 * `residentScale` (0-1) scales every field's planned resident share: 1 when the node's vector cache
 * holds what the plan budgets (always so in recommend), less when an evaluated node has less.
 */
export function queryTime(workload: Workload, sizing: SizingResult, params: EffectiveSearchParams, data: QueryModelData, residentScale = 1): QueryTime {
  const shards = sizing.shards;
  const seg = segmentsPerShard({ shard_bytes: shards.shard_bytes, force_merged: params.force_merged }, data.cost);
  const fields: FieldQueryTime[] = sizing.sizing.vectors.map((v) => {
    const info = indexTypeInfo(data.types, v.index_type);
    const input = workload.vectors?.find((f) => f.field === v.field);
    const oversample = input?.oversample ?? (info.quantization === 'bbq' ? data.bbqDefaultOversample : 0);
    const resident = plannedResidentRatio(v) * Math.min(1, Math.max(0, residentScale));
    const vectors = Math.ceil(v.vector_count / shards.primaries);
    const cost = shardQueryCost(
      {
        structure: info.structure,
        quantization: info.quantization,
        element_type: v.element_type,
        dims: v.dims,
        vectors,
        segments: seg.segments,
        k: params.k,
        num_candidates: params.num_candidates,
        oversample: info.quantization === 'none' ? 0 : oversample,
        filter_selectivity: params.filter_selectivity,
        resident_ratio: resident,
        filtered_search: compareVersions(workload.elasticsearch.version, data.cost.filter.acorn_since.value) >= 0 ? 'acorn' : 'baseline',
      },
      data.cost,
    );
    return { field: v.field, index_type: v.index_type, vectors_per_shard: vectors, resident_ratio: resident, oversample, cost };
  });
  const slowest = fields.reduce<FieldQueryTime | undefined>((a, f) => (a === undefined || f.cost.ms > a.cost.ms ? f : a), undefined);
  const measured = workload.search.shard_query_ms;
  const lexical = data.throughput.shard_query_ms.none.value;
  const family: QueryFamily = slowest ? (indexTypeInfo(data.types, slowest.index_type as never).structure as QueryFamily) : 'none';
  return {
    shard_ms: measured ?? slowest?.cost.ms ?? lexical,
    measured: measured !== undefined,
    family,
    ...(slowest ? { slowest_field: slowest.field } : {}),
    fields,
    // A one-shard Rally measurement's service time already holds coordination and fetch.
    overhead: measured !== undefined ? { ms: 0, terms: [] } : searchOverheadCost({ shards: shards.primaries, k: params.k }, data.cost),
    segments: seg.segments,
    segment_terms: seg.terms,
    params,
  };
}

/**
 * Share of a field's working set the plan keeps in the page cache: all of it, except bbq_disk,
 * whose posting lists (.clivf) are budgeted only in part (their resident_bytes).
 */
export function plannedResidentRatio(v: SizingResult['sizing']['vectors'][number]): number {
  if (v.resident_fraction !== undefined) return v.resident_fraction;
  const postings = v.files.find((f) => f.ext === 'clivf');
  if (!postings || postings.bytes === 0) return 1;
  return Math.min(1, (postings.resident_bytes ?? (postings.resident ? postings.bytes : 0)) / postings.bytes);
}
