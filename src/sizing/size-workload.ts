/**
 * Sizing entry point: what one copy and all copies of a workload need at the planning horizon,
 * as pure data. Every figure is a prediction (no safety margins: those are the recommender's
 * policy) and every formula or constant used is listed in `basis`.
 */
import { getConstant } from '../data/formulas.js';
import type { IndexType, IndexTypesData } from '../data/index-types.js';
import type { Limits } from '../data/limits.js';
import type { SizingData } from '../data/model-data.js';
import type { BasisEntry, Shards, Sizing, VectorSizing, Warning } from '../model/plan.js';
import type { ConstantSet, VectorField, Workload } from '../model/workload.js';
import { Derivation } from './derivation.js';
import { resolveAutoIndexType } from './resolve-index-type.js';
import { planShards } from './shards.js';
import { documentsAtHorizon, sourceBytes, sourceVectorBytes } from './storage.js';
import { sizeVectorField } from './vectors.js';

export interface SizingOptions {
  constants: ConstantSet;
  /** formulas/ as loaded at the edge (loadSizingData or loadModelData). */
  data: SizingData;
}

export interface SizingResult {
  sizing: Sizing;
  shards: Shards;
  warnings: Warning[];
  basis: BasisEntry[];
}

export function sizeWorkload(workload: Workload, options: SizingOptions): SizingResult {
  const { formulas: book, indexTypes: types, limits } = options.data;
  const d = new Derivation(book);
  const warnings: Warning[] = [];
  const version = workload.elasticsearch.version;

  const constantSet = getConstant(book, `vectors.constant_set.${options.constants}`);
  d.note({ id: 'vectors.constants', kind: 'policy', description: constantSet.description, result: options.constants, source: constantSet.source });

  const horizon = documentsAtHorizon(d, workload.corpus);

  const vectors: VectorSizing[] = [];
  for (const field of workload.vectors) {
    const resolved = resolveIndexType(types, limits, workload, field);
    const result = sizeVectorField(d, types, {
      field,
      index_type: resolved.index_type,
      index_type_reason: resolved.reason,
      documents: horizon.documents,
      version,
      constants: options.constants,
    });
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

  const otherBytes = sourceBytes(d, horizon.documents, workload.corpus.source_bytes_per_document, workload.assumptions.index_overhead_ratio);
  const inSource = sourceVectorBytes(
    d,
    version,
    workload.vectors.map((field, i) => ({ field, vectors: vectors[i]!.vector_count })),
    workload.index.source_vectors,
  );
  warnings.push(...inSource.warnings);

  const vectorRam = sumOverFields(d, 'sizing.vector_ram_bytes', 'Vector off-heap RAM for one copy: every field\'s ram_bytes', vectors, 'ram_bytes');
  const vectorDisk = sumOverFields(d, 'sizing.vector_disk_bytes', 'Vector bytes on disk for one copy: every field\'s disk_bytes', vectors, 'disk_bytes');
  const source = otherBytes + inSource.bytes;
  const primaryDisk = source + vectorDisk;
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
  const copies = d.eval('storage.copies', { replicas: workload.availability.replicas });
  const totalRam = d.eval('storage.all_copies_bytes', { bytes: vectorRam, copies }, 'vector_ram');
  const totalDisk = d.eval('storage.all_copies_bytes', { bytes: primaryDisk, copies }, 'disk');

  const nested = workload.vectors.filter((v) => v.per_document > 1).reduce((s, v) => s + v.per_document, 0);
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
      copies,
      total_ram_bytes: totalRam,
      total_disk_bytes: totalDisk,
    },
    shards: plan.shards,
    warnings,
    basis: d.basis,
  };
}

interface Resolved {
  index_type: IndexType;
  reason: string;
  source: string;
}

/** The index type `sizeWorkload` plans for this field: its own when set, else what `auto` resolves to. */
export function plannedIndexType(workload: Workload, field: VectorField, data: Pick<SizingData, 'indexTypes' | 'limits'>): Resolved {
  return resolveIndexType(data.indexTypes, data.limits, workload, field);
}

function resolveIndexType(types: IndexTypesData, limits: Limits, workload: Workload, field: VectorField): Resolved {
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
