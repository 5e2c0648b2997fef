/**
 * The replies `esplan check` reads, as zod schemas the transport applies at its one door
 * (../reply-schemas.ts lists them with apply's): shapes and units as shared/research/live-stats.md
 * records them from Elasticsearch's code, REST tests and specification. Only the fields check reads
 * are typed; every object may carry more. Byte and count figures must be whole non-negative
 * numbers: a reply with "12kb" where bytes belong is refused, never misread as 0.
 */
import { z } from 'zod';

const count = z.number().int().nonnegative();
const jsonObject = z.record(z.string(), z.unknown());

/** `total_<ext>_size_bytes`; the cenivf/clivf pair from 9.3 (and the misspelled `total_cenif_size_bytes` some clients carry). */
export const offHeapTotals = z.looseObject({
  total_size_bytes: count,
  total_veb_size_bytes: count.optional(),
  total_vec_size_bytes: count.optional(),
  total_veq_size_bytes: count.optional(),
  total_vex_size_bytes: count.optional(),
  total_cenivf_size_bytes: count.optional(),
  total_cenif_size_bytes: count.optional(),
  total_clivf_size_bytes: count.optional(),
});

/** Per-field map: `<ext>_size_bytes`, an extension with no data omitted. */
const perFieldOffHeap = z.record(z.string(), z.looseObject({
  veb_size_bytes: count.optional(),
  vec_size_bytes: count.optional(),
  veq_size_bytes: count.optional(),
  vex_size_bytes: count.optional(),
  cenivf_size_bytes: count.optional(),
  clivf_size_bytes: count.optional(),
}));

export const denseVectorStats = z.looseObject({
  value_count: count,
  off_heap: offHeapTotals.extend({ fielddata: perFieldOffHeap.optional() }).optional(),
});

/** GET /_nodes/stats/jvm,os,fs and /_nodes/stats/indices/dense_vector: one entry per node id. */
export const nodesStatsReply = z.looseObject({
  nodes: z
    .record(
      z.string(),
      z.looseObject({
        name: z.string().optional(),
        jvm: z.looseObject({ mem: z.looseObject({ heap_max_in_bytes: count }) }).optional(),
        os: z.looseObject({ mem: z.looseObject({ total_in_bytes: count, adjusted_total_in_bytes: count.optional() }) }).optional(),
        fs: z.looseObject({ total: z.looseObject({ total_in_bytes: count, available_in_bytes: count }) }).optional(),
        indices: z.looseObject({ dense_vector: denseVectorStats.optional() }).optional(),
      }),
    )
    .optional(),
});

/** A setting value as Elasticsearch returns it: a string (numbers as text), or a list for list settings. */
const settingValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number(), z.boolean()]))]);

/** GET /<index>/_settings?flat_settings=true: the concrete indices, each with flat settings. */
export const indexSettingsReply = z.record(
  z.string(),
  z.looseObject({ settings: z.record(z.string(), settingValue), defaults: z.record(z.string(), settingValue).optional() }),
);

/** GET /<index>/_mapping: the concrete indices, each with its mappings. */
export const indexMappingReply = z.record(z.string(), z.looseObject({ mappings: jsonObject }));

/** GET /_cluster/state/metadata/<index>?filter_path=metadata.indices.*.routing_num_shards (filter_path drops what is empty). */
export const clusterStateMetadataReply = z.looseObject({
  metadata: z.looseObject({ indices: z.record(z.string(), z.looseObject({ routing_num_shards: z.number().int().positive().optional() })).optional() }).optional(),
});

const statsSection = z.looseObject({
  docs: z.looseObject({ count: count }).optional(),
  store: z.looseObject({ size_in_bytes: count }).optional(),
  dense_vector: denseVectorStats.optional(),
});

/** GET /<index>/_stats/docs,store,dense_vector?level=shards: per index, primaries and every assigned copy. */
export const indexStatsReply = z.looseObject({
  indices: z
    .record(
      z.string(),
      z.looseObject({
        primaries: statsSection,
        shards: z
          .record(
            z.string().regex(/^\d+$/, 'must be a shard number'),
            z.array(statsSection.extend({ routing: z.looseObject({ node: z.string().nullable(), primary: z.boolean(), state: z.string() }) })),
          )
          .optional(),
      }),
    )
    .optional(),
});

/** A number column of a cat API with bytes=b: digits as text, or null for an unassigned copy. */
const catNumber = z.union([z.string().regex(/^\d+$/, 'must be a whole number as text'), z.number().int().nonnegative(), z.null()]);

/** GET /_cat/shards/<indices>?format=json&bytes=b&h=index,shard,prirep,state,docs,store,id,node: one row per copy. */
export const catShardsReply = z.array(
  z.looseObject({
    index: z.string(),
    shard: z.union([z.string().regex(/^\d+$/, 'must be a shard number'), z.number().int().nonnegative()]),
    prirep: z.enum(['p', 'r', 'primary', 'replica']),
    state: z.string(),
    docs: catNumber.optional(),
    store: catNumber.optional(),
    id: z.string().nullable().optional(),
    node: z.string().nullable().optional(),
  }),
);

/** POST /<index>/_disk_usage?run_expensive_tasks=true: per index, per field, knn_vectors_in_bytes among others. */
export const diskUsageReply = z
  .object({ _shards: jsonObject.optional() })
  // Every other key is an index: `_shards` alone sits beside them.
  .catchall(z.looseObject({ fields: z.record(z.string(), z.looseObject({ knn_vectors_in_bytes: count.optional() })).optional() }));

/** The endpoints above, by path, for the transport's door. Index names never start with `_`. */
export const CHECK_ENDPOINTS: readonly { method: 'GET' | 'POST'; path: RegExp; schema: z.ZodType; absentOn404: boolean }[] = [
  { method: 'GET', path: /^\/_nodes\/stats(\/[^/]+){0,2}$/, schema: nodesStatsReply, absentOn404: false },
  { method: 'GET', path: /^\/_cluster\/state\/metadata\/[^_/][^/]*$/, schema: clusterStateMetadataReply, absentOn404: true },
  { method: 'GET', path: /^\/_cat\/shards\/[^/]+$/, schema: catShardsReply, absentOn404: true },
  { method: 'GET', path: /^\/[^_/][^/]*\/_settings$/, schema: indexSettingsReply, absentOn404: true },
  { method: 'GET', path: /^\/[^_/][^/]*\/_mapping$/, schema: indexMappingReply, absentOn404: true },
  { method: 'GET', path: /^\/[^_/][^/]*\/_stats(\/[^/]+)?$/, schema: indexStatsReply, absentOn404: true },
  { method: 'POST', path: /^\/[^_/][^/]*\/_disk_usage$/, schema: diskUsageReply, absentOn404: true },
];
