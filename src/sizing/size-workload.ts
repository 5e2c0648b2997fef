/**
 * Sizing entry point: what one copy and all copies of a workload need at the planning horizon,
 * as pure data. Every figure is a prediction (no safety margins: those are the recommender's
 * policy) and every formula or constant used is listed in `basis`.
 */
import { getConstant } from '../data/formulas.js';
import type { IndexType, IndexTypesData } from '../data/index-types.js';
import type { Limits } from '../data/limits.js';
import type { SizingData } from '../data/model-data.js';
import type { BasisEntry, KeywordFieldSizing, SemanticTextSizing, Shards, Sizing, SparseVectorSizing, TextFieldSizing, VectorSizing, Warning } from '../model/plan.js';
import { indicesOf, workloadForIndex } from '../model/indices.js';
import type { ConstantSet, IndexWorkload, Tenancy, VectorField, Workload } from '../model/workload.js';
import { Derivation } from './derivation.js';
import { resolveAutoIndexType } from './resolve-index-type.js';
import { planShards } from './shards.js';
import { describedSourceBytes, documentsAtHorizon, sourceBytes, sourceVectorBytes } from './storage.js';
import { sizeVectorField } from './vectors.js';
import { sourceCodecSavedBytes } from './codec.js';
import { resolveInferenceEndpoint } from './inference-endpoint.js';
import { sizeSemanticTextField } from './semantic-text.js';
import { sizeSparseVectorField } from './sparse-vectors.js';
import { sizeKeywordField, sizeTextField } from './text-fields.js';
import { calibrationKey, type SizingCalibration } from './calibration.js';
import type { CalibrationEntry, PlanCalibration } from '../model/calibration.js';

export interface SizingOptions {
  constants: ConstantSet;
  /** formulas/ as loaded at the edge (loadSizingData or loadModelData). */
  data: SizingData;
  /** recommend/evaluate --calibration FILE: vector files measured on a live cluster replace the model's for matching fields. */
  calibration?: SizingCalibration;
}

/** One index sized: its name, what it needs, its shard plan, and its single-index view of the workload. */
export interface IndexSizing {
  name: string;
  sizing: Sizing;
  shards: Shards;
  view: IndexWorkload;
}

export interface SizingResult {
  /** One index: that index's; several: the sums over indices (see sumSizings). */
  sizing: Sizing;
  /**
   * One index: its shard plan. Several: the shards of all indices as one population for the data
   * tier (primaries and total_shards summed, the largest shard's bytes and documents, the most
   * copies); the plan prints the per-index plans instead.
   */
  shards: Shards;
  /** Every index, in workload order (one entry for the single-index form). */
  indices: IndexSizing[];
  /**
   * Several indices: vector RAM and disk of the largest shard copy of any index. The data tier
   * plans every shard copy as that large, so the fullest node holds at least what it would with
   * uneven shards (Elasticsearch balances shard counts per index, not bytes).
   */
  largest_shard?: { ram_bytes: number; disk_bytes: number };
  warnings: Warning[];
  basis: BasisEntry[];
  /** With options.calibration: what the plan records of it (plan.calibration). */
  calibration?: PlanCalibration;
}

/** One index's vector fields against the calibration: sized from an entry, or by the model. */
interface IndexCalibration {
  applied: Array<{ field: string; entry: CalibrationEntry }>;
  unmatched: string[];
}

export function sizeWorkload(workload: Workload, options: SizingOptions): SizingResult {
  const specs = indicesOf(workload);
  const sized = specs.map((ix) => {
    const view = workloadForIndex(workload, ix);
    return { ix, view, result: sizeIndex(view, options) };
  });
  const indices: IndexSizing[] = sized.map(({ ix, view, result }) => ({ name: ix.name, sizing: result.sizing, shards: result.shards, view }));
  const warnings = sized.flatMap(({ ix, result }) =>
    specs.length === 1 ? result.warnings : result.warnings.map((w) => ({ ...w, message: `index ${ix.name}: ${w.message}` })),
  );
  const basis = dedupeById(sized.flatMap(({ ix, result }) => (specs.length === 1 ? result.basis : result.basis.map((b) => prefixBasis(b, ix.name)))));
  const calibration = options.calibration ? planCalibration(options.calibration, workload, sized.map(({ ix, result }) => ({ index: specs.length === 1 ? undefined : ix.name, result: result.calibration! }))) : undefined;
  if (calibration) warnings.unshift(...calibration.warnings);
  const calibrated = calibration ? { calibration: calibration.plan } : {};
  if (specs.length === 1) return { sizing: sized[0]!.result.sizing, shards: sized[0]!.result.shards, indices, warnings, basis, ...calibrated };
  return {
    sizing: sumSizings(indices.map((i) => i.sizing), indices.map((i) => i.name)),
    shards: combinedShards(indices.map((i) => i.shards)),
    indices,
    largest_shard: {
      ram_bytes: Math.max(...indices.map((i) => Math.ceil(i.sizing.total_ram_bytes / i.shards.total_shards))),
      disk_bytes: Math.max(...indices.map((i) => Math.ceil(i.sizing.total_disk_bytes / i.shards.total_shards))),
    },
    warnings,
    basis,
    ...calibrated,
  };
}

/**
 * What the plan records of the calibration (the file, when and where it was measured, the fields
 * sized from it and those it had no entry for) and the warnings that keep it from being silent.
 */
function planCalibration(
  cal: SizingCalibration,
  workload: Workload,
  perIndex: Array<{ index: string | undefined; result: IndexCalibration }>,
): { plan: PlanCalibration; warnings: Warning[] } {
  const c = cal.calibration;
  const named = (index: string | undefined, field: string) => (index ? `${index}/${field}` : field);
  const applied = perIndex.flatMap(({ index, result }) =>
    result.applied.map(({ field, entry }) => ({
      ...(index ? { index } : {}),
      field,
      ...calibrationKey(entry),
      bytes_per_vector: entry.bytes_per_vector,
    })),
  );
  const unmatched = perIndex.flatMap(({ index, result }) => result.unmatched.map((f) => named(index, f)));
  const where = `${cal.file} (cluster ${c.cluster.name}, Elasticsearch ${c.cluster.version}, read ${c.created})`;
  const warnings: Warning[] = [
    {
      code: 'CALIBRATION_USED',
      message: `the vector sizes of ${applied.length} of ${applied.length + unmatched.length} vector fields (${applied.map((a) => named(a.index, a.field)).join(', ') || 'none'}) were calibrated from ${where}: the files it measured replace the model's figures; which files stay in RAM, and the files it did not measure, are the model's.`,
    },
  ];
  if (unmatched.length) {
    warnings.push({
      code: 'CALIBRATION_UNMATCHED',
      message: `${cal.file} has no entry for ${unmatched.join(', ')} (index type, element type, dims and m must all match), so the model sized them; measure a cluster holding such a field to calibrate it.`,
    });
  }
  // Lucene's file formats change between minor versions (the HNSW graph encoding did at 9.2), so a
  // figure measured on another minor version may not hold for the planned one.
  const minor = (v: string) => v.split('.').slice(0, 2).join('.');
  if (applied.length && minor(c.cluster.version) !== minor(workload.elasticsearch.version)) {
    warnings.push({
      code: 'CALIBRATION_VERSION_DIFFERS',
      message: `${cal.file} was measured on Elasticsearch ${c.cluster.version}, the workload plans ${workload.elasticsearch.version}: file formats can change between versions; calibrate on the version you plan for.`,
    });
  }
  return {
    plan: { file: cal.file, created: c.created, cluster: c.cluster, applied, unmatched_fields: unmatched },
    warnings,
  };
}

/** Several indices' sizings as one: byte and document counts summed, vector lists joined (each entry naming its index). */
export function sumSizings(list: readonly Sizing[], names: readonly string[]): Sizing {
  const sum = (key: 'documents' | 'lucene_docs' | 'source_bytes' | 'vector_ram_bytes' | 'vector_disk_bytes' | 'primary_disk_bytes' | 'total_ram_bytes' | 'total_disk_bytes') =>
    list.reduce((s, x) => s + x[key], 0);
  const sourceVectors = list.reduce((s, x) => s + (x.source_vector_bytes ?? 0), 0);
  const growth = Math.max(...list.map((x) => x.growth_factor ?? 1));
  return {
    constants: list[0]!.constants,
    horizon_months: Math.max(...list.map((x) => x.horizon_months)),
    documents: sum('documents'),
    lucene_docs: sum('lucene_docs'),
    vectors: list.flatMap((x, i) => x.vectors.map((v) => ({ index: names[i]!, ...v }))),
    source_bytes: sum('source_bytes'),
    ...(list.some((x) => x.source_vector_bytes !== undefined) ? { source_vector_bytes: sourceVectors } : {}),
    ...(list.some((x) => x.growth_factor !== undefined) ? { growth_factor: growth } : {}),
    vector_ram_bytes: sum('vector_ram_bytes'),
    vector_disk_bytes: sum('vector_disk_bytes'),
    primary_disk_bytes: sum('primary_disk_bytes'),
    copies: Math.max(...list.map((x) => x.copies)),
    total_ram_bytes: sum('total_ram_bytes'),
    total_disk_bytes: sum('total_disk_bytes'),
    // The per-field lists stay with their index (indices[].sizing); the top level sums their RAM.
    ...(list.some((x) => x.postings_ram_bytes !== undefined) ? { postings_ram_bytes: list.reduce((s, x) => s + (x.postings_ram_bytes ?? 0), 0) } : {}),
  };
}

function combinedShards(list: readonly Shards[]): Shards {
  return {
    primaries: list.reduce((s, x) => s + x.primaries, 0),
    replicas: Math.max(...list.map((x) => x.replicas)),
    routing_shards: Math.max(...list.map((x) => x.routing_shards)),
    split_factors: [],
    shard_bytes: Math.max(...list.map((x) => x.shard_bytes)),
    docs_per_shard: Math.max(...list.map((x) => x.docs_per_shard)),
    total_shards: list.reduce((s, x) => s + x.total_shards, 0),
  };
}

/** A basis entry of one index among several: its id and description name the index. */
function prefixBasis(b: BasisEntry, index: string): BasisEntry {
  return { ...b, id: `${index}:${b.id}`, description: `index ${index}: ${b.description}` };
}

function dedupeById(entries: BasisEntry[]): BasisEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

/** One index sized (the workload in its single-index form, as workloadForIndex gives it). */
export function sizeIndex(workload: IndexWorkload, options: SizingOptions): Omit<SizingResult, 'indices' | 'calibration'> & { calibration?: IndexCalibration } {
  const { formulas: book, indexTypes: types, limits } = options.data;
  const d = new Derivation(book);
  const warnings: Warning[] = [];
  const version = workload.elasticsearch.version;

  const constantSet = getConstant(book, `vectors.constant_set.${options.constants}`);
  d.note({ id: 'vectors.constants', kind: 'policy', description: constantSet.description, result: options.constants, source: constantSet.source });

  const horizon = documentsAtHorizon(d, workload.corpus);

  const vectors: VectorSizing[] = [];
  const calibration: IndexCalibration = { applied: [], unmatched: [] };
  const noteCalibration = (field: string, entry: CalibrationEntry | null | undefined) => {
    if (entry) calibration.applied.push({ field, entry });
    else if (entry === null) calibration.unmatched.push(field);
  };
  for (const field of workload.vectors) {
    const resolved = resolveIndexType(types, limits, workload, field);
    const result = sizeVectorField(d, types, {
      field,
      index_type: resolved.index_type,
      index_type_reason: resolved.reason,
      documents: horizon.documents,
      version,
      constants: options.constants,
      ...(options.calibration ? { calibration: options.calibration } : {}),
    });
    noteCalibration(field.field, result.calibrated);
    d.note({
      id: `index_type[${field.field}]`,
      kind: 'policy',
      description: `Index type for ${field.field}: ${resolved.index_type} (${resolved.reason})`,
      result: resolved.index_type,
      source: resolved.source,
    });
    vectors.push(result.sizing);
    warnings.push(...result.warnings);
  }

  const fields = sizeOtherFields(d, options, workload, horizon.documents);
  warnings.push(...fields.warnings);
  vectors.push(...fields.semanticVectors);
  for (const s of fields.semanticCalibration) noteCalibration(s.field, s.entry);

  const describedPerDoc = fields.describedBytesPerDocument;
  const otherBytes =
    describedPerDoc > 0
      ? describedSourceBytes(d, horizon.documents, workload.corpus.source_bytes_per_document, describedPerDoc, workload.assumptions.index_overhead_ratio)
      : sourceBytes(d, horizon.documents, workload.corpus.source_bytes_per_document, workload.assumptions.index_overhead_ratio);
  const codecSaved = sourceCodecSavedBytes(d, workload.index.codec ?? 'default', horizon.documents, workload.corpus.source_bytes_per_document);
  const inSource = sourceVectorBytes(
    d,
    version,
    workload.vectors.map((field, i) => ({ field, vectors: vectors[i]!.vector_count })),
    workload.index.source_vectors,
  );
  warnings.push(...inSource.warnings);

  const vectorRam = sumOverFields(d, 'sizing.vector_ram_bytes', 'Vector off-heap RAM for one copy: every field\'s ram_bytes', vectors, 'ram_bytes');
  const vectorDisk = sumOverFields(d, 'sizing.vector_disk_bytes', 'Vector bytes on disk for one copy: every field\'s disk_bytes', vectors, 'disk_bytes');
  const source = otherBytes - codecSaved + inSource.bytes;
  const primaryDisk = source + vectorDisk + fields.diskBytes;
  if (fields.any || codecSaved > 0) {
    d.note({
      id: 'sizing.primary_disk_bytes',
      kind: 'formula',
      description: 'Everything on disk for one copy at the horizon: _source and other fields (less what the codec saves), every vector file, and the text, keyword, sparse and semantic_text structures',
      expression: 'source_bytes - codec_saved_bytes + source_vector_bytes + vector_disk_bytes + field_disk_bytes',
      inputs: { source_bytes: otherBytes, codec_saved_bytes: codecSaved, source_vector_bytes: inSource.bytes, vector_disk_bytes: vectorDisk, field_disk_bytes: fields.diskBytes },
      result: primaryDisk,
      unit: 'bytes',
      source: 'sum of storage.source_bytes, codec.source_saved_bytes, storage.source_vector_bytes, vectors.disk_bytes and the per-field disk_bytes above',
    });
  } else {
    d.note({
      id: 'sizing.primary_disk_bytes',
      kind: 'formula',
      description: 'Everything on disk for one copy at the horizon: _source and other fields, plus every vector file',
      expression: 'source_bytes + source_vector_bytes + vector_disk_bytes',
      inputs: { source_bytes: otherBytes, source_vector_bytes: inSource.bytes, vector_disk_bytes: vectorDisk },
      result: primaryDisk,
      unit: 'bytes',
      source: 'sum of storage.source_bytes, storage.source_vector_bytes and vectors.disk_bytes above',
    });
  }
  const copies = d.eval('storage.copies', { replicas: workload.availability.replicas });
  // Postings planned resident (sparse, text) share the page cache with the vectors.
  const totalRam = d.eval('storage.all_copies_bytes', { bytes: vectorRam + fields.ramBytes, copies }, 'vector_ram');
  const totalDisk = d.eval('storage.all_copies_bytes', { bytes: primaryDisk, copies }, 'disk');

  // Nested Lucene documents: chunked vectors, and one hidden nested document per semantic_text chunk.
  const nested =
    workload.vectors.filter((v) => v.per_document > 1).reduce((s, v) => s + v.per_document, 0) +
    fields.semantic.reduce((s, f) => s + f.chunks_per_document, 0);
  const plan = planShards(d, {
    documents: horizon.documents,
    nested_per_document: nested,
    primary_disk_bytes: primaryDisk,
    replicas: workload.availability.replicas,
    growth_factor: horizon.growth_factor,
    growth_planned: horizon.growth_planned,
    ...(workload.index.primaries !== undefined ? { pinned_primaries: workload.index.primaries } : {}),
  });
  warnings.push(...plan.warnings);
  const shards = workload.tenancy?.strategy === 'index_per_tenant' ? perTenantShards(d, plan.shards, workload.tenancy, plan.lucene_docs, primaryDisk) : plan.shards;

  return {
    sizing: {
      constants: options.constants,
      horizon_months: workload.corpus.growth.months,
      documents: horizon.documents,
      lucene_docs: plan.lucene_docs,
      vectors,
      source_bytes: source,
      source_vector_bytes: inSource.bytes,
      growth_factor: horizon.growth_factor,
      vector_ram_bytes: vectorRam,
      vector_disk_bytes: vectorDisk,
      primary_disk_bytes: primaryDisk,
      ...(fields.any
        ? {
            postings_ram_bytes: fields.ramBytes,
            text_fields: fields.text,
            keyword_fields: fields.keyword,
            sparse_vectors: fields.sparse,
            semantic_text: fields.semantic,
          }
        : {}),
      copies,
      total_ram_bytes: totalRam,
      total_disk_bytes: totalDisk,
    },
    shards,
    warnings,
    basis: d.basis,
    ...(options.calibration ? { calibration } : {}),
  };
}

/**
 * One index per tenant: each tenant's index has one primary (the largest tenant's holds its share
 * of the documents and bytes), and the data tier holds tenants x copies shard copies.
 */
function perTenantShards(d: Derivation, planned: Shards, tenancy: Tenancy, luceneDocs: number, primaryDisk: number): Shards {
  const copies = planned.replicas + 1;
  const shards: Shards = {
    primaries: 1,
    replicas: planned.replicas,
    routing_shards: 1,
    split_factors: [],
    shard_bytes: Math.ceil(primaryDisk * tenancy.largest_tenant_share),
    docs_per_shard: Math.ceil(luceneDocs * tenancy.largest_tenant_share),
    total_shards: tenancy.tenants * copies,
  };
  d.note({
    id: 'shards.index_per_tenant',
    kind: 'formula',
    description: `tenancy.strategy index_per_tenant: ${tenancy.tenants.toLocaleString('en-US')} indices of one primary each; the largest tenant's shard holds its share of the bytes`,
    expression: 'tenants * copies',
    inputs: { tenants: tenancy.tenants, copies, largest_tenant_share: tenancy.largest_tenant_share },
    result: shards.total_shards,
    unit: 'shard copies',
    source: 'workload tenancy; one primary per small index (Elastic: size shards 10-50 GB, formulas/shards.json)',
  });
  return shards;
}

interface Resolved {
  index_type: IndexType;
  reason: string;
  source: string;
}

/** The index type `sizeWorkload` plans for this field: its own when set, else what `auto` resolves to. */
export function plannedIndexType(workload: Pick<Workload, 'elasticsearch'>, field: VectorField, data: Pick<SizingData, 'indexTypes' | 'limits'>): Resolved {
  return resolveIndexType(data.indexTypes, data.limits, workload, field);
}

function resolveIndexType(types: IndexTypesData, limits: Limits, workload: Pick<Workload, 'elasticsearch'>, field: VectorField): Resolved {
  if (field.index_type !== 'auto') {
    return { index_type: field.index_type, reason: 'set in the workload', source: 'workload vectors[].index_type' };
  }
  const { version, license } = workload.elasticsearch;
  const auto = resolveAutoIndexType(types, version, license, field.element_type, field.dims);
  // bbq types reject fewer than 64 dims, so such a field cannot take the bbq_disk default.
  if (auto.index_type === 'bbq_disk' && field.dims < limits.bbqMinDims) {
    const fallback = resolveAutoIndexType(types, version, 'basic', field.element_type, field.dims);
    return {
      ...fallback,
      reason: `${fallback.reason}; bbq_disk needs at least ${limits.bbqMinDims} dims`,
    };
  }
  return auto;
}

/** Records a per-field total as a basis formula (field names as inputs) and returns it. */
function sumOverFields(
  d: Derivation,
  id: string,
  description: string,
  vectors: VectorSizing[],
  key: 'ram_bytes' | 'disk_bytes',
): number {
  const inputs: Record<string, number> = {};
  vectors.forEach((v, i) => (inputs[`field_${i + 1}`] = v[key]));
  const result = vectors.reduce((s, v) => s + v[key], 0);
  d.note({
    id,
    kind: 'formula',
    description: `${description} (${vectors.map((v, i) => `field_${i + 1} = ${v.field}`).join(', ') || 'no vector fields'})`,
    expression: vectors.length ? Object.keys(inputs).join(' + ') : '0',
    inputs,
    result,
    unit: 'bytes',
    source: `sum of vectors.${key}[<field>] above`,
  });
  return result;
}

interface OtherFields {
  any: boolean;
  text: TextFieldSizing[];
  keyword: KeywordFieldSizing[];
  sparse: SparseVectorSizing[];
  semantic: SemanticTextSizing[];
  /** Dense semantic_text embeddings as vector fields (sized and counted like vectors[]). */
  semanticVectors: VectorSizing[];
  /** With a calibration: each dense embedding and the entry it was sized from (null: none matched). */
  semanticCalibration: Array<{ field: string; entry: CalibrationEntry | null }>;
  /** Text and keyword bytes per document whose index structures are sized per field. */
  describedBytesPerDocument: number;
  /** Disk of every non-vector field structure, one copy (dense semantic embeddings are in the vectors). */
  diskBytes: number;
  /** Postings planned in page cache, one copy. */
  ramBytes: number;
  warnings: Warning[];
}

/** text, keyword, sparse_vector and semantic_text fields of one index, one copy (formulas/fields.json). */
function sizeOtherFields(d: Derivation, options: SizingOptions, workload: IndexWorkload, documents: number): OtherFields {
  const warnings: Warning[] = [];
  const text = (workload.text_fields ?? []).map((f) => take(sizeTextField(d, f, documents)));
  const keyword = (workload.keyword_fields ?? []).map((f) => take(sizeKeywordField(d, f, documents)));
  const sparse = (workload.sparse_vectors ?? []).map((f) => take(sizeSparseVectorField(d, f, documents)));
  const semanticVectors: VectorSizing[] = [];
  const semanticCalibration: OtherFields['semanticCalibration'] = [];
  const semantic = (workload.semantic_text ?? []).map((f) => {
    const resolved = resolveInferenceEndpoint(options.data.inference, workload, f);
    let known = resolved.known;
    if (!known) {
      // A user-created endpoint: esplan cannot know what it returns; size it as the version's default.
      const fallback = resolveInferenceEndpoint(options.data.inference, workload, {});
      known = fallback.known;
      warnings.push({
        code: 'INFERENCE_ENDPOINT_UNKNOWN',
        message: `semantic_text ${f.field} uses inference endpoint ${resolved.inference_id}, which esplan does not know; it is sized as ${fallback.inference_id} (${known?.kind ?? 'sparse'}${known?.dims ? `, ${known.dims} dims` : ''}): check what the endpoint returns`,
      });
    }
    const endpoint = {
      inference_id: resolved.inference_id,
      kind: known?.kind ?? 'sparse',
      ...(known?.dims !== undefined ? { dims: known.dims } : {}),
      ...(known?.element_type !== undefined ? { element_type: known.element_type } : {}),
      source: resolved.source,
    };
    const r = sizeSemanticTextField(d, options.data, {
      field: f,
      endpoint,
      dense_defaults: options.data.inference.dense_defaults,
      documents,
      version: workload.elasticsearch.version,
      license: workload.elasticsearch.license,
      constants: options.constants,
      ...(options.calibration ? { calibration: options.calibration } : {}),
    });
    warnings.push(...r.warnings);
    if (r.vector) semanticVectors.push(r.vector);
    if (r.calibrated !== undefined) semanticCalibration.push({ field: f.field, entry: r.calibrated });
    return r.sizing;
  });
  function take<S>(r: { sizing: S; warnings: Warning[] }): S {
    warnings.push(...r.warnings);
    return r.sizing;
  }
  const diskBytes =
    text.reduce((s, f) => s + f.disk_bytes, 0) +
    keyword.reduce((s, f) => s + f.disk_bytes, 0) +
    sparse.reduce((s, f) => s + f.disk_bytes, 0) +
    // Dense embeddings are in vectors[] (vector_disk_bytes); only their offsets are added here.
    semantic.reduce((s, f) => s + (f.kind === 'dense' ? f.offsets_disk_bytes : f.disk_bytes), 0);
  const ramBytes =
    text.reduce((s, f) => s + f.ram_bytes, 0) +
    keyword.reduce((s, f) => s + f.ram_bytes, 0) +
    sparse.reduce((s, f) => s + f.ram_bytes, 0) +
    semantic.reduce((s, f) => s + (f.kind === 'dense' ? 0 : f.ram_bytes), 0);
  const described =
    text.reduce((s, f) => s + f.text_bytes_per_document, 0) + keyword.reduce((s, f) => s + f.bytes_per_value * f.values_per_document, 0);
  return {
    any: text.length + keyword.length + sparse.length + semantic.length > 0,
    text,
    keyword,
    sparse,
    semantic,
    semanticVectors,
    semanticCalibration,
    describedBytesPerDocument: described,
    diskBytes,
    ramBytes,
    warnings,
  };
}
