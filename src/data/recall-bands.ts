import { join } from 'node:path';
import { z } from 'zod';
import { INDEX_TYPES } from './index-types.js';
import { formulasDir } from './paths.js';
import { readDataFile } from './read-data-file.js';

const source = z.string().min(10);
const recallBandsFileSchema = z.strictObject({
  format_version: z.literal(1),
  description: z.string(),
  bands: z
    .array(
      z.strictObject({
        index_type: z.enum(INDEX_TYPES),
        label: z.string().min(1),
        reaches: z.number().gt(0).max(1).describe('highest recall the type is documented to reach well'),
        source,
      }),
    )
    .min(1),
  not_compared: z.strictObject({ index_types: z.array(z.enum(INDEX_TYPES)), description: z.string(), source }),
  recommendation: z.strictObject({
    default_recall_target: z.number().gt(0).max(1),
    rule: z.string(),
    description: z.string(),
    source,
  }),
});

export type RecallBandsData = z.output<typeof recallBandsFileSchema>;
export type RecallBand = RecallBandsData['bands'][number];

let cached: RecallBandsData | undefined;

/** formulas/recall-bands.json: the expected recall of each index type the wizard compares. */
export function loadRecallBands(): RecallBandsData {
  cached ??= readDataFile(join(formulasDir, 'recall-bands.json'), recallBandsFileSchema);
  return cached;
}
