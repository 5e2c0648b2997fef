/**
 * Loader of formulas/ingest.json: what indexing a document costs on the data tier, and what
 * inference costs on ML nodes (src/sizing/ingest.ts, src/sizing/inference-demand.ts).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { formulasDir } from './paths.js';
import { readDataFile } from './read-data-file.js';

const source = z.string().min(10);

function figure<U extends string>(unit: U, kinds: readonly ['constant' | 'assumption' | 'policy', ...('constant' | 'assumption' | 'policy')[]] = ['constant', 'assumption']) {
  return z.strictObject({
    kind: z.enum(kinds),
    value: z.number().positive(),
    unit: z.literal(unit),
    description: z.string().min(1),
    source,
  });
}

/** A ratio without its own description (the group describes it). */
const ratio = z.strictObject({ kind: z.enum(['constant', 'assumption']), value: z.number().positive().max(10), unit: z.literal('ratio'), source });

const modelRates = z.strictObject({ chunks_per_second_per_allocation: figure('chunks/s') });

export const INFERENCE_MODELS = ['elser', 'e5', 'other'] as const;
export type InferenceModel = (typeof INFERENCE_MODELS)[number];

const ingestFileSchema = z.strictObject({
  format_version: z.literal(1),
  description: z.string(),
  indexing: z.strictObject({
    document_base_ms: figure('ms'),
    text_ms_per_kb: figure('ms'),
    sparse_ms_per_token: figure('ms'),
    hnsw_ms_per_vector: figure('ms'),
    hnsw_reference: z.strictObject({
      kind: z.literal('constant'),
      m: z.number().int().positive(),
      ef_construction: z.number().int().positive(),
      dims: z.number().int().positive(),
      description: z.string().min(1),
      source,
    }),
    hnsw_work_exponent: figure('ratio'),
    quantized_build_ratio: z.strictObject({ description: z.string().min(1), int8: ratio, int4: ratio, bbq: ratio }),
    flat_ms_per_vector: figure('ms'),
    ivf_ms_per_vector: figure('ms'),
    graph_merge_multiplier: figure('ratio'),
    nested_document_ms: figure('ms'),
  }),
  document_shape: z.strictObject({
    description: z.string().min(1),
    multi_field_passes: figure('ratio'),
  }),
  inference: z.strictObject({
    description: z.string().min(1),
    threads_per_allocation: figure('threads', ['policy']),
    query_input_ratio: figure('ratio'),
    models: z.strictObject({
      elser: modelRates.extend({ deployment_memory_mib: figure('MiB') }),
      e5: modelRates,
      other: modelRates,
    }),
  }),
});

export type IngestData = z.output<typeof ingestFileSchema>;

let cache: IngestData | undefined;

export function loadIngest(): IngestData {
  cache ??= Object.freeze(readDataFile(join(formulasDir, 'ingest.json'), ingestFileSchema));
  return cache;
}
