/**
 * The query-cost model's calibration rows, typed in from shared/research/search-throughput.md
 * (one entry per measured row, with its id). Each row's setup is written out in full; the
 * measured CPU ms per query is derived beside it. Used by query-cost-rows.test.ts (one test per
 * row) and scripts/fit-query-cost.ts (the residual table in docs/throughput.md).
 *
 * Section 1 (VectorDBBench on one 8-vCPU Elastic Cloud node, saturated): CPU ms per query =
 * 8 busy threads x 1000 / max QPS (formulas/query-cost.json calibration.busy_threads_8_vcpu), and
 * the row is a whole search: shardQueryCost for the one shard plus searchOverheadCost.
 * Section 2 (single-thread Lucene / KnnIndexTester): CPU ms = the single-thread latency; the
 * harness searches Lucene directly, so the row is shardQueryCost less shard_fixed_ms (no
 * Elasticsearch shard-level phase, no coordination).
 */
import type { ShardQueryInput } from '../../src/sizing/query-cost.js';

export interface CostRow {
  id: string;
  /** Measured CPU ms per query, and how it follows from the source's figure. */
  measured_ms: number;
  derivation: string;
  input: ShardQueryInput;
  /** Section 1 rows: a whole Elasticsearch search over this many shards; absent: a Lucene-level harness. */
  search?: { shards: number };
  /** Segment count from segmentsPerShard for a shard of this many bytes (unmerged rows). */
  shard_bytes?: number;
}

/** A measured visit count (nodes scored per query), fitted together with the cost rows. */
export interface VisitRow {
  id: string;
  measured_visits: number;
  input: ShardQueryInput;
}

export interface CacheRow {
  id: string;
  structure: 'hnsw' | 'ivf';
  /** Container RAM of the row and of the fully resident reference row (MB). */
  ram_mb: number;
  latency_ms: number;
  reference_latency_ms: number;
}

const busyThreads = 8;
const perQuery = (qps: number): number => (busyThreads * 1000) / qps;

/** Section 1: Cohere 768-d float, 1,000,000 vectors, one shard, k = 100, HNSW, no rescoring. */
function vdb(numCandidates: number, segments: number, filter: number): ShardQueryInput {
  return {
    structure: 'hnsw',
    quantization: 'none',
    element_type: 'float',
    dims: 768,
    vectors: 1_000_000,
    segments,
    k: 100,
    num_candidates: numCandidates,
    oversample: 0,
    filter_selectivity: filter,
    resident_ratio: 1,
  };
}

/**
 * The unmerged section 1 shard: 1,000,000 x (768 x 4 B float vector + 16 x 2 x 4 B layer-0
 * neighbours for M = 16) = 3.2e9 B; _source holds only the id. TieredMergePolicy's budget for it
 * is 31 segments (see test/sizing/query-cost-segments.test.ts for the arithmetic).
 */
export const UNMERGED_VDB_SHARD_BYTES = 1_000_000 * (768 * 4 + 16 * 2 * 4);
export const UNMERGED_VDB_SEGMENTS = 31;

const forceMerged: Array<[number, number, string]> = [
  [100, 2096, '20250318'],
  [120, 1925, '20250318'],
  [150, 1708, '20250318'],
  [200, 1442, '20250318'],
  [300, 1115, '20250318'],
  [400, 910, '20250318'],
  [250, 1805, '20260209'],
  [350, 1482, '20260209'],
];
const unmerged: Array<[number, number]> = [
  [100, 597],
  [120, 551],
  [150, 493],
  [200, 431],
  [250, 377],
  [300, 338],
  [400, 280],
];
// M 20, ef_construction 128, num_candidates 100, force-merged, label filter keeping this share.
const filtered: Array<[number, number]> = [
  [0.001, 2175],
  [0.002, 1430],
  [0.005, 693],
  [0.01, 364],
  [0.02, 190],
  [0.05, 249],
  [0.1, 438],
  [0.2, 670],
  [0.5, 899],
];

export const COST_ROWS: CostRow[] = [
  ...forceMerged.map(([nc, qps, run]): CostRow => ({
    id: `§1 8c60g-force_merge (${run}) nc=${nc}`,
    measured_ms: perQuery(qps),
    derivation: `8 x 1000 / ${qps} QPS`,
    input: vdb(nc, 1, 1),
    search: { shards: 1 },
  })),
  ...unmerged.map(([nc, qps]): CostRow => ({
    id: `§1 8c60g (20250318, unmerged) nc=${nc}`,
    measured_ms: perQuery(qps),
    derivation: `8 x 1000 / ${qps} QPS`,
    input: vdb(nc, UNMERGED_VDB_SEGMENTS, 1),
    search: { shards: 1 },
    shard_bytes: UNMERGED_VDB_SHARD_BYTES,
  })),
  ...filtered.map(([s, qps]): CostRow => ({
    id: `§1 8c60g-force_merge (20250318) label ${s * 100}%`,
    measured_ms: perQuery(qps),
    derivation: `8 x 1000 / ${qps} QPS`,
    input: vdb(100, 1, s),
    search: { shards: 1 },
  })),
  // Row 15: ES KnnIndexTester, cohere-768, 100,000 float vectors in 4 segments, hnsw, tester
  // default num_candidates 1000 (k = 10000 asks for more: ef = k).
  ...([
    [10, 10.45],
    [100, 12.19],
    [10000, 42.56],
  ] as Array<[number, number]>).map(([k, ms]): CostRow => ({
    id: `§2 row 15 k=${k}`,
    measured_ms: ms,
    derivation: 'single-thread average latency',
    input: { structure: 'hnsw', quantization: 'none', element_type: 'float', dims: 768, vectors: 100_000, segments: 4, k, num_candidates: 1000, oversample: 0, filter_selectivity: 1, resident_ratio: 1 },
  })),
  // Row 23: luceneutil, Cohere 768-d, 200,000 vectors, 1 segment, k = 100, fanout 50
  // (num_candidates = k + fanout = 150), quantized HNSW without rescoring.
  ...([
    ['1-bit', 'bbq', 0.675],
    ['4-bit', 'int4', 1.17],
    ['7-bit', 'int8', 1.517],
    ['8-bit', 'int8', 1.523],
  ] as Array<[string, 'bbq' | 'int4' | 'int8', number]>).map(([bits, q, ms]): CostRow => ({
    id: `§2 row 23 ${bits}`,
    measured_ms: ms,
    derivation: 'single-thread average latency',
    input: { structure: 'hnsw', quantization: q, element_type: 'float', dims: 768, vectors: 200_000, segments: 1, k: 100, num_candidates: 150, oversample: 0, filter_selectivity: 1, resident_ratio: 1 },
  })),
  // Row 19: ES KnnIndexTester, cohere-wikipedia 10M x 768, DiskBBQ, 19 segments, k = 10,
  // oversampling 5 (50 raw vectors rescored per segment).
  ...([
    [0.001, 1.06],
    [0.003, 1.55],
  ] as Array<[number, number]>).map(([visit, ms]): CostRow => ({
    id: `§2 row 19 visit ${visit * 100}%`,
    measured_ms: ms,
    derivation: 'single-thread average latency',
    input: { structure: 'ivf', quantization: 'bbq', element_type: 'float', dims: 768, vectors: 10_000_000, segments: 19, k: 10, num_candidates: 1000, visit_ratio: visit, oversample: 5, filter_selectivity: 1, resident_ratio: 1 },
  })),
];

/** Row 14 (Elastic low-memory blog): latency at a RAM against latency at 450m (all resident). */
export const CACHE_ROWS: CacheRow[] = [
  { id: '§2 row 14 DiskBBQ 101m', structure: 'ivf', ram_mb: 101, latency_ms: 15.83, reference_latency_ms: 2.38 },
  { id: '§2 row 14 DiskBBQ 150m', structure: 'ivf', ram_mb: 150, latency_ms: 12.13, reference_latency_ms: 2.38 },
  { id: '§2 row 14 DiskBBQ 250m', structure: 'ivf', ram_mb: 250, latency_ms: 7.46, reference_latency_ms: 2.38 },
  { id: '§2 row 14 DiskBBQ 350m', structure: 'ivf', ram_mb: 350, latency_ms: 3.65, reference_latency_ms: 2.38 },
  { id: '§2 row 14 HNSW BBQ 150m', structure: 'hnsw', ram_mb: 150, latency_ms: 289.7, reference_latency_ms: 3.06 },
  { id: '§2 row 14 HNSW BBQ 250m', structure: 'hnsw', ram_mb: 250, latency_ms: 26.81, reference_latency_ms: 3.06 },
  { id: '§2 row 14 HNSW BBQ 350m', structure: 'hnsw', ram_mb: 350, latency_ms: 7.7, reference_latency_ms: 3.06 },
];

/** Visit counts the sources print beside the latencies (section 2 rows 23 and 15). */
export const VISIT_ROWS: VisitRow[] = [
  {
    id: '§2 row 23 1-bit visited',
    measured_visits: 5101,
    input: { structure: 'hnsw', quantization: 'bbq', element_type: 'float', dims: 768, vectors: 200_000, segments: 1, k: 100, num_candidates: 150, oversample: 0, filter_selectivity: 1, resident_ratio: 1 },
  },
  {
    id: '§2 row 15 visited (4 segments)',
    measured_visits: 27_739,
    input: { structure: 'hnsw', quantization: 'none', element_type: 'float', dims: 768, vectors: 100_000, segments: 4, k: 10, num_candidates: 1000, oversample: 0, filter_selectivity: 1, resident_ratio: 1 },
  },
];

/**
 * A filtered-search row measured as a latency ratio on one index: the ACORN search at a
 * selectivity against the baseline search at (almost) no filter, both from the same luceneutil
 * run. The ratio cancels the hardware and the unknown segment layout; it is compared with the
 * model's vector work (query_cost.vector_ms) for the same two inputs. The filter's bit set is
 * left out on both sides: luceneutil hands the query a precomputed bit set (its 23.3 ms at 99%
 * is less than the model's bit set for 7.9M matches alone, 7.9 ns x 7.92M = 63 ms).
 */
export interface FilterRatioRow {
  id: string;
  /** Measured latency of `input` over measured latency of `reference`. */
  measured_ratio: number;
  derivation: string;
  input: ShardQueryInput;
  reference: ShardQueryInput;
}

/**
 * apache/lucene PR #14160 (benwtrent, comment of 2025-01-30): luceneutil over the nightly data
 * set, 8,000,000 x 768-d float vectors, not force-merged, topK 100, fanout 50 (num_candidates =
 * k + fanout = 150). Segment count not stated: segmentsPerShard of 8M x (768 x 4 + 16 x 2 x 4) B
 * = 25.6e9 B = 41 (see query-cost-rows.test.ts for the arithmetic), as for the §1 unmerged run.
 */
export const ACORN_SHARD_BYTES = 8_000_000 * (768 * 4 + 16 * 2 * 4);
export const ACORN_SEGMENTS = 41;
function nightly(filter: number, strategy: 'baseline' | 'acorn'): ShardQueryInput {
  return {
    structure: 'hnsw',
    quantization: 'none',
    element_type: 'float',
    dims: 768,
    vectors: 8_000_000,
    segments: ACORN_SEGMENTS,
    k: 100,
    num_candidates: 150,
    oversample: 0,
    filter_selectivity: filter,
    resident_ratio: 1,
    filtered_search: strategy,
  };
}
/** Baseline latency at selectivity 0.99 (visited 26,481), the reference of every ratio below. */
const NIGHTLY_BASELINE_099_MS = 23.306;
export const ACORN_ROWS: FilterRatioRow[] = (
  [
    [0.01, 28.972],
    [0.05, 34.103],
    [0.1, 37.99],
  ] as Array<[number, number]>
).map(([s, ms]) => ({
  id: `Lucene #14160 ACORN ${s * 100}% vs baseline 99%`,
  measured_ratio: ms / NIGHTLY_BASELINE_099_MS,
  derivation: `candidate ${ms} ms / baseline ${NIGHTLY_BASELINE_099_MS} ms`,
  input: nightly(s, 'acorn'),
  reference: nightly(0.99, 'baseline'),
}));

/**
 * The same run's speed-up of ACORN over the baseline at the same selectivity (baseline latency /
 * ACORN latency): an out-of-sample check of the baseline filter curve (fitted to Elasticsearch
 * 8.17 on one force-merged 1M shard) on a Lucene 10 multi-segment 8M index. Not fitted.
 */
export const ACORN_SPEEDUP_CHECKS: FilterRatioRow[] = (
  [
    [0.01, 110.216, 28.972],
    [0.05, 137.185, 34.103],
    [0.1, 85.933, 37.99],
  ] as Array<[number, number, number]>
).map(([s, base, acorn]) => ({
  id: `Lucene #14160 baseline / ACORN at ${s * 100}%`,
  measured_ratio: base / acorn,
  derivation: `baseline ${base} ms / candidate ${acorn} ms`,
  input: nightly(s, 'baseline'),
  reference: nightly(s, 'acorn'),
}));
