/**
 * The query-cost model: CPU milliseconds one shard copy spends on one kNN query, from the index
 * structure and the query's parameters, and the per-search coordination and fetch cost.
 * Pure: the model's constants come in as data (src/data/query-cost.ts, formulas/query-cost.json).
 *
 * Per segment of n = vectors / segments vectors (segments of equal size):
 * - HNSW scores visits(n, u) = n (1 - e^(-u/n)) nodes, u = visits_per_candidate x ef x (n / 1M)^b,
 *   ef = max(num_candidates, k, oversample x k); each visit costs a hop plus a distance.
 *   Under a filter keeping a share s: the walk scores visits(n, u / s^g) nodes, or Elasticsearch
 *   gives up after s x n visits and scores the s x n matches exactly, whichever is cheaper.
 *   Under ACORN (filtered_search 'acorn', s below acorn_threshold) the walk scores only matching
 *   nodes and costs visits(n, acorn_walk_factor x u), or exact search when that is cheaper.
 * - Flat scores every vector (with a filter: the matches, scattered, at most a full scan).
 * - IVF (DiskBBQ) scores n / cluster_size centroids plus visit_ratio x n posting-list vectors.
 * The shard adds the filter's bit set, rescoring (oversample x k raw vectors per segment), a
 * cache-miss factor on the vector work when the working set is not resident, and a fixed part.
 * docs/throughput.md has the fit and the residual of every calibration row.
 */
import type { ElementType } from '../data/index-types.js';
import type { QueryCostData } from '../data/query-cost.js';

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
  /**
   * How a filtered HNSW search walks the graph: 'baseline' (absent) scores every neighbour it
   * reaches (Elasticsearch before filter.acorn_since); 'acorn' scores only nodes that pass the
   * filter, when the filter keeps less than filter.acorn_threshold of the segment.
   */
  filtered_search?: FilteredSearch;
}

export type FilteredSearch = 'baseline' | 'acorn';

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

/** Model constants as loaded from formulas/query-cost.json (src/data/query-cost.ts). */
export type QueryCostModel = QueryCostData;

const FILE = 'formulas/query-cost.json';

/** Distance cost per dimension relative to float, for the codes the index scores. */
function elementFactor(quantization: Quantization, element: ElementType, model: QueryCostModel): number {
  const f = model.scoring.element_factor;
  return quantization === 'none' ? f[element].value : f[quantization].value;
}

/** Bytes per dimension of the stored codes an exact search reads. */
function codeBytesPerDim(quantization: Quantization, element: ElementType, model: QueryCostModel): number {
  const b = model.scoring.code_bytes_per_dim;
  return quantization === 'none' ? b[element].value : b[quantization].value;
}

/** Nodes a graph search scores when it would score u in an unbounded graph: at most the segment's n. */
function saturate(n: number, u: number): number {
  if (n <= 0 || u <= 0) return 0;
  return n * -Math.expm1(-u / n);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

const round = (x: number): number => Number(x.toPrecision(4));

/** CPU ms one shard copy spends on one query of one vector field. */
export function shardQueryCost(input: ShardQueryInput, model: QueryCostModel): Cost {
  const { structure, quantization, element_type, dims, k } = input;
  const vectors = Math.max(0, input.vectors);
  const segments = Math.max(1, input.segments);
  const n = vectors / segments;
  const s = clamp(input.filter_selectivity, 0, 1);
  const filtered = s < 1;
  const matches = s * n;
  const oversample = Math.max(0, input.oversample);
  const rescored = oversample > 0 ? Math.ceil(oversample * k) : 0;

  const hopMs = model.scoring.hop_us.value / 1000;
  const scoreMs = (model.scoring.score_ns_per_dim.value * dims * elementFactor(quantization, element_type, model)) / 1e6;
  const visitMs = hopMs + scoreMs;
  const sparseMs = (model.filter.exact_sparse_ns_per_byte.value * dims * codeBytesPerDim(quantization, element_type, model)) / 1e6;
  const terms: CostTerm[] = [];
  const src = (...keys: string[]) => `${FILE} ${keys.join(', ')}`;

  // Vector work per segment.
  let segmentMs: number;
  let segmentTerm: CostTerm;
  if (structure === 'hnsw') {
    const h = model.hnsw;
    const ef = Math.max(input.num_candidates, k, rescored);
    const u = h.visits_per_candidate.value * ef * Math.pow(n / h.reference_segment_vectors.value, h.visits_segment_exponent.value);
    if (!filtered) {
      const visits = saturate(n, u);
      segmentMs = visits * visitMs;
      segmentTerm = {
        id: 'query_cost.hnsw.visit_ms',
        description: 'HNSW graph search in one segment: nodes scored x (hop + distance)',
        value: round(segmentMs),
        unit: 'ms',
        expression: 'n * (1 - exp(-u / n)) * visit_ms, u = visits_per_candidate * ef * (n / reference_segment_vectors)^visits_segment_exponent',
        inputs: { n: round(n), ef, u: round(u), visits: round(visits), visit_ms: round(visitMs) },
        source: src('hnsw.*', 'scoring.*'),
      };
    } else {
      const f = model.filter;
      const acorn = input.filtered_search === 'acorn' && s < f.acorn_threshold.value;
      const walkU = acorn ? f.acorn_walk_factor.value * u : s > 0 ? u / Math.pow(s, f.walk_selectivity_exponent.value) : 0;
      const walkVisits = s > 0 ? saturate(n, walkU) : 0;
      const walkMs = walkVisits * visitMs;
      const exactMs = matches * (visitMs + scoreMs + sparseMs);
      const exact = exactMs < walkMs;
      segmentMs = Math.min(walkMs, exactMs);
      const strategy = acorn
        ? `priced as ACORN (Elasticsearch ${f.acorn_since.value}+, filter keeps less than ${f.acorn_threshold.value}): the walk scores only matching nodes, reached through two-hop neighbour expansion`
        : 'priced as the baseline walk: every neighbour reached is scored, so the walk scores more nodes to collect candidates among the matches';
      segmentTerm = {
        id: exact ? 'query_cost.hnsw.filter_exact_ms' : 'query_cost.hnsw.filter_walk_ms',
        description: exact
          ? `filtered HNSW in one segment: the walk gives up after as many visits as the filter matches, then exact search scores every match (the walk ${strategy})`
          : `filtered HNSW in one segment, graph walk ${strategy}`,
        value: round(segmentMs),
        unit: 'ms',
        expression: acorn
          ? 'min(n * (1 - exp(-acorn_walk_factor * u / n)) * visit_ms, s * n * (visit_ms + score_ms + sparse_ms)), sparse_ms = exact_sparse_ns_per_byte * dims * code_bytes_per_dim'
          : 'min(n * (1 - exp(-u / s^g / n)) * visit_ms, s * n * (visit_ms + score_ms + sparse_ms)), sparse_ms = exact_sparse_ns_per_byte * dims * code_bytes_per_dim',
        inputs: {
          n: round(n),
          ef,
          s,
          filtered_search: acorn ? 'acorn' : 'baseline',
          walk_visits: round(walkVisits),
          walk_ms: round(walkMs),
          exact_ms: round(exactMs),
          visit_ms: round(visitMs),
          score_ms: round(scoreMs),
          sparse_ms: round(sparseMs),
        },
        source: src('hnsw.*', 'filter.*', 'scoring.*'),
      };
    }
  } else if (structure === 'flat') {
    const scanMs = n * scoreMs;
    segmentMs = filtered ? Math.min(matches * (scoreMs + sparseMs), scanMs) : scanMs;
    segmentTerm = {
      id: 'query_cost.flat.scan_ms',
      description: filtered ? 'flat index in one segment: exact scoring of the filter matches (at most a full scan)' : 'flat index in one segment: every vector scored',
      value: round(segmentMs),
      unit: 'ms',
      expression: filtered ? 'min(s * n * (score_ms + sparse_ms), n * score_ms)' : 'n * score_ms',
      inputs: { n: round(n), s, score_ms: round(scoreMs), sparse_ms: round(sparseMs) },
      source: src('scoring.*', 'filter.exact_sparse_ns_per_byte'),
    };
  } else {
    const iv = model.ivf;
    const visit = clamp(input.visit_ratio ?? iv.default_visit_ratio.value, 0, 1);
    const centroids = n / iv.cluster_size.value;
    const ivfMs = (iv.score_ns_per_dim.value * dims) / 1e6;
    const lists = filtered ? (s > 0 ? Math.min(1, visit / s) : 0) : visit;
    const approxMs = (centroids + lists * n) * ivfMs;
    segmentMs = filtered ? Math.min(approxMs, matches * (scoreMs + sparseMs)) : approxMs;
    segmentTerm = {
      id: 'query_cost.ivf.visit_ms',
      description: 'DiskBBQ in one segment: centroids plus the visited share of the posting lists, bulk-scored' + (filtered ? ' (more lists under a filter, or exact scoring of the matches when cheaper)' : ''),
      value: round(segmentMs),
      unit: 'ms',
      expression: filtered
        ? 'min((n / cluster_size + min(1, visit_ratio / s) * n) * ivf_score_ms, s * n * (score_ms + sparse_ms))'
        : '(n / cluster_size + visit_ratio * n) * ivf_score_ms',
      inputs: { n: round(n), centroids: round(centroids), visit_ratio: visit, s, ivf_score_ms: round(ivfMs) },
      source: src('ivf.*', 'filter.exact_sparse_ns_per_byte'),
    };
  }
  terms.push(segmentTerm);
  terms.push({ id: 'query_cost.segments', description: 'segments searched, each for the whole query', value: segments, unit: 'segments', source: 'input (segmentsPerShard)' });

  // Cache misses multiply the vector work.
  const c = model.cache;
  const r = clamp(input.resident_ratio, c.resident_ratio_floor.value, 1);
  const penalty = structure === 'hnsw' ? Math.pow(r, -c.hnsw_miss_exponent.value) : 1 + c.scan_miss_cost.value * (1 - r);
  terms.push({
    id: 'query_cost.cache_miss_factor',
    description: 'vector work multiplier for the share of the working set outside the page cache',
    value: round(penalty),
    unit: 'ratio',
    expression: structure === 'hnsw' ? 'resident_ratio^-hnsw_miss_exponent' : '1 + scan_miss_cost * (1 - resident_ratio)',
    inputs: { resident_ratio: r },
    source: src(structure === 'hnsw' ? 'cache.hnsw_miss_exponent' : 'cache.scan_miss_cost', 'cache.resident_ratio_floor'),
  });
  const vectorMs = segments * segmentMs * penalty;
  terms.push({
    id: 'query_cost.vector_ms',
    description: 'vector work of the shard: segments x per-segment work x cache-miss factor',
    value: round(vectorMs),
    unit: 'ms',
    expression: 'segments * segment_ms * cache_miss_factor',
    source: FILE,
  });

  const filterMs = filtered ? (model.filter.filter_doc_ns.value * s * vectors) / 1e6 : 0;
  if (filtered) {
    terms.push({
      id: 'query_cost.filter_bitset_ms',
      description: 'evaluating the filter into a bit set, per document it keeps',
      value: round(filterMs),
      unit: 'ms',
      expression: 'filter_doc_ns * s * vectors / 1e6',
      inputs: { s, vectors },
      source: src('filter.filter_doc_ns'),
    });
  }

  const rawMs = (model.scoring.hop_us.value / 1000) + (model.scoring.score_ns_per_dim.value * dims * elementFactor('none', element_type, model)) / 1e6;
  const rescoreMs = segments * rescored * rawMs;
  if (rescored > 0) {
    terms.push({
      id: 'query_cost.rescore_ms',
      description: 'rescoring: oversample x k raw vectors read and scored per segment',
      value: round(rescoreMs),
      unit: 'ms',
      expression: 'segments * ceil(oversample * k) * (hop + raw distance)',
      inputs: { segments, rescored, raw_vector_ms: round(rawMs) },
      source: src('scoring.*'),
    });
  }

  const fixedMs = model.coordination.shard_fixed_ms.value;
  terms.push({ id: 'query_cost.shard_fixed_ms', description: model.coordination.shard_fixed_ms.description, value: fixedMs, unit: 'ms', source: src('coordination.shard_fixed_ms') });

  return { ms: fixedMs + vectorMs + filterMs + rescoreMs, terms };
}

/** Per-search coordination, reduce and fetch cost on the coordinating node. */
export function searchOverheadCost(input: { shards: number; k: number }, model: QueryCostModel): Cost {
  const co = model.coordination;
  const shards = Math.max(1, input.shards);
  const baseMs = co.search_base_ms.value;
  const mergeMs = co.merge_ms_per_shard_hit.value * shards * input.k;
  const fetchMs = co.fetch_ms_per_hit.value * input.k;
  return {
    ms: baseMs + mergeMs + fetchMs,
    terms: [
      { id: 'query_cost.search_base_ms', description: co.search_base_ms.description, value: baseMs, unit: 'ms', source: `${FILE} coordination.search_base_ms` },
      { id: 'query_cost.reduce_ms', description: 'merging k hits from every shard', value: round(mergeMs), unit: 'ms', expression: 'merge_ms_per_shard_hit * shards * k', inputs: { shards, k: input.k }, source: `${FILE} coordination.merge_ms_per_shard_hit` },
      { id: 'query_cost.fetch_ms', description: 'fetch phase for the k hits returned', value: round(fetchMs), unit: 'ms', expression: 'fetch_ms_per_hit * k', inputs: { k: input.k }, source: `${FILE} coordination.fetch_ms_per_hit` },
    ],
  };
}

/**
 * Segments one shard copy holds: 1 when force-merged, else the segment count Lucene's
 * TieredMergePolicy allows before it merges (its budget: segments_per_tier segments per tier,
 * tiers growing from the floor size by the merge factor up to the max merged segment size, at
 * least segments_per_tier). A shard being written sits near this budget.
 */
export function segmentsPerShard(input: SegmentInput, model: QueryCostModel): { segments: number; terms: CostTerm[] } {
  const g = model.segments;
  const source = `${FILE} segments.* (Lucene TieredMergePolicy allowed segment count)`;
  if (input.force_merged || input.shard_bytes <= 0) {
    const why = input.force_merged ? 'force-merged to one segment' : 'empty shard';
    return { segments: 1, terms: [{ id: 'query_cost.segments_per_shard', description: why, value: 1, unit: 'segments', source }] };
  }
  const perTier = g.segments_per_tier.value;
  const mergeFactor = Math.min(g.max_merge_at_once.value, perTier);
  const maxSeg = g.max_merged_segment_bytes.value;
  let level = g.floor_segment_bytes.value;
  let left = input.shard_bytes;
  let allowed = 0;
  for (;;) {
    const atLevel = left / level;
    if (atLevel < perTier || level === maxSeg) {
      allowed += Math.ceil(atLevel);
      break;
    }
    allowed += perTier;
    left -= perTier * level;
    level = Math.min(maxSeg, level * mergeFactor);
  }
  const segments = Math.max(allowed, perTier);
  return {
    segments,
    terms: [
      {
        id: 'query_cost.segments_per_shard',
        description: 'TieredMergePolicy budget: segments_per_tier per tier from the floor size up, tiers x merge factor, capped at the max merged segment size',
        value: segments,
        unit: 'segments',
        expression: 'max(segments_per_tier, sum over tiers)',
        inputs: { shard_bytes: input.shard_bytes },
        source,
      },
    ],
  };
}
