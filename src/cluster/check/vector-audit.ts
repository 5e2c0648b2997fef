/**
 * Vector memory, measured against the model: per field, the resident off-heap bytes Elasticsearch
 * reports (9.1+) against the model's figure for the vectors the cluster holds today; per node, the
 * resident working set against the page cache the node has after its heap. Also the measurements a
 * calibration file is made of.
 *
 * Resident means the files the field's index type must keep in memory (formulas/vectors.json
 * vectors.resident_files.*): raw .vec only for unquantized types (quantized ones read it to
 * rescore), and for bbq_disk the centroids plus the plan's resident share of the posting lists
 * (shared/research/live-stats.md §1f.1).
 */
import type { IndexTypesData } from '../../data/index-types.js';
import { stringConstant } from '../../data/formulas.js';
import type { SizingData } from '../../data/model-data.js';
import type { MeasuredVectorField } from '../../model/calibration.js';
import type { IndexPlan, VectorSizing } from '../../model/plan.js';
import { compareVersions } from '../../model/version.js';
import type { ConstantSet, VectorField } from '../../model/workload.js';
import { Derivation } from '../../sizing/derivation.js';
import { sizeVectorField } from '../../sizing/vectors.js';
import type { SizingCalibration } from '../../sizing/calibration.js';
import { CALIBRATION_KIND, type PlanCalibration } from '../../model/calibration.js';
import type { PlannedIndex } from '../desired.js';
import { finding, gib, shown, type Finding } from './findings.js';
import { isData } from './topology-audit.js';
import type { ClusterSnapshot, SnapshotIndex, SnapshotNode, VectorFileBytes, VectorFileExt } from './snapshot.js';
import { VECTOR_FILE_EXTS } from './snapshot.js';

export interface VectorComparison {
  /** The concrete index. */
  index: string;
  /** The plan index it belongs to. */
  plan_index: string;
  /** The field as the plan names it. */
  field: string;
  /** The path Elasticsearch reports it under (semantic_text: `<field>.inference.chunks.embeddings`). */
  stats_field: string;
  index_type: VectorSizing['index_type'];
  /** Vectors in one copy today; null when the cluster does not say. */
  value_count: number | null;
  /** The model's resident bytes for value_count vectors, one copy. */
  predicted_ram_bytes: number | null;
  /** Resident files only, one copy (primaries). */
  measured_off_heap_bytes: number | null;
  /** Every file Elasticsearch reports for the field (AutoOps' desired off-heap size). */
  measured_total_off_heap_bytes: number | null;
  /** measured_off_heap_bytes / predicted_ram_bytes */
  ratio: number | null;
  /** Bytes per file as reported, one copy; files the version does not report are absent. */
  files: VectorFileBytes;
  measurable: boolean;
  not_measurable_reason?: string;
  /** With --disk-usage: knn_vectors_in_bytes of _disk_usage (one copy, every vector file), against the model's disk_bytes for value_count vectors. */
  disk_usage_bytes?: number;
  predicted_disk_bytes?: number;
}

export interface VectorAudit {
  vectors: VectorComparison[];
  measured: MeasuredVectorField[];
  findings: Finding[];
}

interface FieldPlan {
  planned: PlannedIndex;
  plan: IndexPlan;
  sizing: VectorSizing;
  statsField: string;
  workloadField: VectorField;
}

/** The share of a file the field keeps resident: 1 or 0 by index type, the planned share for bbq_disk posting lists. */
export function residentShare(book: SizingData['formulas'], sizing: Pick<VectorSizing, 'index_type' | 'resident_fraction'>, ext: VectorFileExt): number {
  const resident = stringConstant(book, `vectors.resident_files.${sizing.index_type}`).split(',');
  if (!resident.includes(ext)) return 0;
  return ext === 'clivf' ? (sizing.resident_fraction ?? 1) : 1;
}

export function residentBytes(book: SizingData['formulas'], sizing: Pick<VectorSizing, 'index_type' | 'resident_fraction'>, files: VectorFileBytes): number {
  return Math.round(VECTOR_FILE_EXTS.reduce((s, ext) => s + (files[ext] ?? 0) * residentShare(book, sizing, ext), 0));
}

function fieldPlans(planned: PlannedIndex, plan: IndexPlan, data: SizingData): FieldPlan[] {
  const semantic = new Set((plan.sizing.semantic_text ?? []).filter((f) => f.kind === 'dense').map((f) => f.field));
  return planned.vectors.map((sizing) => {
    const own = planned.spec.vectors.find((f) => f.field === sizing.field);
    const workloadField: VectorField = own ?? {
      // A dense semantic_text embedding, as semantic-text.ts sizes it.
      field: sizing.field,
      dims: sizing.dims,
      element_type: sizing.element_type,
      per_document: 1,
      index_type: sizing.index_type,
      m: data.limits.hnswMDefault,
      ef_construction: data.limits.efConstructionDefault,
    };
    return { planned, plan, sizing, workloadField, statsField: semantic.has(sizing.field) ? `${sizing.field}.inference.chunks.embeddings` : sizing.field };
  });
}

export function auditVectors(
  snapshot: ClusterSnapshot,
  indices: readonly { planned: PlannedIndex; plan: IndexPlan }[],
  data: SizingData,
  options: PredictOptions & { tolerance: number; gates: VersionGates },
): VectorAudit {
  const out: VectorAudit = { vectors: [], measured: [], findings: [] };
  const clusterVersion = snapshot.cluster.version;
  for (const { planned, plan } of indices) {
    const fields = fieldPlans(planned, plan, data);
    for (const ix of snapshot.indices[planned.name] ?? []) {
      const denseFields = ix.vector_mappings.filter((m) => m.index).length + fields.filter((f) => f.statsField !== f.sizing.field && ix.semantic_text.some((s) => s.path === f.sizing.field)).length;
      for (const f of fields) {
        const c = compareField(f, ix, denseFields, clusterVersion, data, options, options.gates);
        out.vectors.push(c);
        if (c.measurable && c.value_count && c.value_count > 0) {
          out.measured.push({
            index: ix.name,
            field: c.stats_field,
            index_type: f.sizing.index_type,
            element_type: f.sizing.element_type,
            dims: f.sizing.dims,
            m: f.sizing.index_type.endsWith('hnsw') ? (ix.vector_mappings.find((m) => m.path === f.sizing.field)?.index_options?.m ?? f.workloadField.m) : null,
            vectors: c.value_count,
            files: c.files,
          });
        }
        if (c.ratio !== null && c.ratio > 1 + options.tolerance) {
          out.findings.push(
            finding(
              'VECTOR_RAM_ABOVE_PLAN',
              'warning',
              `${shown(ix.name)} ${shown(c.field)}: ${gib(c.measured_off_heap_bytes ?? 0)} resident off-heap for ${c.value_count?.toLocaleString('en-US')} vectors, ${c.ratio.toFixed(2)} x the model's ${gib(c.predicted_ram_bytes ?? 0)} (tolerance ${Math.round(options.tolerance * 100)}%, formulas/check.json); size with the measurement: esplan check --write-calibration, then recommend --calibration`,
              { index: ix.name, field: c.field, expected: c.predicted_ram_bytes, actual: c.measured_off_heap_bytes, ratio: Number(c.ratio.toFixed(4)) },
            ),
          );
        }
      }
    }
  }
  return out;
}

/** First versions reporting what check measures (formulas/check.json). */
export interface VersionGates {
  offHeapStatsSince: string;
  diskBbqFilesSince: string;
}

function compareField(f: FieldPlan, ix: SnapshotIndex, denseFields: number, clusterVersion: string, data: SizingData, options: PredictOptions, gates: VersionGates): VectorComparison {
  const base = {
    index: ix.name,
    plan_index: f.planned.name,
    field: f.sizing.field,
    stats_field: f.statsField,
    index_type: f.sizing.index_type,
  };
  const notMeasurable = (reason: string, value_count: number | null = null, files: VectorFileBytes = {}): VectorComparison => ({
    ...base,
    value_count,
    predicted_ram_bytes: null,
    measured_off_heap_bytes: null,
    measured_total_off_heap_bytes: null,
    ratio: null,
    files,
    measurable: false,
    not_measurable_reason: reason,
  });
  if (ix.off_heap_fields === null || compareVersions(clusterVersion, gates.offHeapStatsSince) < 0) {
    // value_count predates the off-heap stats: with one dense field it is the field's.
    return notMeasurable(`Elasticsearch reports off-heap vector sizes from ${gates.offHeapStatsSince}; the cluster runs ${clusterVersion}`, denseFields === 1 ? ix.vector_value_count : null);
  }
  const entry = ix.off_heap_fields.find((e) => e.field === f.statsField);
  const files = entry?.primaries ?? {};
  if (f.sizing.index_type === 'bbq_disk' && compareVersions(clusterVersion, gates.diskBbqFilesSince) < 0) {
    return notMeasurable(`DiskBBQ centroid and posting-list sizes (cenivf, clivf) are reported from ${gates.diskBbqFilesSince}; ${clusterVersion} reports only the raw vectors`, null, files);
  }
  // Vectors per field: the index's count when it has one dense field, else from the raw vector file (exact: count x raw bytes per vector).
  let count: number | null = null;
  if (denseFields === 1) count = ix.vector_value_count;
  else if ((files.vec ?? 0) > 0) {
    const raw = new Derivation(data.formulas).eval(`vectors.${options.constants}.raw.${f.sizing.element_type}.bytes_per_vector`, { dims: f.sizing.dims });
    count = Math.round((files.vec ?? 0) / raw);
  }
  if (count === null) {
    return notMeasurable(`the index has ${denseFields} vector fields and reports no raw vector bytes for this one (direct IO), so its vector count is unknown`, null, files);
  }
  if (!entry) {
    if (count === 0) return { ...notMeasurable('no vectors indexed yet', 0), measurable: true, not_measurable_reason: undefined, measured_off_heap_bytes: 0, measured_total_off_heap_bytes: 0, predicted_ram_bytes: 0 };
    return notMeasurable(`the per-field statistics have no entry for ${f.statsField}`, count);
  }
  const measured = residentBytes(data.formulas, f.sizing, files);
  const total = VECTOR_FILE_EXTS.reduce((s, ext) => s + (files[ext] ?? 0), 0);
  const model = count > 0 ? predictedSizing(f, count, data, options) : { ram_bytes: 0, disk_bytes: 0 };
  const predicted = model.ram_bytes;
  const disk = ix.disk_usage?.[f.statsField];
  return {
    ...base,
    value_count: count,
    predicted_ram_bytes: predicted,
    measured_off_heap_bytes: measured,
    measured_total_off_heap_bytes: total,
    ratio: predicted > 0 ? Number((measured / predicted).toFixed(4)) : null,
    files,
    measurable: true,
    ...(ix.disk_usage !== undefined ? { disk_usage_bytes: disk ?? 0, predicted_disk_bytes: model.disk_bytes } : {}),
  };
}

interface PredictOptions {
  version: string;
  constants: ConstantSet;
  /** The calibration the plan was sized with: the prediction uses it as the plan did. */
  calibration?: SizingCalibration;
}

/**
 * The calibration a plan records (plan.calibration.applied: each field's key and bytes per vector)
 * in the form sizing takes, so check predicts a calibrated plan's fields as recommend sized them.
 */
export function calibrationOfPlan(c: PlanCalibration | undefined): SizingCalibration | undefined {
  if (!c) return undefined;
  return {
    file: c.file,
    calibration: {
      kind: CALIBRATION_KIND,
      format_version: 1,
      created: c.created,
      esplan_version: '',
      cluster: c.cluster,
      entries: c.applied.map((a) => ({
        index_type: a.index_type,
        element_type: a.element_type,
        dims: a.dims,
        m: a.m,
        bytes_per_vector: a.bytes_per_vector,
        vectors: 1,
        measured_on: [{ index: a.index ?? '', field: a.field, vectors: 1 }],
      })),
    },
  };
}

/** The model's resident and disk bytes for `count` vectors of this field (one per document, so documents = count). */
export function predictedSizing(f: Pick<FieldPlan, 'sizing' | 'workloadField'>, count: number, data: SizingData, options: PredictOptions): { ram_bytes: number; disk_bytes: number } {
  const result = sizeVectorField(new Derivation(data.formulas), data.indexTypes as IndexTypesData, {
    field: { ...f.workloadField, per_document: 1 },
    index_type: f.sizing.index_type,
    index_type_reason: f.sizing.index_type_reason,
    documents: count,
    version: options.version,
    constants: options.constants,
    ...(options.calibration ? { calibration: options.calibration } : {}),
  });
  return { ram_bytes: result.sizing.ram_bytes, disk_bytes: result.sizing.disk_bytes };
}

/**
 * Each data node's resident vector working set, from the off-heap totals of the shard copies it
 * holds (each category weighted by the share of it that is resident in that index's fields), against
 * the page cache the node has after its heap and the OS reserve (formulas/node-memory.json).
 */
export function auditVectorCache(
  snapshot: ClusterSnapshot,
  indices: readonly { planned: PlannedIndex; plan: IndexPlan }[],
  data: SizingData,
  osReserveRatio: number,
): Finding[] {
  const weights = new Map<string, Partial<Record<VectorFileExt, number>>>();
  for (const { planned, plan } of indices) {
    const fields = fieldPlans(planned, plan, data);
    for (const ix of snapshot.indices[planned.name] ?? []) {
      if (ix.off_heap_fields === null || ix.off_heap_primaries === null) continue;
      const w: Partial<Record<VectorFileExt, number>> = {};
      for (const ext of VECTOR_FILE_EXTS) {
        const total = ix.off_heap_primaries[ext] ?? 0;
        if (total === 0) continue;
        let resident = 0;
        for (const e of ix.off_heap_fields) {
          const fp = fields.find((f) => f.statsField === e.field);
          // A field the plan does not know is counted whole: it is in memory all the same.
          resident += (e.primaries[ext] ?? 0) * (fp ? residentShare(data.formulas, fp.sizing, ext) : 1);
        }
        w[ext] = resident / total;
      }
      weights.set(ix.name, w);
    }
  }
  const out: Finding[] = [];
  for (const node of snapshot.nodes.filter(isData)) {
    const copies = snapshot.shards.filter((c) => c.node_id === node.id && c.off_heap !== null && weights.has(c.index));
    if (copies.length === 0) continue;
    const working = Math.round(copies.reduce((s, c) => s + VECTOR_FILE_EXTS.reduce((t, ext) => t + (c.off_heap![ext] ?? 0) * (weights.get(c.index)![ext] ?? 0), 0), 0));
    const cache = pageCacheAfterHeap(node, osReserveRatio);
    if (working > cache) {
      out.push(
        finding(
          'VECTOR_CACHE_TOO_SMALL',
          'error',
          `data node ${shown(node.name)}: its shard copies want ${gib(working)} of vectors resident, but it has ${gib(cache)} of page cache after its ${gib(node.heap_max_bytes)} heap and the OS reserve: searches read vectors from disk`,
          { node: node.name, expected: cache, actual: working },
        ),
      );
    }
  }
  return out;
}

export function pageCacheAfterHeap(node: Pick<SnapshotNode, 'ram_bytes' | 'heap_max_bytes'>, osReserveRatio: number): number {
  return Math.max(0, Math.floor(node.ram_bytes - node.heap_max_bytes - node.ram_bytes * osReserveRatio));
}
