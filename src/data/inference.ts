/**
 * formulas/inference.json: the inference endpoints semantic_text fields embed with, and which one
 * a field gets when it names none (by version and deployment).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { ELEMENT_TYPES } from './index-types.js';
import { INFERENCE_MODELS } from './ingest.js';
import { formulasDir } from './paths.js';
import { readDataFile } from './read-data-file.js';

const source = z.string().min(10);
const version = z.string().regex(/^\d+\.\d+$/);
const provider = z.enum(['aws', 'azure', 'gcp', 'elastic-cloud', 'physical']);

const endpointSchema = z
  .strictObject({
    id: z.string().regex(/^\.?[a-z0-9][a-z0-9._-]*$/),
    model: z.string().min(1),
    kind: z.enum(['sparse', 'dense']),
    dims: z.number().int().positive().optional(),
    element_type: z.enum(ELEMENT_TYPES).optional(),
    runs_on: z.enum(['ml_nodes', 'eis']),
    /** Which per-allocation rate of formulas/ingest.json inference.models the endpoint is planned with. */
    throughput_model: z.enum(INFERENCE_MODELS),
    since: version,
    /** null: every deployment; else only these providers offer it. */
    providers: z.array(provider).min(1).nullable(),
    source,
  })
  .refine((e) => (e.kind === 'dense') === (e.dims !== undefined && e.element_type !== undefined), {
    message: 'dense endpoints need dims and element_type; sparse ones have neither',
  });

const inferenceFileSchema = z
  .strictObject({
    format_version: z.literal(1),
    description: z.string(),
    semantic_text_since: z.strictObject({ value: version, source }),
    chunking_settings_since: z.strictObject({ value: version, source }),
    dense_defaults: z.strictObject({ bbq_hnsw_since: version, bbq_min_dims: z.number().int().positive(), bfloat16_since: version, source }),
    endpoints: z.array(endpointSchema).min(1),
    semantic_text_default: z
      .array(z.strictObject({ since: version, providers: z.array(provider).min(1).nullable(), inference_id: z.string(), source }))
      .min(1),
  })
  .refine((f) => f.semantic_text_default.every((d) => f.endpoints.some((e) => e.id === d.inference_id)), {
    message: 'every semantic_text_default must name a listed endpoint',
  });

export type InferenceData = z.output<typeof inferenceFileSchema>;
export type InferenceEndpoint = InferenceData['endpoints'][number];

let cached: InferenceData | undefined;

export function loadInference(): InferenceData {
  cached ??= Object.freeze(readDataFile(join(formulasDir, 'inference.json'), inferenceFileSchema));
  return cached;
}
