/** Loader of formulas/throughput.json: the search thread pool, target utilisation and the lexical-only per-shard time. */
import { join } from 'node:path';
import { z } from 'zod';
import { parseExpr, variablesOf, type Expr } from '../sizing/expr.js';
import { formulasDir } from './paths.js';
import { readDataFile } from './read-data-file.js';

const source = z.string().min(10);

const serviceTime = z.strictObject({
  kind: z.literal('assumption'),
  value: z.number().positive().max(60_000),
  unit: z.literal('ms'),
  description: z.string().min(1),
  source,
});

/** Index-type structures (formulas/index-types.json `structure`) plus `none` for workloads without vectors. */
export const QUERY_FAMILIES = ['hnsw', 'ivf', 'flat', 'none'] as const;
export type QueryFamily = (typeof QUERY_FAMILIES)[number];

const throughputFileSchema = z.strictObject({
  format_version: z.literal(1),
  description: z.string(),
  search_pool_size: z
    .strictObject({
      kind: z.literal('constant'),
      expression: z.string().min(1),
      description: z.string(),
      allocated_processors: z.string(),
      source,
    })
    .superRefine((p, ctx) => {
      try {
        const vars = variablesOf(parseExpr(p.expression));
        if (vars.length !== 1 || vars[0] !== 'allocated_processors') {
          ctx.addIssue({ code: 'custom', path: ['expression'], message: 'must use exactly one input, allocated_processors' });
        }
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: ['expression'], message: (err as Error).message });
      }
    }),
  busy_threads_per_processor: z.strictObject({ kind: z.literal('policy'), value: z.number().positive().max(16), description: z.string(), source }),
  shard_queries_per_search: z.strictObject({ kind: z.literal('constant'), description: z.string(), source }),
  target_utilisation: z.strictObject({ kind: z.literal('policy'), value: z.number().gt(0).max(1), description: z.string(), source }),
  serve_peak_with_zone_lost: z.strictObject({ kind: z.literal('policy'), value: z.boolean(), description: z.string(), source }),
  more_replicas_max_extra: z.strictObject({ kind: z.literal('policy'), value: z.number().int().min(0).max(10), description: z.string(), source }),
  more_replicas_max_extra_cost_ratio: z.strictObject({ kind: z.literal('policy'), value: z.number().min(0).max(10), description: z.string(), source }),
  shard_query_ms: z.strictObject({
    description: z.string(),
    none: serviceTime,
  }),
});

export type ThroughputData = z.output<typeof throughputFileSchema> & { pool_expr: Expr };

let cache: ThroughputData | undefined;

export function loadThroughput(): ThroughputData {
  if (!cache) {
    const file = readDataFile(join(formulasDir, 'throughput.json'), throughputFileSchema);
    cache = Object.freeze({ ...file, pool_expr: parseExpr(file.search_pool_size.expression) });
  }
  return cache;
}
