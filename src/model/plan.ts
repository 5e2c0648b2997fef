/**
 * The Plan: what `esplan recommend` returns. Its JSON form is a contract CI users script against;
 * key names are stable and only ever extended. This schema is the one source of the output types
 * and of the published output JSON Schema (`esplan schema --output`).
 */
import { z } from 'zod';
import { INDEX_TYPES, ELEMENT_TYPES } from '../data/index-types.js';
import { CHUNKING_STRATEGIES, CONSTANT_SETS, PROVIDERS, TEXT_MULTI_FIELDS } from './workload.js';
import { tierNoteSchema } from './tier-notes.js';
import { planCalibrationSchema } from './calibration.js';
import { planDiffSchema } from './plan-diff.js';

const bytes = z.number().int().nonnegative();
const usd = z.number().nonnegative();

export { ROLES, type Role } from './plan-roles.js';
import { ROLES } from './plan-roles.js';

export const basisEntrySchema = z.strictObject({
  id: z.string().describe('formula, constant or catalog entry id, e.g. vectors.codec.int8.code_bytes or aws:r6gd.4xlarge'),
  kind: z
    .enum(['formula', 'constant', 'assumption', 'catalog', 'policy', 'measurement'])
    .describe('measurement: a figure taken from a live cluster (recommend --calibration FILE); its source names the file, its date and the cluster'),
  description: z.string(),
  expression: z.string().optional().describe('the formula as evaluated, when the entry is a formula'),
  inputs: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  result: z.union([z.number(), z.string()]).optional(),
  unit: z.string().optional(),
  source: z.string().describe('URL, document or repository path the figure comes from'),
});
export type BasisEntry = z.output<typeof basisEntrySchema>;

export const vectorFileSchema = z.strictObject({
  ext: z.enum(['vec', 'veq', 'veb', 'vex', 'cenivf', 'clivf']),
  description: z.string(),
  bytes: bytes,
  resident: z.boolean().describe('counted in ram_bytes'),
  resident_bytes: bytes.optional().describe('bbq_disk posting lists: the part of the file counted in ram_bytes'),
});

export const vectorSizingSchema = z.strictObject({
  field: z.string(),
  index: z.string().optional().describe('top-level sizing of a workload with several indices: the index the field belongs to'),
  index_type: z.enum(INDEX_TYPES),
  index_type_reason: z.string(),
  element_type: z.enum(ELEMENT_TYPES),
  dims: z.number().int(),
  vector_count: bytes.describe('vectors at the planning horizon, one copy'),
  ram_bytes: bytes.describe('off-heap RAM (page cache) one copy needs for fast search'),
  disk_bytes: bytes.describe('bytes on disk for one copy: raw vectors, quantized codes, graph or clusters'),
  ram_band: z
    .strictObject({
      low_bytes: bytes.describe('all centroids plus 5% of the posting lists (bbq_disk.ram_band_low_fraction)'),
      high_bytes: bytes.describe('all centroids plus 10% of the posting lists (bbq_disk.ram_band_high_fraction)'),
    })
    .optional()
    .describe("bbq_disk only: Elastic's 5-10% band of posting lists in page cache; ram_bytes is the point the plan budgets (resident_fraction)"),
  resident_fraction: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('bbq_disk only: share of the posting lists ram_bytes keeps resident (bbq_disk.resident_fraction, or vectors[].resident_fraction); queries read the rest from disk'),
  graph_bound_bytes: bytes.optional().describe('HNSW only: the published 4*m bytes per vector upper bound'),
  files: z.array(vectorFileSchema),
});
export type VectorSizing = z.output<typeof vectorSizingSchema>;

export const sizingSchema = z.strictObject({
  constants: z.enum(CONSTANT_SETS),
  horizon_months: z.number().int().nonnegative(),
  documents: bytes.describe('documents at the planning horizon'),
  lucene_docs: bytes.describe('Lucene documents at the horizon, nested chunk documents included'),
  vectors: z.array(vectorSizingSchema),
  source_bytes: bytes.describe('_source and the index structures of other fields, one copy, at the horizon'),
  source_vector_bytes: bytes.optional().describe('part of source_bytes: vector values kept in _source as JSON (indices created before 9.2)'),
  growth_factor: z.number().positive().optional().describe('compound growth from now to the horizon'),
  vector_ram_bytes: bytes.describe('vector off-heap RAM, one copy'),
  vector_disk_bytes: bytes.describe('vector bytes on disk, one copy'),
  primary_disk_bytes: bytes.describe('everything on disk for one copy'),
  copies: z.number().int().positive(),
  total_ram_bytes: bytes.describe('vector off-heap RAM plus postings planned resident (postings_ram_bytes), all copies'),
  total_disk_bytes: bytes.describe('everything on disk, all copies'),
  postings_ram_bytes: bytes.optional().describe('page cache planned for sparse_vector and text postings, one copy (with text, keyword, sparse or semantic_text fields)'),
  text_fields: z.array(z.lazy(() => textFieldSizingSchema)).optional().describe('text fields, one copy each'),
  keyword_fields: z.array(z.lazy(() => keywordFieldSizingSchema)).optional().describe('keyword fields, one copy each'),
  sparse_vectors: z.array(z.lazy(() => sparseVectorSizingSchema)).optional().describe('sparse_vector fields, one copy each'),
  semantic_text: z.array(z.lazy(() => semanticTextSizingSchema)).optional().describe('semantic_text fields, one copy each; a dense one is also listed in vectors'),
});
export type Sizing = z.output<typeof sizingSchema>;

export const shardsSchema = z.strictObject({
  primaries: z.number().int().positive(),
  replicas: z.number().int().nonnegative(),
  routing_shards: z.number().int().positive(),
  split_factors: z.array(z.number().int().positive()).describe('factors the index can later be split by'),
  shard_bytes: bytes.describe('bytes per shard at the horizon'),
  docs_per_shard: bytes.describe('Lucene documents per shard at the horizon'),
  total_shards: z.number().int().positive(),
});
export type Shards = z.output<typeof shardsSchema>;

export const indexPlanSchema = z.strictObject({
  name: z.string().describe('the index (index.name): the base of the templates apply writes'),
  sizing: sizingSchema.describe('what this index needs at the horizon; the top-level sizing sums these'),
  shards: shardsSchema,
});
export type IndexPlan = z.output<typeof indexPlanSchema>;

export const costItemSchema = z.strictObject({
  component: z.enum(['instance', 'local_disk', 'local_ssd', 'attached_storage'])
    .describe('instance: the node itself; local_disk: a disk bundled with the instance (priced 0, in the instance price); local_ssd: GCP Local SSDs; attached_storage: a volume (EBS, Persistent Disk, Managed Disk)'),
  description: z.string(),
  quantity_per_node: z.number().nonnegative().describe('per node and month, in unit'),
  unit: z.string().describe('hour, disk-hour, GiB-month or GB'),
  unit_price_usd: usd.nullable().describe('catalog price per unit; null when unknown'),
  monthly_usd_per_node: usd.nullable(),
  monthly_usd: usd.nullable().describe('the whole tier; each item is rounded to cents, so the items sum to the tier monthly_usd within a cent per item'),
});
export type CostItem = z.output<typeof costItemSchema>;

export const tierSchema = z.strictObject({
  role: z.enum(ROLES),
  provider: z.enum(PROVIDERS),
  instance_type: z.string(),
  nodes: z.number().int().positive(),
  nodes_per_zone: z.array(z.number().int().nonnegative()),
  vcpu: z.number().nonnegative(),
  memory_gib: z.number().nonnegative(),
  disk_gb: z.number().nonnegative().describe('per node, decimal GB'),
  disk_kind: z.enum(['local-nvme', 'local-ssd', 'attached', 'none']),
  heap_bytes: bytes.optional(),
  vector_cache_bytes: bytes.optional().describe('data tier: page cache one node can give vectors'),
  usable_disk_bytes: bytes.optional().describe('data tier: disk one node can fill below the low watermark'),
  fullest_node_vector_bytes: bytes.optional().describe('data tier: vector bytes the fullest node keeps in page cache at the horizon'),
  fullest_node_disk_bytes: bytes.optional().describe('data tier: bytes on disk of the fullest node at the horizon'),
  disk_fill_limit_bytes: bytes.optional()
    .describe('data tier: the most the fullest node is planned to fill, usable_disk_bytes less the merge reserve and growth margin (formulas/topology.json)'),
  node_loss: z
    .strictObject({
      required: z.boolean().describe('availability.survive_node_loss: the search only chose tiers that survive'),
      survives: z.boolean().describe('the remaining nodes of the zone hold its shard copies below the low watermark and their vectors in the vector cache'),
      surviving_nodes_in_zone: z.number().int().positive(),
      fullest_node_shard_copies: z.number().int().nonnegative(),
      fullest_node_disk_bytes: bytes.describe('bytes on disk of the fullest remaining node of the zone at the horizon'),
      fullest_node_vector_bytes: bytes.describe('vector bytes the fullest remaining node of the zone keeps in page cache'),
      disk_headroom_bytes: z.number().int().describe('usable_disk_bytes less fullest_node_disk_bytes; negative when it does not fit'),
      vector_headroom_bytes: z.number().int().describe('vector_cache_bytes less fullest_node_vector_bytes; negative when it does not fit'),
    })
    .optional()
    .describe('data tier with two or more nodes per zone: the fullest zone after one of its data nodes is lost (forced awareness keeps copies in their zone); absent with one node per zone, where a node loss is a zone loss'),
  search_threads_needed_per_node: z.number().nonnegative().optional()
    .describe('data tier, with search.peak_qps: search threads the fullest node keeps busy at peak (shard copies x peak_qps x shard query time / serving copies)'),
  search_threads_available_per_node: z.number().nonnegative().optional()
    .describe('data tier, with search.peak_qps: search threads one node offers at the target utilisation (formulas/throughput.json)'),
  indexing_threads_needed_per_node: z.number().nonnegative().optional()
    .describe('data tier, with corpus.ingest_docs_per_second: indexing threads the fullest node keeps busy at peak ingest (its share of the shard copies; every copy indexes every document; formulas/ingest.json), counted with its search threads against cpu_threads_available_per_node'),
  cpu_threads_available_per_node: z.number().nonnegative().optional()
    .describe('data tier, with corpus.ingest_docs_per_second: busy threads one node offers at the target utilisation for search and indexing together (formulas/throughput.json)'),
  price_usd_per_hour: usd.nullable().describe('one node, storage included; null when no price is known'),
  monthly_usd_per_node: usd.nullable(),
  monthly_usd: usd.nullable().describe('the whole tier'),
  cost_items: z.array(costItemSchema).optional().describe('the monthly cost as line items: instance, bundled disk, Local SSD or attached volume'),
  note: z.string().optional().describe('the notes below, phrased and joined with "; "'),
  notes: z.array(tierNoteSchema).optional().describe('what the tier note says, as {code, params}; renderers phrase these'),
});
export type Tier = z.output<typeof tierSchema>;

export const alternativeSchema = z.strictObject({
  provider: z.enum(PROVIDERS),
  instance_type: z.string(),
  nodes: z.number().int().positive(),
  monthly_usd: usd.nullable(),
  why_not: z.string().describe('why it lost against the chosen data tier'),
});
export type Alternative = z.output<typeof alternativeSchema>;

export const warningSchema = z.strictObject({
  code: z.string().regex(/^[A-Z0-9_]+$/),
  message: z.string(),
});
export type Warning = z.output<typeof warningSchema>;


const headroomFields = {
  needed_bytes: bytes.describe('the fullest data node at the planning horizon'),
  available_bytes: bytes.describe('what one data node offers'),
  headroom_bytes: z.number().int().describe('available minus needed; negative when it does not fit'),
  headroom_ratio: z.number().describe('headroom as a share of what is available'),
  fits: z.boolean(),
};

export const capacitySchema = z.strictObject({
  data_tier: z.strictObject({
    instance_type: z.string(),
    nodes: z.number().int().positive(),
    nodes_per_zone: z.array(z.number().int().nonnegative()),
    fullest_node_shard_copies: z.number().int().nonnegative(),
  }),
  search: z.strictObject({
    shard_query_ms: z.number().nonnegative().describe('CPU time one shard copy spends on one query; its derivation is in basis (search.shard_query_ms, query_cost.*)'),
    shard_query_ms_basis: z.enum(['model', 'measured', 'assumption']).describe('model: formulas/query-cost.json; measured: search.shard_query_ms; assumption: lexical-only default'),
    overhead_ms: z.number().nonnegative().describe('coordination, reduce and fetch per search'),
    latency_ms: z.number().nonnegative().describe('estimated single-query latency on an idle cluster (no queueing; search_worker parallelism can lower it)'),
    busy_threads_per_node: z.number().nonnegative().describe('search threads one data node can keep busy: min(pool size, processors)'),
    target_utilisation: z.number(),
    serving_copies: z.number().int().positive().describe('copies of each shard that serve with every zone up'),
    serving_copies_zone_lost: z.number().int().positive().describe('copies of each shard that serve with one zone lost'),
    zone_loss_policy: z.boolean().describe('max_peak_qps assumes one zone lost (formulas/throughput.json serve_peak_with_zone_lost; never with one zone)'),
    saturation_qps: z.number().nonnegative().describe("queries per second at which the fullest data node's search threads are all busy, every copy serving (a load test's maximum)"),
    max_peak_qps: z.number().nonnegative().describe('peak queries per second carried within the target utilisation with one zone lost (the policy recommend sizes for)'),
    peak_qps: z.number().nonnegative().nullable().describe("the workload's search.peak_qps"),
    peak_share_of_max: z.number().nonnegative().nullable().describe('peak_qps / max_peak_qps; above 1 means the peak does not fit'),
    k: z.number().int().positive(),
    num_candidates: z.number().int().positive(),
    filter_selectivity: z.number(),
    force_merged: z.boolean(),
    segments_per_shard: z.number().positive(),
    defaulted: z.array(z.string()).describe('query-cost inputs the workload did not give (defaults used)'),
  }),
  ram: z.strictObject({
    ...headroomFields,
    months_until_full: z.number().int().nonnegative().nullable().optional().describe('whole months of growth from now until vectors outgrow the vector cache; null without growth or beyond 1,200 months'),
  }),
  disk: z.strictObject({
    ...headroomFields,
    months_until_low_watermark: z.number().int().nonnegative().nullable().describe('whole months of growth from now until the fullest node reaches the low disk watermark; 0 when it is there already, null without growth or beyond 1,200 months'),
  }),
});
export type Capacity = z.output<typeof capacitySchema>;

export const planSchema = z.strictObject({
  format_version: z.literal(1),
  esplan_version: z.string(),
  workload: z.record(z.string(), z.unknown()).describe('the normalized workload: the input with every default filled in'),
  calibration: planCalibrationSchema
    .optional()
    .describe('recommend/evaluate --calibration FILE: the file, when and where it was measured, the vector fields sized from it and those it had no entry for; absent without --calibration'),
  sizing: sizingSchema.describe('the whole cluster: with several indices, sums over indices[] (copies and horizon_months: the largest)'),
  shards: shardsSchema.optional().describe('the shard plan when the workload has one index (as indices[0].shards); absent with several'),
  indices: z.array(indexPlanSchema).min(1).describe('one entry per index, in workload order'),
  zones: z.number().int().min(1).max(3),
  tiers: z.array(tierSchema),
  monthly_usd: usd.nullable().describe('all tiers, 730 hours a month; null when a price is unknown'),
  price_date: z.string().nullable().describe('the oldest price date among the catalog entries used'),
  alternatives: z.array(alternativeSchema),
  warnings: z.array(warningSchema),
  basis: z.array(basisEntrySchema),
  capacity: capacitySchema.optional().describe('what the data tier carries: search QPS, latency, RAM and disk headroom (recommend: the chosen tier; evaluate: the given one)'),
  diff: planDiffSchema.optional().describe('recommend --baseline OLD.json: what changed against that plan; absent without --baseline'),
});
export type Plan = z.output<typeof planSchema>;

// Per-field sizing of the non-vector field kinds (issue 13). Each entry is one copy of one field;
// the per-index sizing lists them beside vectors[].

export const textFieldSizingSchema = z.strictObject({
  field: z.string().describe('text field name'),
  analyzer: z.string().describe('the built-in analyzer the field is sized for (one ratio serves all of them)'),
  text_bytes_per_document: z.number().nonnegative().describe('text bytes of the field per document (bytes_per_document, or words_per_document x text.bytes_per_word)'),
  inverted_index_bytes: bytes.describe('terms, postings with positions and norms of the field itself, one copy'),
  multi_fields: z
    .array(z.strictObject({
      kind: z.enum(TEXT_MULTI_FIELDS).describe('the multi-field kind'),
      disk_bytes: bytes.describe('index structures of this multi-field, one copy'),
    }))
    .describe('each multi-field of the text field with its own index bytes'),
  ram_bytes: bytes.describe('page cache planned for the field, one copy (text.resident_share of disk_bytes)'),
  disk_bytes: bytes.describe('inverted index plus every multi-field, one copy; the text itself is in _source (source_bytes)'),
});
export type TextFieldSizing = z.output<typeof textFieldSizingSchema>;

export const keywordFieldSizingSchema = z.strictObject({
  field: z.string().describe('keyword field name'),
  bytes_per_value: z.number().positive().describe('average bytes of one value (keyword_fields[].bytes_per_value or keyword.default_bytes_per_value)'),
  values_per_document: z.number().positive().describe('keyword_fields[].values_per_document'),
  value_count: bytes.describe('values at the horizon, one copy'),
  ram_bytes: bytes.describe('page cache planned for the field, one copy: none (text.resident_share)'),
  disk_bytes: bytes.describe('terms dictionary, postings and doc values, one copy'),
});
export type KeywordFieldSizing = z.output<typeof keywordFieldSizingSchema>;

export const sparseVectorSizingSchema = z.strictObject({
  field: z.string().describe('sparse_vector field name'),
  tokens_per_document: z.number().positive().describe('non-zero tokens per value (sparse_vectors[].tokens_per_document or sparse_vector.default_tokens_per_document)'),
  per_document: z.number().positive().describe('sparse values per document'),
  token_count: bytes.describe('tokens stored at the horizon, one copy'),
  resident_share: z.number().min(0).max(1).describe('share of the postings planned in page cache (sparse_vector.resident_share)'),
  ram_bytes: bytes.describe('page cache planned for the postings, one copy'),
  disk_bytes: bytes.describe('postings of the field, one copy; query-time pruning does not shrink them'),
});
export type SparseVectorSizing = z.output<typeof sparseVectorSizingSchema>;

export const semanticTextSizingSchema = z.strictObject({
  field: z.string().describe('semantic_text field name'),
  inference_id: z.string().describe('the inference endpoint the field embeds with (given, or the default for the version and deployment)'),
  kind: z.enum(['sparse', 'dense']).describe('what the endpoint returns: sparse (ELSER) tokens or a dense embedding'),
  dims: z.number().int().positive().optional().describe('dense only: dimensions of each chunk embedding'),
  element_type: z.enum(ELEMENT_TYPES).optional().describe('dense only: element type of the embedding (bfloat16 for float endpoints from inference.json dense_defaults.bfloat16_since)'),
  index_type: z.enum(INDEX_TYPES).optional().describe("dense only: the embedding's index type (semantic_text's default for the version)"),
  chunking_strategy: z.enum(CHUNKING_STRATEGIES).describe('chunking strategy sized (the given one or the endpoint default)'),
  chunks_per_document: z.number().int().positive().describe('chunks per document, each one hidden nested Lucene document and one embedding'),
  chunk_count: bytes.describe('chunks at the horizon, one copy (also nested Lucene documents)'),
  tokens_per_chunk: z.number().positive().optional().describe('sparse only: tokens per chunk embedding (sparse_vector.default_tokens_per_document)'),
  offsets_disk_bytes: bytes.describe('chunk offsets and nested documents, one copy'),
  embedding_ram_bytes: bytes.describe('page cache for the embeddings, one copy: sparse postings, or for dense the vector entry ram_bytes (also counted in vector_ram_bytes)'),
  embedding_disk_bytes: bytes.describe('embedding bytes on disk, one copy: sparse postings, or for dense the vector entry disk_bytes (also counted in vector_disk_bytes)'),
  ram_bytes: bytes.describe('embedding_ram_bytes, one copy'),
  disk_bytes: bytes.describe('offsets_disk_bytes plus embedding_disk_bytes, one copy'),
});
export type SemanticTextSizing = z.output<typeof semanticTextSizingSchema>;
