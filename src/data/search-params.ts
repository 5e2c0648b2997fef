/**
 * Loader of formulas/search-params.json: Elasticsearch's k and num_candidates limits and defaults,
 * the default filter selectivity, and the measured num_candidates-for-recall table.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { formulasDir } from './paths.js';
import { readDataFile } from './read-data-file.js';

const source = z.string().min(10);
const entry = <T extends z.ZodType>(value: T) =>
  z.strictObject({ value, kind: z.enum(['constant', 'assumption', 'policy']), description: z.string().min(1), source });

const row = z.strictObject({ num_candidates: z.number().int().min(1), recall: z.number().gt(0).max(1) });
/** Rows by ascending num_candidates with recall that never falls: the lookup takes the first row reaching a target. */
const rows = z
  .array(row)
  .min(1)
  .superRefine((rs, ctx) => {
    for (let i = 1; i < rs.length; i += 1) {
      if (rs[i]!.num_candidates <= rs[i - 1]!.num_candidates || rs[i]!.recall < rs[i - 1]!.recall) {
        ctx.addIssue({ code: 'custom', path: [i], message: 'rows must rise in num_candidates with recall that never falls' });
      }
    }
  });

const searchParamsFileSchema = z.strictObject({
  format_version: z.literal(1),
  description: z.string(),
  k_default: entry(z.number().int().min(1)),
  num_candidates_limit: entry(z.number().int().min(1)),
  num_candidates_factor: entry(z.number().positive()),
  filtered_selectivity_default: entry(z.number().gt(0).max(1)),
  unfiltered_selectivity: entry(z.literal(1)),
  force_merged_default: entry(z.boolean()),
  recall_table: z.strictObject({
    description: z.string().min(1),
    source,
    k: z.number().int().min(1),
    rule: z.string().min(1),
    rule_source: source,
    rows: z.strictObject({ segmented: rows, force_merged: rows }),
  }),
});

export type SearchParamsData = z.output<typeof searchParamsFileSchema>;
export type RecallRow = z.output<typeof row>;

let cached: SearchParamsData | undefined;

export function loadSearchParams(): SearchParamsData {
  cached ??= readDataFile(join(formulasDir, 'search-params.json'), searchParamsFileSchema);
  return cached;
}
