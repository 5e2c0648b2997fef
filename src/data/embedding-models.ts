import { join } from 'node:path';
import { z } from 'zod';
import { ELEMENT_TYPES } from './index-types.js';
import { formulasDir } from './paths.js';
import { readDataFile } from './read-data-file.js';

const source = z.string().min(10);
const embeddingModelsFileSchema = z
  .strictObject({
    format_version: z.literal(1),
    description: z.string(),
    default_model: z.strictObject({ value: z.string(), source }),
    models: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z0-9._-]+$/),
          name: z.string().min(1),
          dims: z.number().int().positive(),
          element_type: z.enum(ELEMENT_TYPES),
          source,
        }),
      )
      .min(1),
  })
  .refine((f) => f.models.some((m) => m.id === f.default_model.value), { message: 'default_model must name a listed model' });

export type EmbeddingModelsData = z.output<typeof embeddingModelsFileSchema>;
export type EmbeddingModel = EmbeddingModelsData['models'][number];

let cached: EmbeddingModelsData | undefined;

/** formulas/embedding-models.json: the models the wizard offers, with their default dims. */
export function loadEmbeddingModels(): EmbeddingModelsData {
  cached ??= readDataFile(join(formulasDir, 'embedding-models.json'), embeddingModelsFileSchema);
  return cached;
}
