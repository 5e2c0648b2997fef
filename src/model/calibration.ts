/**
 * A calibration file: bytes per vector per Lucene file measured on a live cluster by
 * `esplan check --write-calibration FILE`, keyed by what decides those bytes (index type, element
 * type, dims, m). `recommend --calibration FILE` and `evaluate --calibration FILE` size matching
 * fields from it instead of the model, and say so in the plan (its `calibration` key and basis).
 * The file is a contract users keep beside their workloads: keys are only ever extended.
 */
import { z } from 'zod';
import { ELEMENT_TYPES, INDEX_TYPES } from '../data/index-types.js';

export const CALIBRATION_KIND = 'esplan-calibration';

const perVector = z.number().nonnegative();

export const calibrationFilesSchema = z.strictObject({
  veb: perVector.optional(),
  vec: perVector.optional(),
  veq: perVector.optional(),
  vex: perVector.optional(),
  cenivf: perVector.optional(),
  clivf: perVector.optional(),
});

/**
 * Only HNSW types build a graph, so only their bytes depend on m; flat types and bbq_disk (IVF)
 * key with m null. The type names say the structure (formulas/index-types.json gives structure
 * hnsw to exactly these), so the file can be checked without the data files.
 */
export function usesM(indexType: (typeof INDEX_TYPES)[number]): boolean {
  return indexType === 'hnsw' || indexType.endsWith('_hnsw');
}

/** The entry key as one string: index_type/element_type/dims/m. */
export function calibrationKeyString(k: { index_type: string; element_type: string; dims: number; m: number | null }): string {
  return `${k.index_type}/${k.element_type}/${k.dims}/${k.m ?? '-'}`;
}

const calibrationEntryObject = z.strictObject({
  index_type: z.enum(INDEX_TYPES),
  element_type: z.enum(ELEMENT_TYPES),
  dims: z.number().int().positive(),
  /** HNSW types only; null for flat and bbq_disk. */
  m: z.number().int().positive().nullable(),
  /** Measured bytes per vector of each file: the file's bytes (primaries) / the field's vectors. */
  bytes_per_vector: calibrationFilesSchema,
  /** Vectors the measurement covered (one copy); the larger, the more it is worth. */
  vectors: z.number().int().positive(),
  /** Where it was measured: concrete index and field path, one entry per field merged into this key. */
  measured_on: z.array(z.strictObject({ index: z.string(), field: z.string(), vectors: z.number().int().positive() })).min(1),
});

export const calibrationEntrySchema = calibrationEntryObject.superRefine((e, ctx) => {
  if (usesM(e.index_type) && e.m === null) {
    ctx.addIssue({ code: 'custom', path: ['m'], message: `must be the HNSW m the field was built with (${e.index_type} builds a graph), not null` });
  }
  if (!usesM(e.index_type) && e.m !== null) {
    ctx.addIssue({ code: 'custom', path: ['m'], message: `must be null for ${e.index_type} (it builds no HNSW graph, so m does not change its bytes)` });
  }
});
export type CalibrationEntry = z.output<typeof calibrationEntrySchema>;

export const calibrationSchema = z.strictObject({
  kind: z.literal(CALIBRATION_KIND),
  format_version: z.literal(1),
  /** ISO 8601 time the cluster was read. */
  created: z.string(),
  esplan_version: z.string(),
  cluster: z.strictObject({ name: z.string(), uuid: z.string(), version: z.string() }),
  entries: z.array(calibrationEntrySchema),
}).superRefine((c, ctx) => {
  const seen = new Map<string, number>();
  c.entries.forEach((e, i) => {
    const key = calibrationKeyString(e);
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['entries', i], message: `repeats the key of entries[${first}] (${key}); a field could match either: keep one` });
    } else seen.set(key, i);
  });
});
export type Calibration = z.output<typeof calibrationSchema>;

/**
 * One vector field as check measured it: the input calibrationFromMeasurements turns into entries.
 * `files` are one copy's bytes (primaries), `vectors` that copy's vector count.
 */
export interface MeasuredVectorField {
  index: string;
  field: string;
  index_type: (typeof INDEX_TYPES)[number];
  element_type: (typeof ELEMENT_TYPES)[number];
  dims: number;
  m: number | null;
  vectors: number;
  files: Partial<Record<keyof z.output<typeof calibrationFilesSchema>, number>>;
}

/** What a plan records of the calibration it was sized with (plan.calibration). */
export const planCalibrationSchema = z.strictObject({
  file: z.string().describe('the calibration file as given to --calibration'),
  created: z.string().describe('when the calibrated cluster was read (the file\'s created)'),
  cluster: z.strictObject({ name: z.string(), uuid: z.string(), version: z.string() }),
  applied: z
    .array(z.strictObject({ index: z.string().optional(), field: z.string(), index_type: z.enum(INDEX_TYPES), element_type: z.enum(ELEMENT_TYPES), dims: z.number().int(), m: z.number().int().nullable(), bytes_per_vector: calibrationFilesSchema }))
    .describe('the fields sized from the calibration instead of the model, with the bytes per vector used'),
  unmatched_fields: z.array(z.string()).describe('vector fields the calibration has no entry for (sized by the model)'),
});
export type PlanCalibration = z.output<typeof planCalibrationSchema>;
