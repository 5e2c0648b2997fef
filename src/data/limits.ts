import { join } from 'node:path';
import { z } from 'zod';
import { formulasDir } from './paths.js';
import { readDataFile } from './read-data-file.js';

const range = z.strictObject({ min: z.number(), max: z.number() });
const versionRange = z.strictObject({ min: z.string(), max: z.string() });

/** One sourced constant: a fact from Elastic's docs or code, with where it comes from. */
export const constantSchema = z.strictObject({
  id: z.string().min(1),
  description: z.string().min(1),
  value: z.union([z.number(), range, versionRange]),
  unit: z.string().min(1),
  source: z.string().min(10),
});
export type Constant = z.output<typeof constantSchema>;

const limitsFileSchema = z.strictObject({
  format_version: z.literal(1),
  description: z.string(),
  constants: z.array(constantSchema),
});

/** The limits workload validation needs, by name, each with its source for messages and basis. */
export interface Limits {
  supportedVersions: { min: string; max: string };
  maxDims: number;
  bitMaxDims: number;
  bitDimsMultiple: number;
  bbqMinDims: number;
  int4DimsMultiple: number;
  clusterSize: { min: number; max: number };
  hnswM: { min: number; max: number };
  hnswMDefault: number;
  efConstruction: { min: number; max: number };
  efConstructionDefault: number;
  oversample: { min: number; max: number };
  /** Elasticsearch's default `slm.minimum_interval`, in ms. */
  slmMinimumIntervalMs: number;
  /** semantic_text chunking_settings bounds (words). */
  chunking: { sentence_min: number; word_min: number; max: number; default_size: number };
  byId: ReadonlyMap<string, Constant>;
}

let cached: Limits | undefined;

export function loadLimits(): Limits {
  if (cached) return cached;
  const file = readDataFile(join(formulasDir, 'limits.json'), limitsFileSchema);
  const byId = new Map(file.constants.map((c) => [c.id, c]));
  const num = (id: string): number => {
    const v = byId.get(id)?.value;
    if (typeof v !== 'number') throw new Error(`formulas/limits.json: ${id} must be a number`);
    return v;
  };
  const numRange = (id: string): { min: number; max: number } => {
    const v = byId.get(id)?.value;
    if (!v || typeof v !== 'object' || typeof v.min !== 'number') throw new Error(`formulas/limits.json: ${id} must be a numeric range`);
    return v as { min: number; max: number };
  };
  const versions = byId.get('es.supported_versions')?.value;
  if (!versions || typeof versions !== 'object' || typeof versions.min !== 'string') {
    throw new Error('formulas/limits.json: es.supported_versions must be a version range');
  }
  cached = Object.freeze({
    supportedVersions: versions as { min: string; max: string },
    maxDims: num('dense_vector.max_dims'),
    bitMaxDims: num('dense_vector.bit_max_dims'),
    bitDimsMultiple: num('dense_vector.bit_dims_multiple'),
    bbqMinDims: num('dense_vector.bbq_min_dims'),
    int4DimsMultiple: num('dense_vector.int4_dims_multiple'),
    clusterSize: numRange('bbq_disk.cluster_size_range'),
    hnswM: numRange('hnsw.m_range'),
    hnswMDefault: num('hnsw.m_default'),
    efConstruction: numRange('hnsw.ef_construction_range'),
    efConstructionDefault: num('hnsw.ef_construction_default'),
    oversample: numRange('rescore.oversample_range'),
    slmMinimumIntervalMs: num('slm.minimum_interval'),
    chunking: {
      sentence_min: numRange('chunking.sentence_max_chunk_size_range').min,
      word_min: numRange('chunking.word_max_chunk_size_range').min,
      max: Math.max(numRange('chunking.sentence_max_chunk_size_range').max, numRange('chunking.word_max_chunk_size_range').max),
      default_size: num('chunking.default_max_chunk_size'),
    },
    byId,
  });
  return cached;
}
