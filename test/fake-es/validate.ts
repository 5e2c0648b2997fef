/**
 * Request-body checks of the stand-in, held to what Elasticsearch 9.x refuses, learned from (read,
 * not copied) elastic/elasticsearch: the strict parsers of ComposableIndexTemplate
 * ("[index_template] unknown field [x]"), ComponentTemplate and Template; IndexScopedSettings
 * ("unknown setting [index.x] please check that any required plugins are installed, or check the
 * breaking changes documentation for removed settings"); the mapper parameter check ("unknown
 * parameter [x] on mapper [f] of type [dense_vector]"); and DenseVectorFieldMapper's
 * VectorIndexType.parseIndexOptions (MappingParser.checkNoRemainingFields: "Mapping definition for
 * [f] has unsupported parameters:  [k : v]", "cluster_size must be between 64 and 65536, got: N",
 * "[element_type] cannot be [byte] when using index type [int8_hnsw]", BBQ_MIN_DIMS = 64).
 */
import { EsHttpError, badRequest, esError } from './errors.js';

export const INDEX_TEMPLATE_FIELDS = ['index_patterns', 'template', 'composed_of', 'priority', 'version', '_meta', 'data_stream', 'allow_auto_create', 'ignore_missing_component_templates', 'deprecated'];
export const COMPONENT_TEMPLATE_FIELDS = ['template', 'version', '_meta', 'deprecated'];
export const TEMPLATE_FIELDS = ['settings', 'mappings', 'aliases', 'lifecycle', 'data_stream_options'];

/** Index settings the stand-in knows (Elasticsearch knows many more; these cover what templates here use). */
export const KNOWN_INDEX_SETTINGS = new Set([
  'index.number_of_shards',
  'index.number_of_replicas',
  'index.number_of_routing_shards',
  'index.refresh_interval',
  'index.auto_expand_replicas',
  'index.codec',
  'index.hidden',
  'index.mapping.exclude_source_vectors',
  'index.mapping.total_fields.limit',
  'index.lifecycle.name',
  'index.default_pipeline',
  'index.final_pipeline',
  'index.mode',
  'index.routing_partition_size',
  'index.max_shingle_diff',
]);
/** Analysis settings are open-ended (named analyzers, filters, tokenizers): any key under these prefixes. */
const ANALYSIS_PREFIX = /^index\.analysis\.(analyzer|filter|tokenizer|char_filter|normalizer)\.[^.]+\..+$/;

/** What a mappings root may hold (RootObjectMapper and the metadata field mappers). */
const ROOT_MAPPING_PARAMS = new Set([
  'properties', 'dynamic', 'enabled', 'subobjects', 'dynamic_templates', 'date_detection', 'numeric_detection', 'dynamic_date_formats',
  'runtime', '_source', '_meta', '_routing', '_field_names', '_data_stream_timestamp', '_tier', '_index', '_id',
]);
const DENSE_VECTOR_PARAMS = new Set(['type', 'dims', 'element_type', 'similarity', 'index', 'index_options', 'meta']);
const ELEMENT_TYPES = new Set(['float', 'bfloat16', 'byte', 'bit']);
const SIMILARITIES = new Set(['cosine', 'dot_product', 'l2_norm', 'max_inner_product']);

interface IndexTypeRule {
  options: string[];
  floatOnly: boolean;
  even?: boolean;
  bbq?: boolean;
  since: string;
}
const INDEX_TYPES: Record<string, IndexTypeRule> = {
  hnsw: { options: ['m', 'ef_construction'], floatOnly: false, since: '8.0' },
  int8_hnsw: { options: ['m', 'ef_construction', 'confidence_interval', 'rescore_vector', 'on_disk_rescore'], floatOnly: true, since: '8.12' },
  int4_hnsw: { options: ['m', 'ef_construction', 'confidence_interval', 'rescore_vector', 'on_disk_rescore'], floatOnly: true, even: true, since: '8.15' },
  bbq_hnsw: { options: ['m', 'ef_construction', 'rescore_vector', 'on_disk_rescore'], floatOnly: true, bbq: true, since: '8.16' },
  flat: { options: [], floatOnly: false, since: '8.13' },
  int8_flat: { options: ['confidence_interval', 'rescore_vector'], floatOnly: true, since: '8.13' },
  int4_flat: { options: ['confidence_interval', 'rescore_vector'], floatOnly: true, even: true, since: '8.15' },
  bbq_flat: { options: ['rescore_vector'], floatOnly: true, bbq: true, since: '8.16' },
  bbq_disk: { options: ['cluster_size', 'rescore_vector', 'default_visit_percentage', 'on_disk_rescore'], floatOnly: true, since: '9.2' },
};
const BBQ_MIN_DIMS = 64;
const CLUSTER_SIZE = { min: 64, max: 65536 };

export interface VersionGates {
  /** First version whose bbq_disk index_options take `bits` (esplan's formulas/apply.json). */
  bbqDiskBitsSince: string;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function atLeast(version: string, min: string): boolean {
  const a = version.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

/** "[line:col]" of a key's first appearance in the raw request text, as Elasticsearch's parser reports it. */
export function position(raw: string, key: string): string {
  const at = raw.indexOf(JSON.stringify(key));
  if (at < 0) return '[1:2]';
  const before = raw.slice(0, at);
  const line = before.split('\n').length;
  const col = at - (before.lastIndexOf('\n') + 1) + 1;
  return `[${line}:${col}]`;
}

export function refuseUnknownFields(parser: string, body: Record<string, unknown>, allowed: readonly string[], raw: string): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      const reason = `${position(raw, key)} [${parser}] unknown field [${key}]`;
      throw badRequest('x_content_parse_exception', reason);
    }
  }
}

/** A mapping refusal as a template PUT reports it: mapper_parsing_exception "Failed to parse mapping: ...", caused by the mapper's own exception. */
function mappingError(reason: string, causeType = 'illegal_argument_exception'): EsHttpError {
  const outer = `Failed to parse mapping: ${reason}`;
  return new EsHttpError(400, esError(400, 'mapper_parsing_exception', outer, { caused_by: { type: causeType, reason } }));
}

export function validateMappings(mappings: unknown, version: string, gates: VersionGates, settings: Record<string, unknown> = {}): void {
  if (mappings === undefined) return;
  if (!isObject(mappings)) throw mappingError('Root mapping definition has unsupported parameters', 'mapper_parsing_exception');
  const root = isObject(mappings._doc) ? mappings._doc : mappings;
  const unknown = Object.entries(root).filter(([k]) => !ROOT_MAPPING_PARAMS.has(k));
  if (unknown.length > 0) {
    throw mappingError(`Root mapping definition has unsupported parameters: ${unknown.map(([k, v]) => ` [${k} : ${typeof v === 'object' ? JSON.stringify(v) : String(v)}]`).join('')}`, 'mapper_parsing_exception');
  }
  const walk = (props: unknown, prefix: string) => {
    if (props === undefined) return;
    if (!isObject(props)) throw mappingError(`Expected map for property [properties] on field [${prefix.replace(/\.$/, '')}]`, 'mapper_parsing_exception');
    for (const [field, def] of Object.entries(props)) {
      const path = `${prefix}${field}`;
      if (!isObject(def)) throw mappingError(`Expected map for property [fields] on field [${path}] but got a class java.lang.String`, 'mapper_parsing_exception');
      if (def.type === 'dense_vector') validateDenseVector(path, def, version, gates);
      else if (typeof def.type === 'string' && FIELD_RULES[def.type]) validateField(path, def, version, settings);
      if (def.properties !== undefined) walk(def.properties, `${path}.`);
    }
  };
  walk(root.properties, '');
  validateRouting(root, settings);
}

/**
 * Parameters per field type (TextFieldMapper, KeywordFieldMapper, SparseVectorFieldMapper,
 * SearchAsYouTypeFieldMapper, SemanticTextFieldMapper builders), with the version a parameter
 * arrived in where that matters: semantic_text's chunking_settings and index_options in 9.1,
 * sparse_vector's index_options in 9.1.
 */
const FIELD_RULES: Record<string, { params: string[]; since?: Record<string, string>; analyzers?: boolean }> = {
  text: {
    params: ['type', 'analyzer', 'search_analyzer', 'search_quote_analyzer', 'fields', 'index', 'store', 'norms', 'index_options', 'similarity', 'position_increment_gap', 'term_vector', 'copy_to', 'fielddata', 'fielddata_frequency_filter', 'eager_global_ordinals', 'index_prefixes', 'index_phrases', 'meta'],
    analyzers: true,
  },
  keyword: {
    params: ['type', 'ignore_above', 'normalizer', 'doc_values', 'index', 'store', 'null_value', 'eager_global_ordinals', 'similarity', 'split_queries_on_whitespace', 'norms', 'index_options', 'fields', 'copy_to', 'meta', 'time_series_dimension', 'script', 'on_script_error'],
  },
  sparse_vector: { params: ['type', 'store', 'meta', 'index_options'], since: { index_options: '9.1' } },
  search_as_you_type: {
    params: ['type', 'analyzer', 'search_analyzer', 'search_quote_analyzer', 'max_shingle_size', 'index', 'store', 'similarity', 'norms', 'term_vector', 'index_options', 'copy_to', 'meta'],
    analyzers: true,
  },
  semantic_text: { params: ['type', 'inference_id', 'search_inference_id', 'meta', 'chunking_settings', 'index_options', 'model_settings'], since: { chunking_settings: '9.1', index_options: '9.1' } },
};

/** Analyzers every index has (the analysis module's built-ins and the language analyzers esplan's workloads name). */
const BUILTIN_ANALYZERS = new Set([
  'standard', 'simple', 'whitespace', 'stop', 'keyword', 'pattern', 'fingerprint', 'english', 'french', 'german', 'spanish', 'italian',
  'portuguese', 'dutch', 'cjk', 'arabic', 'brazilian', 'russian', 'swedish', 'danish', 'finnish', 'norwegian', 'turkish', 'greek',
]);
const BUILTIN_TOKENIZERS = new Set(['standard', 'whitespace', 'letter', 'lowercase', 'keyword', 'classic', 'uax_url_email', 'pattern', 'ngram', 'edge_ngram']);
const BUILTIN_FILTERS = new Set(['lowercase', 'uppercase', 'asciifolding', 'stop', 'porter_stem', 'kstem', 'trim', 'unique', 'shingle', 'cjk_width', 'cjk_bigram']);

function validateField(field: string, def: Record<string, unknown>, version: string, settings: Record<string, unknown>): void {
  const leaf = field.split('.').pop() as string;
  const type = String(def.type);
  const rule = FIELD_RULES[type] as (typeof FIELD_RULES)[string];
  for (const key of Object.keys(def)) {
    const since = rule.since?.[key];
    if (!rule.params.includes(key) || (since !== undefined && !atLeast(version, since))) {
      throw mappingError(`unknown parameter [${key}] on mapper [${leaf}] of type [${type}]`, 'mapper_parsing_exception');
    }
  }
  if (rule.analyzers) {
    for (const key of ['analyzer', 'search_analyzer', 'search_quote_analyzer']) {
      const name = def[key];
      if (name === undefined) continue;
      if (!BUILTIN_ANALYZERS.has(String(name)) && settings[`index.analysis.analyzer.${String(name)}.type`] === undefined && settings[`index.analysis.analyzer.${String(name)}.tokenizer`] === undefined) {
        throw mappingError(`analyzer [${String(name)}] has not been configured in mappings`);
      }
    }
  }
  if (type === 'search_as_you_type' && def.max_shingle_size !== undefined) {
    const n = Number(def.max_shingle_size);
    if (!(Number.isInteger(n) && n >= 2 && n <= 4)) throw mappingError(`[max_shingle_size] must be at least [2] and at most [4], got [${String(def.max_shingle_size)}]`, 'mapper_parsing_exception');
  }
  if (type === 'keyword' && def.ignore_above !== undefined && !(Number(def.ignore_above) >= 0)) {
    throw mappingError(`[ignore_above] must be positive, got [${String(def.ignore_above)}]`, 'mapper_parsing_exception');
  }
  if (type === 'semantic_text' && def.inference_id !== undefined && (typeof def.inference_id !== 'string' || def.inference_id === '')) {
    throw mappingError(`[inference_id] on mapper [${leaf}] of type [semantic_text] must not be empty`, 'mapper_parsing_exception');
  }
  // Multi-fields are mappings of their own, checked the same way.
  if (def.fields !== undefined) {
    if (!isObject(def.fields)) throw mappingError(`Expected map for property [fields] on field [${leaf}]`, 'mapper_parsing_exception');
    for (const [sub, subDef] of Object.entries(def.fields)) {
      if (!isObject(subDef)) throw mappingError(`Expected map for property [fields] on field [${sub}]`, 'mapper_parsing_exception');
      if (typeof subDef.type === 'string' && FIELD_RULES[subDef.type]) validateField(`${field}.${sub}`, subDef, version, settings);
    }
  }
}

/**
 * A partitioned index (index.routing_partition_size > 1) must require routing (DocumentMapper
 * validation: "mapping type [_doc] must have routing required for partitioned index [i]"). Checked
 * only where mappings are given, as Elasticsearch merges mappings only then.
 */
function validateRouting(root: Record<string, unknown>, settings: Record<string, unknown>): void {
  const partition = Number(settings['index.routing_partition_size'] ?? 1);
  if (partition <= 1) return;
  const routing = isObject(root._routing) ? root._routing : {};
  if (routing.required !== true && routing.required !== 'true') {
    throw new EsHttpError(400, esError(400, 'illegal_argument_exception', 'mapping type [_doc] must have routing required for partitioned index [validate-template]'));
  }
}

/** Custom analyzers in index.analysis must name tokenizers and filters that exist (AnalysisRegistry: "Custom Analyzer [a] failed to find filter under name [f]"). */
export function validateAnalysis(flat: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(flat)) {
    const m = /^index\.analysis\.analyzer\.([^.]+)\.(tokenizer|filter)$/.exec(key);
    if (!m) continue;
    const [, analyzer, part] = m;
    const names = Array.isArray(value) ? value.map(String) : [String(value)];
    for (const name of names) {
      const defined = flat[`index.analysis.${part}.${name}.type`] !== undefined;
      const builtin = part === 'tokenizer' ? BUILTIN_TOKENIZERS.has(name) : BUILTIN_FILTERS.has(name);
      if (!defined && !builtin) throw badRequest('illegal_argument_exception', `Custom Analyzer [${analyzer}] failed to find ${part} under name [${name}]`);
    }
  }
  for (const [key, value] of Object.entries(flat)) {
    const m = /^index\.analysis\.filter\.([^.]+)\.type$/.exec(key);
    if (!m || value !== 'shingle') continue;
    const min = Number(flat[`index.analysis.filter.${m[1]}.min_shingle_size`] ?? 2);
    const max = Number(flat[`index.analysis.filter.${m[1]}.max_shingle_size`] ?? 2);
    const diff = Number(flat['index.max_shingle_diff'] ?? 3);
    if (max - min > diff) {
      throw badRequest('illegal_argument_exception', `In Shingle TokenFilter the difference between max_shingle_size and min_shingle_size (and +1 if outputting unigrams) must be less than or equal to: [${diff}] but was [${max - min}]. This limit can be set by changing the [index.max_shingle_diff] index level setting.`);
    }
  }
}

function validateDenseVector(field: string, def: Record<string, unknown>, version: string, gates: VersionGates): void {
  const leaf = field.split('.').pop() as string;
  for (const key of Object.keys(def)) {
    if (!DENSE_VECTOR_PARAMS.has(key)) throw mappingError(`unknown parameter [${key}] on mapper [${leaf}] of type [dense_vector]`, 'mapper_parsing_exception');
  }
  const elementType = def.element_type === undefined ? 'float' : String(def.element_type);
  if (!ELEMENT_TYPES.has(elementType) || (elementType === 'bfloat16' && !atLeast(version, '9.3'))) {
    throw mappingError(`Unknown value [${elementType}] for field [element_type] - accepted values are [float, byte, bit${atLeast(version, '9.3') ? ', bfloat16' : ''}]`, 'mapper_parsing_exception');
  }
  const maxDims = elementType === 'bit' ? 4096 * 8 : 4096;
  const dims = def.dims;
  if (dims !== undefined && (typeof dims !== 'number' || !Number.isInteger(dims) || dims < 1 || dims > maxDims)) {
    throw mappingError(`The number of dimensions should be in the range [1, ${maxDims}] but was [${String(dims)}]`);
  }
  if (elementType === 'bit' && typeof dims === 'number' && dims % 8 !== 0) throw mappingError('The number of dimensions for should be a multiple of 8 but was [' + dims + ']');
  if (def.similarity !== undefined && !SIMILARITIES.has(String(def.similarity))) {
    throw mappingError(`Unknown value [${String(def.similarity)}] for field [similarity] - accepted values are [l2_norm, cosine, dot_product, max_inner_product]`, 'mapper_parsing_exception');
  }
  const options = def.index_options;
  if (options === undefined) return;
  if (!isObject(options)) throw mappingError(`[index_options] on mapper [${leaf}] of type [dense_vector] must be an object`, 'mapper_parsing_exception');
  const type = String(options.type);
  const rule = INDEX_TYPES[type];
  if (options.type === undefined) throw mappingError('[index_options] requires field [type] to be configured');
  if (!rule || !atLeast(version, rule.since)) throw mappingError(`Unknown vector index options type [${type}] for field [${leaf}]`);
  const allowed = new Set(['type', ...rule.options]);
  if (type === 'bbq_disk' && atLeast(version, gates.bbqDiskBitsSince)) allowed.add('bits');
  const remaining = Object.entries(options).filter(([k]) => !allowed.has(k));
  if (remaining.length > 0) {
    throw mappingError(`Mapping definition for [${leaf}] has unsupported parameters: ${remaining.map(([k, v]) => ` [${k} : ${typeof v === 'object' ? JSON.stringify(v) : String(v)}]`).join('')}`);
  }
  if (type === 'bbq_disk' && options.cluster_size !== undefined) {
    const n = Number(options.cluster_size);
    if (!(n >= CLUSTER_SIZE.min && n <= CLUSTER_SIZE.max)) throw mappingError(`cluster_size must be between ${CLUSTER_SIZE.min} and ${CLUSTER_SIZE.max}, got: ${String(options.cluster_size)}`);
  }
  if (type === 'bbq_disk' && options.bits !== undefined && ![1, 2, 4].includes(Number(options.bits))) {
    throw mappingError(`'bits' must be 1, 2 or 4, got: ${String(options.bits)} for field [${leaf}]`);
  }
  if (rule.floatOnly && elementType !== 'float' && elementType !== 'bfloat16') {
    throw mappingError(`[element_type] cannot be [${elementType}] when using index type [${type}]`);
  }
  if (typeof dims === 'number') {
    if (rule.bbq && dims < BBQ_MIN_DIMS) throw mappingError(`${type} does not support dimensions fewer than ${BBQ_MIN_DIMS}; provided=${dims}`);
    if (rule.even && dims % 2 !== 0) throw mappingError(`${type} only supports even dimensions; provided=${dims}`);
  }
}

/** Template settings flattened, `index.` prefixed, checked and stringified, as Elasticsearch stores them. */
export function normaliseIndexSettings(settings: unknown): Record<string, unknown> {
  const flat = flattenKeys(isObject(settings) ? settings : {});
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flat)) {
    const key = k.startsWith('index.') ? k : `index.${k}`;
    if (!KNOWN_INDEX_SETTINGS.has(key) && !ANALYSIS_PREFIX.test(key)) {
      throw badRequest('illegal_argument_exception', `unknown setting [${key}] please check that any required plugins are installed, or check the breaking changes documentation for removed settings`);
    }
    out[key] = Array.isArray(v) ? v.map(String) : v === null ? null : String(v);
  }
  return out;
}

/** Checks of settings that only hold once composed: routing shards a multiple of the primaries, the partition below the routing shards. */
export function validateComposedSettings(flat: Record<string, unknown>): void {
  validateAnalysis(flat);
  const shards = Number(flat['index.number_of_shards'] ?? 1);
  if (!(shards >= 1 && shards <= 1024)) throw badRequest('illegal_argument_exception', `Failed to parse value [${String(flat['index.number_of_shards'])}] for setting [index.number_of_shards] must be >= 1`);
  const routing = flat['index.number_of_routing_shards'];
  if (routing !== undefined && (Number(routing) < shards || Number(routing) % shards !== 0)) {
    throw badRequest('illegal_argument_exception', `the number of source shards [${shards}] must be a factor of [${String(routing)}]`);
  }
  // IndexMetadata.Builder: a partition of the routing shards, at least 1 and fewer than all of them.
  const partition = flat['index.routing_partition_size'];
  if (partition !== undefined) {
    const p = Number(partition);
    const routingShards = Number(routing ?? shards);
    if (!(Number.isInteger(p) && p >= 1)) throw badRequest('illegal_argument_exception', `Failed to parse value [${String(partition)}] for setting [index.routing_partition_size] must be >= 1`);
    if (p !== 1 && p >= routingShards) {
      throw badRequest('illegal_argument_exception', `routing partition size [${p}] should be a positive number less than the number of routing shards [${routingShards}] for [validate-template]`);
    }
  }
}

/** Flat and nested setting forms to one flat map; null stays null (a reset). */
export function flattenKeys(obj: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isObject(v)) flattenKeys(v, key, out);
    else out[key] = v;
  }
  return out;
}

export function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = out;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1] as string] = value;
  }
  return out;
}

/** Deep merge of mappings `properties`, later wins, as composition does. */
export function mergeProperties(into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    if (isObject(cur) && isObject(v) && isObject(cur.properties) && isObject(v.properties)) {
      into[k] = { ...cur, ...v, properties: mergeProperties({ ...cur.properties }, v.properties) };
    } else into[k] = structuredClone(v);
  }
  return into;
}
