/**
 * Loader of formulas/query-cost.json: the query-cost model's constants (src/sizing/query-cost.ts),
 * each with its unit, source and, for fitted constants, the measurement rows it was fitted to.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { formulasDir } from './paths.js';
import { readDataFile } from './read-data-file.js';

const source = z.string().min(10);

function constant<U extends string>(unit: U) {
  return z.strictObject({
    kind: z.enum(['constant', 'assumption']),
    value: z.number().nonnegative(),
    unit: z.literal(unit),
    description: z.string().min(1),
    source,
  });
}

function fitted<U extends string>(unit: U) {
  return z.strictObject({
    kind: z.literal('fitted'),
    value: z.number().positive(),
    unit: z.literal(unit),
    description: z.string().min(1),
    fitted_to: z.array(z.string().min(5)).min(1),
    source,
  });
}

const factor = z.union([constant('ratio'), fitted('ratio')]);

/** An Elasticsearch `major.minor` version from which a behaviour applies. */
const sinceVersion = z.strictObject({
  kind: z.literal('constant'),
  value: z.string().regex(/^\d{1,2}\.\d{1,3}$/),
  unit: z.literal('version'),
  description: z.string().min(1),
  source,
});

const queryCostFileSchema = z.strictObject({
  format_version: z.literal(1),
  description: z.string(),
  calibration: z.strictObject({ busy_threads_8_vcpu: constant('threads') }),
  scoring: z.strictObject({
    hop_us: fitted('us'),
    score_ns_per_dim: fitted('ns'),
    code_bytes_per_dim: z.strictObject({
      description: z.string(),
      float: constant('bytes'),
      bfloat16: constant('bytes'),
      byte: constant('bytes'),
      bit: constant('bytes'),
      int8: constant('bytes'),
      int4: constant('bytes'),
      bbq: constant('bytes'),
    }),
    element_factor: z.strictObject({
      description: z.string(),
      float: factor,
      bfloat16: factor,
      byte: factor,
      bit: factor,
      int8: factor,
      int4: factor,
      bbq: factor,
    }),
  }),
  hnsw: z.strictObject({
    visits_per_candidate: fitted('visits'),
    visits_segment_exponent: fitted('ratio'),
    reference_segment_vectors: constant('vectors'),
  }),
  filter: z.strictObject({
    walk_selectivity_exponent: fitted('ratio'),
    exact_sparse_ns_per_byte: fitted('ns'),
    filter_doc_ns: fitted('ns'),
    acorn_since: sinceVersion,
    acorn_threshold: constant('ratio'),
    acorn_walk_factor: fitted('ratio'),
  }),
  ivf: z.strictObject({
    score_ns_per_dim: fitted('ns'),
    cluster_size: constant('vectors'),
    default_visit_ratio: constant('ratio'),
  }),
  cache: z.strictObject({
    resident_ratio_floor: constant('ratio'),
    hnsw_miss_exponent: fitted('ratio'),
    scan_miss_cost: fitted('ratio'),
    reference_ram_mb: constant('MB'),
  }),
  coordination: z.strictObject({
    search_base_ms: fitted('ms'),
    fetch_ms_per_hit: constant('ms'),
    merge_ms_per_shard_hit: constant('ms'),
    shard_fixed_ms: constant('ms'),
  }),
  segments: z.strictObject({
    max_merged_segment_bytes: constant('bytes'),
    segments_per_tier: constant('segments'),
    max_merge_at_once: constant('segments'),
    floor_segment_bytes: constant('bytes'),
  }),
});

/** The model's constants as formulas/query-cost.json holds them (validated, deep-frozen). */
export type QueryCostData = z.output<typeof queryCostFileSchema>;

let cache: QueryCostData | undefined;

export function loadQueryCost(): QueryCostData {
  cache ??= readDataFile(join(formulasDir, 'query-cost.json'), queryCostFileSchema);
  return cache;
}
