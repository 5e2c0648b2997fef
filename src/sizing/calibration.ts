/**
 * Calibration from a live cluster, both ways, as pure functions:
 * - calibrationFromMeasurements: what `esplan check --write-calibration` writes, bytes per vector per
 *   Lucene file for each (index type, element type, dims, m) the cluster holds;
 * - calibrationKey / findCalibrationEntry: which entry, if any, a planned vector field is sized from.
 */
import {
  CALIBRATION_KIND,
  calibrationKeyString as keyString,
  usesM,
  type Calibration,
  type CalibrationEntry,
  type MeasuredVectorField,
} from '../model/calibration.js';
import type { ElementType, IndexType } from '../data/index-types.js';

type FileExt = keyof CalibrationEntry['bytes_per_vector'];
const FILE_EXTS: readonly FileExt[] = ['veb', 'vec', 'veq', 'vex', 'cenivf', 'clivf'];

/** What decides a field's bytes per vector: the entry key. m is null where no HNSW graph is built. */
export interface CalibrationKey {
  index_type: IndexType;
  element_type: ElementType;
  dims: number;
  m: number | null;
}

export function calibrationKey(k: { index_type: IndexType; element_type: ElementType; dims: number; m: number | null | undefined }): CalibrationKey {
  return { index_type: k.index_type, element_type: k.element_type, dims: k.dims, m: usesM(k.index_type) ? (k.m ?? null) : null };
}

export interface CalibrationMeta {
  /** ISO 8601 time the cluster was read. */
  created: string;
  esplanVersion: string;
  cluster: Calibration['cluster'];
}

/**
 * One entry per key the measured fields share. A file's bytes per vector is the sum of that file's
 * bytes over the fields of the key that measured it, divided by the sum of those fields' vectors:
 * weighted by vectors, so a large index counts for more than a small one with the same mapping.
 * Fields with no vectors say nothing and are skipped; a file a field did not report (older
 * versions, direct IO, a file the type does not write) is left out rather than counted as 0, and
 * an entry with no file at all is dropped (it would calibrate nothing).
 */
export function calibrationFromMeasurements(fields: readonly MeasuredVectorField[], meta: CalibrationMeta): Calibration {
  const groups = new Map<string, { key: CalibrationKey; fields: MeasuredVectorField[] }>();
  for (const f of fields) {
    if (!(f.vectors > 0)) continue;
    const key = calibrationKey(f);
    const id = keyString(key);
    const group = groups.get(id) ?? { key, fields: [] };
    group.fields.push(f);
    groups.set(id, group);
  }
  const entries: CalibrationEntry[] = [];
  for (const { key, fields: members } of groups.values()) {
    const bytesPerVector: CalibrationEntry['bytes_per_vector'] = {};
    for (const ext of FILE_EXTS) {
      const measuring = members.filter((f) => typeof f.files[ext] === 'number' && Number.isFinite(f.files[ext]));
      if (!measuring.length) continue;
      const bytes = measuring.reduce((s, f) => s + f.files[ext]!, 0);
      const vectors = measuring.reduce((s, f) => s + f.vectors, 0);
      bytesPerVector[ext] = bytes / vectors;
    }
    if (!Object.keys(bytesPerVector).length) continue;
    entries.push({
      ...key,
      bytes_per_vector: bytesPerVector,
      vectors: members.reduce((s, f) => s + f.vectors, 0),
      measured_on: members.map((f) => ({ index: f.index, field: f.field, vectors: f.vectors })),
    });
  }
  // A stable order, so two reads of one cluster give the same file.
  entries.sort((a, b) => keyString(a).localeCompare(keyString(b)));
  return {
    kind: CALIBRATION_KIND,
    format_version: 1,
    created: meta.created,
    esplan_version: meta.esplanVersion,
    cluster: meta.cluster,
    entries,
  };
}

/** The entry a field of this key is sized from, or undefined (the model sizes it). */
export function findCalibrationEntry(calibration: Calibration, field: { index_type: IndexType; element_type: ElementType; dims: number; m: number | null | undefined }): CalibrationEntry | undefined {
  const id = keyString(calibrationKey(field));
  return calibration.entries.find((e) => keyString(calibrationKey(e)) === id);
}

/** A calibration as sizing takes it: the parsed file and the path it was read from (for the basis and the plan). */
export interface SizingCalibration {
  file: string;
  calibration: Calibration;
}
