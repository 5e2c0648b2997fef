/**
 * The mappings and index settings of one index beyond its dense_vector fields: text fields with
 * their analyzer and multi-fields, keyword and tenant fields, sparse_vector and semantic_text
 * fields, routing and the stored-fields codec. Pure: a function of the index's workload sections
 * (the normalised form, every default filled in) and the apply policy.
 *
 * Elasticsearch validates each component template on its own, as an index built from that
 * template's settings and mappings alone (MetadataIndexTemplateService.addComponentTemplate), so
 * what must be checked together is written together: the shingle analyzer lives in the same
 * component template as the text fields that use it, and `index.routing_partition_size` in the
 * same one as the shard counts it is checked against and the `_routing.required` it demands.
 */
import type { ApplyPolicy } from '../data/apply-policy.js';

type MultiField = 'keyword' | 'shingles' | 'search_as_you_type';

/** The parts of an index's normalised workload sections the mappings come from (IndexSpec has them all). */
export interface MappedIndex {
  name: string;
  index: { codec?: 'default' | 'best_compression' };
  text_fields?: readonly { field: string; analyzer?: string; multi_fields?: readonly MultiField[] }[];
  keyword_fields?: readonly { field: string }[];
  sparse_vectors?: readonly { field: string }[];
  semantic_text?: readonly {
    field: string;
    inference_id?: string;
    chunking?: { strategy: 'sentence' | 'word' | 'none'; max_chunk_size?: number; sentence_overlap?: number; overlap?: number };
  }[];
  tenancy?: { field: string; strategy?: 'shared' | 'routing' | 'index_per_tenant'; routing_partition_size?: number };
}

/** The analyzer and token filter esplan defines for shingles sub-fields (index.analysis). */
export const SHINGLE_ANALYZER = 'esplan_shingles';
export const SHINGLE_FILTER = 'esplan_shingle_filter';

/** A null-prototype object: field names are data, and "__proto__" must stay a field. */
export function fieldMap(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** Puts a mapping at a dotted field path, expanding the dots into objects as Elasticsearch stores them. */
export function putField(root: Record<string, unknown>, field: string, mapping: Record<string, unknown>): void {
  const parts = field.split('.');
  let props = root;
  for (const part of parts.slice(0, -1)) {
    const holder = (Object.hasOwn(props, part) ? props[part] : (props[part] = { properties: fieldMap() })) as { properties: Record<string, unknown> };
    props = holder.properties;
  }
  props[parts[parts.length - 1] as string] = mapping;
}

/**
 * Each semantic_text field's endpoint: the workload's inference_id, or the default the resolver
 * picks for the version and deployment, written explicitly so the plan shows which endpoint is used.
 */
export type InferenceResolver = (field: { field: string; inference_id?: string }) => string | undefined;

export const inferenceAsGiven: InferenceResolver = (f) => f.inference_id;

export interface IndexBody {
  /** Mappings `properties` for the fields here (dense vectors are added by the caller). */
  properties: Record<string, unknown>;
  /** `index.analysis` for the mappings component template, or undefined when no field needs one. */
  analysis?: Record<string, unknown>;
  /** Extra `index.*` settings for the settings component template (routing partition, codec). */
  settings: Record<string, unknown>;
  /** Root mapping keys for the settings component template (`_routing`). */
  rootMappings?: Record<string, unknown>;
  /** The endpoint each semantic_text field was given, by field. */
  inference: { field: string; inference_id: string | undefined }[];
}

/**
 * `defaultChunkSize`: words per chunk written when the workload's chunking leaves max_chunk_size
 * out (formulas/limits.json chunking.default_max_chunk_size, Elasticsearch's own default), since
 * the sentence and word strategies take it as a required setting.
 */
export function indexBody(spec: MappedIndex, policy: ApplyPolicy, resolve: InferenceResolver = inferenceAsGiven, defaultChunkSize?: number): IndexBody {
  const properties = fieldMap();
  let shingles = false;
  for (const t of spec.text_fields ?? []) {
    const analyzer = t.analyzer ?? 'standard';
    const fields = fieldMap();
    for (const kind of t.multi_fields ?? []) {
      if (kind === 'keyword') fields.keyword = { type: 'keyword', ignore_above: policy.keywordIgnoreAbove };
      else if (kind === 'shingles') {
        fields.shingles = { type: 'text', analyzer: SHINGLE_ANALYZER };
        shingles = true;
      } else fields.search_as_you_type = { type: 'search_as_you_type', analyzer };
    }
    putField(properties, t.field, { type: 'text', analyzer, ...(Object.keys(fields).length > 0 ? { fields } : {}) });
  }
  for (const k of spec.keyword_fields ?? []) putField(properties, k.field, { type: 'keyword' });
  // The tenant field is a keyword (filtered on, routed by); it may already be one of the keyword fields.
  const tenancy = spec.tenancy;
  if (tenancy && !(spec.keyword_fields ?? []).some((k) => k.field === tenancy.field)) putField(properties, tenancy.field, { type: 'keyword' });
  for (const s of spec.sparse_vectors ?? []) putField(properties, s.field, { type: 'sparse_vector' });
  const inference: IndexBody['inference'] = [];
  for (const s of spec.semantic_text ?? []) {
    const id = resolve(s);
    inference.push({ field: s.field, inference_id: id });
    putField(properties, s.field, { type: 'semantic_text', ...(id !== undefined ? { inference_id: id } : {}), ...(s.chunking ? { chunking_settings: chunkingSettings(s.chunking, defaultChunkSize) } : {}) });
  }

  const settings: Record<string, unknown> = {};
  let rootMappings: Record<string, unknown> | undefined;
  if (tenancy?.strategy === 'routing') {
    // Every document of a tenant goes where its routing value sends it; a partition spreads a
    // large tenant over that many shards, and Elasticsearch then insists on routing being given.
    rootMappings = { _routing: { required: true } };
    if ((tenancy.routing_partition_size ?? 1) > 1) settings.routing_partition_size = tenancy.routing_partition_size;
  }
  if (spec.index.codec === 'best_compression') settings.codec = 'best_compression';

  const analysis = shingles
    ? {
        filter: { [SHINGLE_FILTER]: { type: 'shingle', min_shingle_size: policy.shingleMinSize, max_shingle_size: policy.shingleMaxSize, output_unigrams: false } },
        analyzer: { [SHINGLE_ANALYZER]: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', SHINGLE_FILTER] } },
      }
    : undefined;
  return { properties, analysis, settings, rootMappings, inference };
}

/** semantic_text chunking_settings as the inference API names them (sentence_overlap for sentence, overlap for word). */
function chunkingSettings(c: NonNullable<NonNullable<MappedIndex['semantic_text']>[number]['chunking']>, defaultSize?: number): Record<string, unknown> {
  if (c.strategy === 'none') return { strategy: 'none' };
  const out: Record<string, unknown> = { strategy: c.strategy };
  const size = c.max_chunk_size ?? defaultSize;
  if (size !== undefined) out.max_chunk_size = size;
  if (c.strategy === 'sentence' && c.sentence_overlap !== undefined) out.sentence_overlap = c.sentence_overlap;
  if (c.strategy === 'word' && c.overlap !== undefined) out.overlap = c.overlap;
  return out;
}
