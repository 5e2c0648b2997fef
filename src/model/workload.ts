/**
 * The workload file: esplan's one input model, shared by files, flags, the wizard and CI.
 * This schema is the single source of truth for the TypeScript types, validation messages and the
 * published JSON Schema (`esplan schema`). Keys are snake_case with units last.
 */
import { z } from 'zod';
import {
  ELEMENT_TYPES,
  INDEX_TYPES,
  LICENSES,
  elementTypeInfo,
  indexTypeInfo,
  type IndexTypesData,
} from '../data/index-types.js';
import type { Limits } from '../data/limits.js';
import type { SearchParamsData } from '../data/search-params.js';
import type { WorkloadDefaults } from '../data/workload-defaults.js';
import { checkSlmSchedule, formatTimeUnit } from './slm-schedule.js';
import { compareVersions, parseVersion } from './version.js';

/** The most replicas a workload may ask for (the schema's bound; the replica advice searches up to it). */
export const MAX_REPLICAS = 10;

export const PROVIDERS = ['aws', 'azure', 'gcp', 'elastic-cloud', 'physical'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const SIMILARITIES = ['cosine', 'dot_product', 'l2_norm', 'max_inner_product'] as const;
export const CONSTANT_SETS = ['codec', 'docs'] as const;
export const CODECS = ['default', 'best_compression'] as const;
export type Codec = (typeof CODECS)[number];
/** Elasticsearch's built-in analyzers a text field may name without analysis settings. */
export const TEXT_ANALYZERS = ['standard', 'simple', 'whitespace', 'stop', 'english', 'french', 'german', 'spanish', 'italian', 'portuguese', 'dutch', 'cjk'] as const;
export const TEXT_MULTI_FIELDS = ['keyword', 'shingles', 'search_as_you_type'] as const;
export const CHUNKING_STRATEGIES = ['sentence', 'word', 'none'] as const;
export const TENANCY_STRATEGIES = ['shared', 'routing', 'index_per_tenant'] as const;
/** esplan's bound on indices per workload. */
export const MAX_INDICES = 50;
/** Top-level keys that describe one index: in the multi-index form they belong inside indices[]. */
export const PER_INDEX_KEYS = ['index', 'corpus', 'vectors', 'text_fields', 'keyword_fields', 'sparse_vectors', 'semantic_text', 'tenancy'] as const;
export type ConstantSet = (typeof CONSTANT_SETS)[number];

// Elasticsearch index names: lowercase, no spaces or \/*?"<>|,#: and not starting with -_+.
const INDEX_NAME = /^(?![-_+.])[a-z0-9][a-z0-9._-]{0,199}$/;
// A dense_vector field path: dotted segments of word characters, as mappings accept.
const FIELD_NAME = /^[A-Za-z0-9_@][A-Za-z0-9_@-]*(\.[A-Za-z0-9_@][A-Za-z0-9_@-]*)*$/;
// SLM accepts cron expressions (6 or 7 fields) or an interval such as 1h or 30m.
const SCHEDULE = /^(\S+(\s+\S+){5,6}|\d+(ms|s|m|h|d))$/;
const TIME_VALUE = /^\d+(ms|s|m|h|d)$/;

/** What Elasticsearch would say of this SLM schedule, as a workload problem with its fix; undefined when it would accept it. */
export function slmScheduleProblem(schedule: string, minimumIntervalMs: number): string | undefined {
  const check = checkSlmSchedule(schedule, minimumIntervalMs);
  if (check.ok) return undefined;
  const every = formatTimeUnit(minimumIntervalMs);
  if (check.problem === 'too_frequent') {
    return `runs more often than every ${every}, which Elasticsearch refuses (slm.minimum_interval); use an interval of ${every} or more (e.g. 1h) or a cron expression such as "0 30 1 * * ?" (daily at 01:30)`;
  }
  if (check.problem === 'zero') return 'is a zero interval; use an interval such as 1h';
  return `is not a schedule Elasticsearch accepts (${check.detail ?? 'not a cron expression or time unit'}); use a cron expression with seconds first such as "0 30 1 * * ?" or an interval such as 1h`;
}
/** Vector-field keys only bbq_disk takes: a field switched to another index type must drop them. */
export const IVF_ONLY_KEYS = ['cluster_size', 'bits', 'resident_fraction'] as const;
/** esplan's bound on vector fields per workload: far above real mappings, low enough to size quickly. */
export const MAX_VECTOR_FIELDS = 100;

// The size check comes first: 1e300 is "too large", not "not a whole number" (zod's int means a
// safe integer), and only the first failing check per value is reported.
const count = (what: string) =>
  z
    .number({ error: `must be a number (${what})` })
    .max(Number.MAX_SAFE_INTEGER, { error: `is above the maximum of ${Number.MAX_SAFE_INTEGER} (${what})` })
    .int({ error: `must be a whole number (${what})` })
    .nonnegative({ error: `cannot be negative (${what})` });

/** Figures from formulas/ the search and index keys are checked and described against. */
export interface WorkloadKeyData {
  /** formulas/search-params.json: k and num_candidates limits and defaults. */
  search: SearchParamsData;
  /** index.max_number_of_shards (formulas/shards.json): the most primaries one index may have. */
  max_primaries: number;
  /** storage.exclude_source_vectors_since (formulas/storage.json): first version that keeps vectors out of _source. */
  exclude_source_vectors_since: string;
  /** formulas/inference.json: first version with semantic_text, and with per-field chunking_settings. */
  semantic_text_since: string;
  chunking_settings_since: string;
  /** catalogs/roles.json: the data-node floor node_sizing: reference applies, per provider (the ceiling keys must reach it). */
  data_node_floor?: (provider: Provider) => { vcpu: number; memory_gib: number } | undefined;
}

/** Builds the schema against the limits, index-type rules and defaults in formulas/. */
export function buildWorkloadSchema(limits: Limits, types: IndexTypesData, defaults: WorkloadDefaults, keys: WorkloadKeyData) {
  const sp = keys.search;
  const ncLimit = sp.num_candidates_limit.value;
  const kDefault = sp.k_default.value;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const vectorField = z
    .strictObject({
      field: z.string().regex(FIELD_NAME, { error: 'must be a field name such as content_embedding' }),
      dims: z
        .number()
        .max(limits.bitMaxDims, {
          error: `is above the Elasticsearch maximum of ${limits.bitMaxDims} (${limits.maxDims} unless element_type is bit)`,
        })
        .int({ error: 'must be a whole number of dimensions' })
        .min(1, { error: 'must be at least 1' }),
      element_type: z.enum(ELEMENT_TYPES).default('float'),
      per_document: z
        .number()
        .positive({ error: 'must be above 0 (average vectors per document, e.g. chunks)' })
        .max(100_000, { error: 'is above 100000 vectors per document' })
        .default(1),
      index_type: z.enum(['auto', ...INDEX_TYPES]).default('auto'),
      m: z.number().int().min(limits.hnswM.min).max(limits.hnswM.max).default(limits.hnswMDefault)
        .describe(`HNSW max connections per node (HNSW types only); Elasticsearch default ${limits.hnswMDefault}`),
      ef_construction: z.number().int().min(limits.efConstruction.min).max(limits.efConstruction.max).default(limits.efConstructionDefault)
        .describe(`HNSW candidates while building the graph (HNSW types only); Elasticsearch default ${limits.efConstructionDefault}`),
      similarity: z.enum(SIMILARITIES).optional()
        .describe('defaults to cosine (l2_norm for bit vectors), as Elasticsearch does'),
      oversample: z.number().min(0).max(limits.oversample.max).optional()
        .describe('rescore_vector.oversample for quantized types; 0 disables; default 3 for bbq types'),
      cluster_size: z.number().int().min(limits.clusterSize.min).max(limits.clusterSize.max).optional()
        .describe('bbq_disk vectors per cluster; Elasticsearch default 384'),
      bits: z.union([z.literal(1), z.literal(2), z.literal(4)]).optional()
        .describe('bbq_disk quantization bits (Elasticsearch 9.4+): 1, 2 or 4'),
      resident_fraction: z.number().min(0).max(1).optional()
        .describe('bbq_disk: share of posting lists planned to stay in RAM (default from formulas)'),
    })
    .superRefine((v, ctx) => {
      const add = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      const maxDims = v.element_type === 'bit' ? limits.bitMaxDims : limits.maxDims;
      if (v.dims > maxDims) add('dims', `${v.dims} is above the Elasticsearch maximum of ${maxDims}${v.element_type === 'bit' ? ' for bit vectors' : ''}`);
      if (v.element_type === 'bit' && v.dims % limits.bitDimsMultiple !== 0) {
        add('dims', `${v.dims} is not a multiple of ${limits.bitDimsMultiple}, which bit vectors need`);
      }
      if (v.element_type === 'bit' && v.similarity && v.similarity !== 'l2_norm') {
        add('similarity', `bit vectors only support l2_norm, not ${v.similarity}`);
      }
      if (v.index_type === 'auto') return;
      const info = indexTypeInfo(types, v.index_type);
      if (info.quantization !== 'none' && !elementTypeInfo(types, v.element_type).quantizable) {
        add('index_type', `${v.index_type} quantizes vectors, which Elasticsearch allows only for float and bfloat16, not ${v.element_type}`);
      }
      if (info.quantization === 'int4' && v.dims % limits.int4DimsMultiple !== 0) {
        add('dims', `${v.dims} is odd; ${v.index_type} needs an even number of dimensions`);
      }
      if (info.quantization === 'bbq' && v.dims < limits.bbqMinDims) {
        add('dims', `${v.dims} is below ${limits.bbqMinDims}, the fewest dimensions ${v.index_type} accepts`);
      }
      if (info.structure !== 'ivf') {
        for (const key of IVF_ONLY_KEYS) {
          if (v[key] !== undefined) add(key, `applies only to bbq_disk, not ${v.index_type}`);
        }
      }
    });

  const corpusSection = z.strictObject({
    documents: count('documents now').min(1, { error: 'must be at least 1 document' }),
    source_bytes_per_document: count('average _source bytes per document, vectors excluded').min(1, {
      error: 'must be at least 1 byte',
    }),
    growth: z
      .strictObject({
        monthly_rate: z.number().min(0).max(10, { error: 'is above 10 (1000% a month)' }).default(0)
          .describe('compound growth per month, e.g. 0.03 for 3%'),
        months: z.number().int().min(0).max(120, { error: 'is above 120 months (10 years)' }).default(0)
          .describe('planning horizon in months'),
      })
      .prefault({}),
    ingest_docs_per_second: z.number().positive({ error: 'must be above 0 (peak documents indexed per second)' }).max(1e9).optional()
      .describe('peak documents indexed per second: sizes indexing CPU on data nodes and, with in-cluster inference, ML nodes'),
  });

  const indexKeys = {
    name: z
      .string()
      .superRefine((name, ctx) => {
        const problem = indexNameProblem(name);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      // The JSON Schema keeps the pattern editors check against; the refinement above words each refusal.
      .meta({ pattern: INDEX_NAME.source })
      .optional(),
    primaries: z
      .number({ error: 'must be a number (primary shards)' })
      .max(keys.max_primaries, { error: `is above ${fmt(keys.max_primaries)}, Elasticsearch's limit of primary shards per index` })
      .int({ error: 'must be a whole number of primary shards' })
      .min(1, { error: 'must be at least 1 primary shard' })
      .optional()
      .describe(`pin index.number_of_shards (e.g. an existing index's count), 1 to ${fmt(keys.max_primaries)}; default: the fewest that keep shards within Elastic's size and document guidance`),
    force_merged: z.boolean().optional()
      .describe('the index is force-merged to one segment after loading (a read-only or rebuilt index); default false'),
    source_vectors: z.boolean().optional()
      .describe(
        `vector values are kept in _source (JSON text on disk); default by version: kept before ${keys.exclude_source_vectors_since}, excluded from ${keys.exclude_source_vectors_since} (index.mapping.exclude_source_vectors)`,
      ),
    codec: z.enum(CODECS).optional()
      .describe('index.codec for stored fields (_source): default (LZ4) or best_compression (zstd since 8.16); default: default'),
  };

  const fieldName = (example: string) => z.string().regex(FIELD_NAME, { error: `must be a field name such as ${example}` });
  const textField = z
    .strictObject({
      field: fieldName('body'),
      words_per_document: z.number().positive({ error: 'must be above 0 (average words of this field per document)' }).max(10_000_000).optional()
        .describe('average words of this field per document (give this or bytes_per_document)'),
      bytes_per_document: count('average bytes of this field per document').min(1, { error: 'must be at least 1 byte' }).optional()
        .describe('average UTF-8 bytes of this field per document (give this or words_per_document)'),
      analyzer: z.enum(TEXT_ANALYZERS).default('standard').describe("one of Elasticsearch's built-in analyzers"),
      multi_fields: z.array(z.enum(TEXT_MULTI_FIELDS)).max(TEXT_MULTI_FIELDS.length).default([])
        .describe('sub-fields indexed beside the text: keyword (exact match and aggregations, ignore_above 256), shingles (word n-grams for phrase-like scoring), search_as_you_type (prefix and infix completion)'),
    })
    .superRefine((t, ctx) => {
      const given = (t.words_per_document !== undefined ? 1 : 0) + (t.bytes_per_document !== undefined ? 1 : 0);
      if (given !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['words_per_document'],
          message: given === 0 ? 'is missing: give words_per_document or bytes_per_document for this text field' : 'and bytes_per_document are both set; give one of them',
        });
      }
      if (new Set(t.multi_fields).size !== t.multi_fields.length) ctx.addIssue({ code: 'custom', path: ['multi_fields'], message: 'lists a sub-field kind twice' });
    });
  const keywordField = z.strictObject({
    field: fieldName('category'),
    bytes_per_value: z.number().positive({ error: 'must be above 0 (average bytes per value)' }).max(32_766, { error: "is above 32766 bytes, Lucene's limit for one term" }).optional()
      .describe('average bytes of one value (default from formulas/fields.json)'),
    values_per_document: z.number().positive({ error: 'must be above 0 (values per document)' }).max(100_000).default(1),
  });
  const sparseVectorField = z.strictObject({
    field: fieldName('content_sparse'),
    tokens_per_document: z.number().positive({ error: 'must be above 0 (non-zero tokens per vector)' }).max(1_000_000).optional()
      .describe('average non-zero tokens (weighted terms) per sparse vector; default: the ELSER figure in formulas/fields.json'),
    per_document: z.number().positive({ error: 'must be above 0 (sparse vectors per document, e.g. chunks)' }).max(100_000).default(1),
  });
  const chunking = z
    .strictObject({
      strategy: z.enum(CHUNKING_STRATEGIES).default('sentence'),
      max_chunk_size: z.number().int({ error: 'must be a whole number of words' }).min(limits.chunking.word_min, { error: `must be at least ${limits.chunking.word_min} words` }).max(limits.chunking.max, { error: `is above ${limits.chunking.max} words, the most Elasticsearch accepts` }).optional(),
      sentence_overlap: z.union([z.literal(0), z.literal(1)], { error: 'must be 0 or 1 (sentences shared by neighbouring chunks)' }).optional(),
      overlap: z.number().int().min(0).optional().describe('word strategy: words shared by neighbouring chunks, at most half of max_chunk_size'),
    })
    .superRefine((c, ctx) => {
      const add = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      const size = c.max_chunk_size;
      if (c.strategy === 'sentence' && size !== undefined && size < limits.chunking.sentence_min) add('max_chunk_size', `${size} is below ${limits.chunking.sentence_min}, the fewest words the sentence strategy accepts`);
      if (c.strategy !== 'word' && c.overlap !== undefined) add('overlap', `applies only to the word strategy, not ${c.strategy} (use sentence_overlap)`);
      if (c.strategy !== 'sentence' && c.sentence_overlap !== undefined) add('sentence_overlap', `applies only to the sentence strategy, not ${c.strategy}`);
      if (c.strategy === 'none' && size !== undefined) add('max_chunk_size', 'does not apply when strategy is none (each field value is one chunk)');
      if (c.strategy === 'word' && c.overlap !== undefined && c.overlap > (size ?? limits.chunking.default_size) / 2) {
        add('overlap', `${c.overlap} is above half of max_chunk_size (${size ?? limits.chunking.default_size}), which Elasticsearch refuses`);
      }
    });
  const semanticTextField = z.strictObject({
    field: fieldName('content'),
    words_per_document: z.number().positive({ error: 'must be above 0 (average words of this field per document)' }).max(10_000_000),
    inference_id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$|^\.[a-z0-9][a-z0-9._-]*$/, { error: 'must be an inference endpoint id such as my-e5-endpoint' }).max(200).optional()
      .describe('the inference endpoint; default by version and deployment (formulas/inference.json)'),
    chunking: chunking.optional().describe('chunking_settings; default: sentence strategy, 250 words, overlap 1'),
  });
  const tenancy = z
    .strictObject({
      field: fieldName('tenant_id'),
      tenants: count('number of tenants').min(1, { error: 'must be at least 1 tenant' }),
      largest_tenant_share: z.number().gt(0, { error: 'must be above 0 (share of documents the largest tenant holds)' }).max(1, { error: 'must be at most 1 (a share, e.g. 0.02)' }),
      strategy: z.enum(TENANCY_STRATEGIES).default('shared')
        .describe('shared: one index, a tenant filter on every query; routing: documents routed by tenant (_routing required); index_per_tenant: one index per tenant'),
      routing_partition_size: z.number().int().min(1).optional()
        .describe('routing only: shards one tenant spreads over (index.routing_partition_size); default 1'),
    })
    .superRefine((t, ctx) => {
      if (t.routing_partition_size !== undefined && t.strategy !== 'routing') {
        ctx.addIssue({ code: 'custom', path: ['routing_partition_size'], message: `applies only to strategy routing, not ${t.strategy}` });
      }
      if (t.largest_tenant_share < 1 / t.tenants - 1e-12) {
        ctx.addIssue({ code: 'custom', path: ['largest_tenant_share'], message: `${t.largest_tenant_share} is below 1/${t.tenants}: the largest of ${t.tenants} tenants holds at least an even share` });
      }
    });
  /** Per-index field sections, each a list; in the single-index form they sit at the top level. */
  const fieldSections = {
    text_fields: z.array(textField).max(MAX_VECTOR_FIELDS).optional().describe('analyzed text for lexical (BM25) search'),
    keyword_fields: z.array(keywordField).max(MAX_VECTOR_FIELDS).optional().describe('exact-value fields (filters, facets)'),
    sparse_vectors: z.array(sparseVectorField).max(MAX_VECTOR_FIELDS).optional().describe('sparse_vector fields (ELSER, SPLADE-style learned sparse retrieval)'),
    semantic_text: z.array(semanticTextField).max(MAX_VECTOR_FIELDS).optional().describe('semantic_text fields: chunked and embedded by an inference endpoint'),
    tenancy: tenancy.optional(),
  };
  const indexEntry = z.strictObject({
    index: z.strictObject({ ...indexKeys, name: indexKeys.name.unwrap() }),
    corpus: corpusSection,
    vectors: z.array(vectorField).max(MAX_VECTOR_FIELDS, { error: `has more than ${MAX_VECTOR_FIELDS} vector fields` }).default([]),
    ...fieldSections,
    availability: z.strictObject({
      replicas: z.number().int().min(0).max(MAX_REPLICAS, { error: `is above ${MAX_REPLICAS} replicas` }).optional(),
    }).optional(),
    search: z.strictObject({
      peak_qps: z.number().min(0).max(1e7).optional().describe('queries per second reaching this index; default: search.peak_qps (every query searches every index)'),
    }).optional(),
  });

  const versionString = z
    .string({ error: 'must be a version string such as "9.2" (quote it in YAML)' })
    .refine((s) => parseVersion(s) !== undefined, { error: (iss) => `${JSON.stringify(iss.input)} must look like "9.2" (major.minor)` })
    .refine(
      (s) =>
        parseVersion(s) === undefined ||
        (compareVersions(s, limits.supportedVersions.min) >= 0 && compareVersions(s, limits.supportedVersions.max) <= 0),
      {
        error: (iss) =>
          `${JSON.stringify(iss.input)} is not supported: esplan sizes Elasticsearch ${limits.supportedVersions.min} to ${limits.supportedVersions.max}`,
      },
    );

  return z
    .strictObject({
      format_version: z.literal(1, { error: 'must be 1 (the only workload format so far)' }).default(1),
      name: z.string().min(1).max(200).default('workload'),
      elasticsearch: z
        .strictObject({
          version: versionString.default(limits.supportedVersions.max),
          license: z.enum(LICENSES).default('basic'),
        })
        .prefault({}),
      corpus: corpusSection.optional(),
      vectors: z.array(vectorField).max(MAX_VECTOR_FIELDS, { error: `has more than ${MAX_VECTOR_FIELDS} vector fields` }).optional(),
      ...fieldSections,
      indices: z.array(indexEntry).min(1, { error: 'must list at least one index' }).max(MAX_INDICES, { error: `has more than ${MAX_INDICES} indices` }).optional()
        .describe('several indices in one cluster (a knowledge base, agent memory, logs): each entry holds its own index, corpus and field sections; without it the top-level sections describe the one index'),
      search: z
        .strictObject({
          peak_qps: z.number().min(0).max(1e7).optional(),
          recall_target: z.number().gt(0).max(1, { error: 'must be a fraction such as 0.95' }).optional(),
          filtered: z.boolean().optional()
            .describe('queries filter (tenant, ACL, date) as well as match vectors; default false, or true when filter_selectivity is below 1'),
          k: z
            .number({ error: 'must be a number (results per knn search)' })
            .max(ncLimit, { error: `is above ${fmt(ncLimit)}, Elasticsearch's limit (k cannot exceed num_candidates, at most ${fmt(ncLimit)})` })
            .int({ error: 'must be a whole number of results' })
            .min(1, { error: 'must be at least 1 (Elasticsearch: k must be greater than 0)' })
            .optional()
            .describe(`nearest neighbours each knn search returns (knn.k); default ${kDefault}, Elasticsearch's default search size`),
          num_candidates: z
            .number({ error: 'must be a number (candidates per shard)' })
            .max(ncLimit, { error: `is above ${fmt(ncLimit)}, Elasticsearch's limit for num_candidates` })
            .int({ error: 'must be a whole number of candidates' })
            .min(1, { error: 'must be at least 1 (and at least k)' })
            .optional()
            .describe(
              `candidates each shard collects per knn search (knn.num_candidates), at least k and at most ${fmt(ncLimit)}; ` +
                `default: from recall_target through a measured table (formulas/search-params.json) when that is given, else Elasticsearch's round(min(${sp.num_candidates_factor.value} x k, ${fmt(ncLimit)}))`,
            ),
          filter_selectivity: z
            .number({ error: 'must be a number (share of documents a typical filter keeps)' })
            .gt(0, { error: 'must be above 0 (the share of documents a typical filter keeps, e.g. 0.05)' })
            .max(1, { error: 'must be at most 1 (a share of the documents, e.g. 0.05 for 5%)' })
            .optional()
            .describe(
              `share of documents a typical query filter keeps, above 0 and at most 1; default 1 without filters, ${sp.filtered_selectivity_default.value} when filtered is true (an assumption, formulas/search-params.json)`,
            ),
          shard_query_ms: z.number().positive().max(60_000, { error: 'is above 60000 ms (one minute per shard query)' }).optional()
            .describe('optional: measured time one shard takes to answer one query, in ms (e.g. with Rally); replaces the assumed figure in formulas/throughput.json when peak_qps sizes CPU'),
        })
        .prefault({}),
      availability: z
        .strictObject({
          zones: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'must be 1, 2 or 3 availability zones' }).default(defaults.availability_zones.value)
            .describe('availability zones the cluster spans; 1 plans a cluster that a zone outage stops (warning NOT_HIGHLY_AVAILABLE)'),
          replicas: z.number().int().min(0).max(MAX_REPLICAS, { error: `is above ${MAX_REPLICAS} replicas` }).default(defaults.availability_replicas.value),
          survive_node_loss: z.boolean().default(defaults.availability_survive_node_loss.value)
            .describe('with two or more data nodes per zone, plan so that the other nodes of a zone hold a lost data node\'s shards below the low disk watermark and in their vector cache (formulas/topology.json node_loss)'),
          awareness_attribute: z.string().regex(/^[A-Za-z0-9_-]+$/).default('zone')
            .describe('node attribute that names the zone (node.attr.<name>)'),
        })
        .prefault({}),
      deployment: z
        .strictObject({
          provider: z.enum(PROVIDERS).default('aws'),
          region: z.string().min(1).optional(),
          instance_families: z.array(z.string().min(1)).min(1).optional(),
          price_usd_per_gb_ram_hour: z.number().positive().optional()
            .describe('elastic-cloud only: your price per GB of RAM per hour (Elastic publishes none we can cite)'),
          node_sizing: z.enum(['reference', 'fit']).default('reference')
            .describe("reference: every data node stays inside the reference architecture's hot/content band (catalogs/roles.json: 16-32 vCPU, 64-256 GB RAM), so heavy workloads get more nodes rather than bigger ones; fit: the smallest nodes that fit (dev, test), with a warning above the band"),
          max_data_node_vcpu: z.number().positive({ error: 'must be above 0 (vCPUs per data node)' }).max(1024).optional()
            .describe("moves the band's ceiling: data nodes have at most this many vCPU (default: the reference architecture's 32); at least the floor (16) under node_sizing: reference"),
          max_data_node_memory_gib: z.number().positive({ error: 'must be above 0 (GiB of RAM per data node)' }).max(65536).optional()
            .describe("moves the band's ceiling: data nodes have at most this much RAM in GiB (default: the reference architecture's 256); at least the floor (64) under node_sizing: reference"),
        })
        .prefault({}),
      inference: z
        .strictObject({
          placement: z.enum(['external', 'ml_nodes']).default('external'),
          model_memory_gib: z.number().positive().max(1024).optional()
            .describe('memory the in-cluster models need (ml_nodes only)'),
        })
        .prefault({}),
      index: z.strictObject(indexKeys).optional(),
      snapshots: z
        .strictObject({
          repository: z.string().min(1),
          schedule: z.string().regex(SCHEDULE, { error: 'must be a cron expression such as "0 30 1 * * ?" or an interval such as 1h' })
            .superRefine((schedule, ctx) => {
              if (!SCHEDULE.test(schedule)) return;
              const message = slmScheduleProblem(schedule, limits.slmMinimumIntervalMs);
              if (message) ctx.addIssue({ code: 'custom', message });
            })
            .default(defaults.snapshot_schedule.value)
            .describe(`when snapshots run: an Elasticsearch cron expression (seconds first, e.g. "0 30 1 * * ?") or an interval (e.g. 1h), at most every ${formatTimeUnit(limits.slmMinimumIntervalMs)} (slm.minimum_interval)`),
          retention: z
            .strictObject({
              expire_after: z.string().regex(TIME_VALUE, { error: 'must be a time value such as 30d' }).default(defaults.snapshot_expire_after.value),
              min_count: z.number().int().min(1).default(defaults.snapshot_min_count.value),
              max_count: z.number().int().min(1).default(defaults.snapshot_max_count.value),
            })
            .prefault({}),
          repository_type: z.enum(['fs', 's3', 'gcs', 'azure', 'url', 'source']).optional()
            .describe('register the repository when it does not exist yet (with repository_settings)'),
          repository_settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
        })
        .optional(),
      assumptions: z
        .strictObject({
          constants: z.enum(CONSTANT_SETS).optional()
            .describe('vector constant set: codec (default, checked against the codec) or docs (published docs)'),
          index_overhead_ratio: z.number().min(0).max(10).optional()
            .describe('inverted index and doc values as a share of _source bytes'),
          ram_headroom_ratio: z.number().min(0).max(1).optional()
            .describe('share of page cache held back from vector data as a safety margin'),
        })
        .prefault({}),
    })
    .superRefine((w, ctx) => {
      type IndexSections = Pick<typeof w, 'vectors' | 'text_fields' | 'keyword_fields' | 'sparse_vectors' | 'semantic_text' | 'tenancy' | 'corpus'> & {
        index?: { primaries?: number | undefined } | undefined;
      };
      const version = w.elasticsearch.version;
      // A malformed version is already reported by its own check; there is nothing to compare against.
      const comparable = parseVersion(version) !== undefined;
      type Add = (path: (string | number)[], message: string) => void;
      const addAt: Add = (path, message) => ctx.addIssue({ code: 'custom', path, message });
      /** Checks one index's sections (top level, or indices[i] with `at` as the path prefix). */
      const checkIndex = (ix: IndexSections, at: (string | number)[]) => {
        const add: Add = (path, message) => addAt([...at, ...path], message);
        (ix.vectors ?? []).forEach((v, i) => {
          const el = elementTypeInfo(types, v.element_type);
          if (comparable && compareVersions(version, el.min_version) < 0) {
            add(['vectors', i, 'element_type'], `${v.element_type} needs Elasticsearch ${el.min_version} or later (workload targets ${version})`);
          }
          if (v.index_type !== 'auto') {
            const info = indexTypeInfo(types, v.index_type);
            if (comparable && compareVersions(version, info.min_version) < 0) {
              add(['vectors', i, 'index_type'], `${v.index_type} needs Elasticsearch ${info.min_version} or later (workload targets ${version})`);
            }
            if (info.license === 'enterprise' && w.elasticsearch.license !== 'enterprise') {
              add(['vectors', i, 'index_type'], `${v.index_type} needs an enterprise license (workload has ${w.elasticsearch.license})`);
            }
          }
        });
        // One mapping per index: a field name may appear once across every field kind.
        const seen = new Map<string, string>();
        const claim = (kind: string, list: ReadonlyArray<{ field: string }> | undefined) =>
          (list ?? []).forEach((f, i) => {
            const earlier = seen.get(f.field);
            if (earlier) add([kind, i, 'field'], earlier === kind ? `${f.field} is listed twice` : `${f.field} is already a field of ${earlier}; one field has one type`);
            else seen.set(f.field, kind);
          });
        claim('vectors', ix.vectors);
        claim('text_fields', ix.text_fields);
        claim('keyword_fields', ix.keyword_fields);
        claim('sparse_vectors', ix.sparse_vectors);
        claim('semantic_text', ix.semantic_text);
        const tenant = ix.tenancy?.field;
        if (tenant !== undefined && seen.has(tenant) && seen.get(tenant) !== 'keyword_fields') {
          add(['tenancy', 'field'], `${tenant} is already a field of ${seen.get(tenant)}; the tenant field is a keyword`);
        }
        for (const [i, t] of (ix.text_fields ?? []).entries()) {
          const bytes = t.bytes_per_document;
          if (ix.corpus && bytes !== undefined && bytes > ix.corpus.source_bytes_per_document) {
            add(['text_fields', i, 'bytes_per_document'], `${bytes} is above corpus.source_bytes_per_document (${ix.corpus.source_bytes_per_document}), which holds the whole _source including this text`);
          }
        }
        if (ix.semantic_text?.length && comparable && compareVersions(version, keys.semantic_text_since) < 0) {
          add(['semantic_text'], `needs Elasticsearch ${keys.semantic_text_since} or later (workload targets ${version})`);
        }
        for (const [i, st] of (ix.semantic_text ?? []).entries()) {
          if (st.chunking && comparable && compareVersions(version, keys.chunking_settings_since) < 0) {
            add(['semantic_text', i, 'chunking'], `per-field chunking_settings need Elasticsearch ${keys.chunking_settings_since} or later (workload targets ${version}); leave chunking out to use the endpoint's`);
          }
        }
        const primaries = ix.index?.primaries;
        const partition = ix.tenancy?.routing_partition_size;
        if (primaries !== undefined && partition !== undefined && partition > 1 && partition >= primaries) {
          add(['tenancy', 'routing_partition_size'], `${partition} is not below index.primaries (${primaries}); Elasticsearch needs routing_partition_size below number_of_shards`);
        }
      };
      if (w.indices) {
        for (const key of PER_INDEX_KEYS) {
          if (w[key] !== undefined) addAt([key], `cannot sit at the top level beside indices: move it into each entry of indices (indices[i].${key})`);
        }
        const names = new Map<string, number>();
        w.indices.forEach((entry, i) => {
          checkIndex(entry, ['indices', i]);
          const earlier = names.get(entry.index.name);
          if (earlier !== undefined) addAt(['indices', i, 'index', 'name'], `${entry.index.name} is already the name of indices[${earlier}]; each index needs its own name`);
          else names.set(entry.index.name, i);
        });
      } else {
        if (w.index?.name === undefined && !INDEX_NAME.test(indexNameFrom(w.name))) addAt(['index', 'name'], `cannot be derived from name "${w.name}"; set it`);
        checkIndex(w, []);
      }
      if (w.snapshots && w.snapshots.retention.min_count > w.snapshots.retention.max_count) {
        ctx.addIssue({ code: 'custom', path: ['snapshots', 'retention', 'min_count'], message: 'is above max_count' });
      }
      if (w.deployment.price_usd_per_gb_ram_hour !== undefined && w.deployment.provider !== 'elastic-cloud') {
        ctx.addIssue({
          code: 'custom',
          path: ['deployment', 'price_usd_per_gb_ram_hour'],
          message: `applies only to provider elastic-cloud, not ${w.deployment.provider}`,
        });
      }
      const { max_data_node_vcpu: maxVcpu, max_data_node_memory_gib: maxMemory } = w.deployment;
      const moved = maxVcpu !== undefined || maxMemory !== undefined;
      const floor = moved && w.deployment.node_sizing === 'reference' ? keys.data_node_floor?.(w.deployment.provider) : undefined;
      if (floor && maxVcpu !== undefined && maxVcpu < floor.vcpu) {
        ctx.addIssue({
          code: 'custom',
          path: ['deployment', 'max_data_node_vcpu'],
          message: `${maxVcpu} is below the reference architecture's data-node floor of ${floor.vcpu} vCPU, so no data node could be inside both; set at least ${floor.vcpu}, or deployment.node_sizing: fit to drop the floor`,
        });
      }
      if (floor && maxMemory !== undefined && maxMemory < floor.memory_gib) {
        ctx.addIssue({
          code: 'custom',
          path: ['deployment', 'max_data_node_memory_gib'],
          message: `${maxMemory} is below the reference architecture's data-node floor of ${floor.memory_gib} GiB, so no data node could be inside both; set at least ${floor.memory_gib}, or deployment.node_sizing: fit to drop the floor`,
        });
      }
      if (w.inference.model_memory_gib !== undefined && w.inference.placement !== 'ml_nodes') {
        ctx.addIssue({ code: 'custom', path: ['inference', 'model_memory_gib'], message: 'applies only when placement is ml_nodes' });
      }
      const { k, num_candidates: nc, filtered, filter_selectivity: sel } = w.search;
      if (nc !== undefined && nc < (k ?? kDefault)) {
        ctx.addIssue({
          code: 'custom',
          path: ['search', 'num_candidates'],
          message:
            k === undefined
              ? `${nc} is below search.k (${kDefault} when not set), and Elasticsearch refuses num_candidates below k; raise num_candidates or set a smaller k`
              : `${nc} is below search.k (${k}), and Elasticsearch refuses num_candidates below k; raise num_candidates or lower k`,
        });
      }
      if (filtered === false && sel !== undefined && sel < 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['search', 'filter_selectivity'],
          message: `${sel} says filters keep part of the documents but search.filtered is false; set filtered: true (or leave it out), or remove filter_selectivity`,
        });
      }
    })
    // Checked even when other keys are wrong (`when`), so a file missing corpus hears so with its other problems.
    .refine((w) => (w as { indices?: unknown }).indices !== undefined || (w as { corpus?: unknown }).corpus !== undefined, {
      path: ['corpus'],
      message: 'is required (fix: add corpus, or list the indices under indices)',
      when: () => true,
    })
    .transform((w) => ({
      ...w,
      // Filtered unless said otherwise once a selectivity below 1 (or tenancy) says filters keep part of the documents.
      search: {
        ...w.search,
        filtered:
          w.search.filtered ??
          ((w.search.filter_selectivity !== undefined && w.search.filter_selectivity < 1) ||
            // A shared or routed tenant index filters every query on its tenant.
            [w.tenancy, ...(w.indices ?? []).map((ix) => ix.tenancy)].some((t) => t !== undefined && t.strategy !== 'index_per_tenant')),
      },
      // The single-index form keeps today's shape (index with its name, vectors a list); the
      // multi-index form leaves the per-index sections to indices[].
      ...(w.indices
        ? {}
        : { vectors: w.vectors ?? [], index: { ...w.index, name: w.index?.name ?? indexNameFrom(w.name) } }),
    }));
}

/**
 * Why `name` cannot be the base of esplan's index template (patterns `name` and `name-*`), or
 * undefined. Wildcards and system or hidden names get their own words: a template for `*` would
 * be applied to every new index in the cluster, one for `.security` to Elasticsearch's own.
 */
export function indexNameProblem(name: string): string | undefined {
  if (/[*?]/.test(name)) {
    return `must be one index name, not a wildcard pattern ("${name}"): esplan's index template would match every index the pattern matches (with "*", every new index in the cluster)`;
  }
  if (name.startsWith('.')) {
    return `"${name}" names a system or hidden index (leading "."); esplan does not write templates for Elasticsearch's own indices: choose a name such as support-docs`;
  }
  if (!INDEX_NAME.test(name)) return 'must be a lowercase Elasticsearch index name such as support-docs';
  return undefined;
}

/** `Support Assistant` → `support-assistant`. */
export function indexNameFrom(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-_+.]+|-+$/g, '')
    .slice(0, 200);
}

export type WorkloadSchema = ReturnType<typeof buildWorkloadSchema>;
/** A validated workload with every default filled in. */
export type Workload = z.output<WorkloadSchema>;
/** What a workload file may contain (defaults optional). */
export type WorkloadInput = z.input<WorkloadSchema>;
export type VectorField = NonNullable<Workload['vectors']>[number];
export type IndexEntry = NonNullable<Workload['indices']>[number];
export type TextField = NonNullable<Workload['text_fields']>[number];
export type KeywordField = NonNullable<Workload['keyword_fields']>[number];
export type SparseVectorField = NonNullable<Workload['sparse_vectors']>[number];
export type SemanticTextField = NonNullable<Workload['semantic_text']>[number];
export type Tenancy = NonNullable<Workload['tenancy']>;
export type Corpus = NonNullable<Workload['corpus']>;
/** One index's view of a workload in the single-index form (src/model/indices.ts workloadForIndex): what per-index sizing reads. */
export type IndexWorkload = Workload & { corpus: Corpus; vectors: VectorField[]; index: NonNullable<Workload['index']> & { name: string } };
