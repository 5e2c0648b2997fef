/**
 * A baseline for `recommend --baseline OLD.json`: the plan a pull request is compared with. It was
 * written by some esplan version, maybe an older or newer one than this, so it is read leniently:
 * only the keys the diff needs are checked, unknown keys are ignored, and keys added after the
 * first plan format (indices[], per-tier figures) are optional. A document of another format
 * version, or one missing a key the diff needs, is refused with the key named.
 */
import { z } from 'zod';
import { ROLES } from './plan-roles.js';

const count = z.number().int().nonnegative();
const bytes = z.number().int().nonnegative();

const baselineShardsSchema = z.object({
  primaries: z.number().int().positive(),
  replicas: count,
  routing_shards: z.number().int().positive(),
});

export const baselineTierSchema = z.object({
  role: z.enum(ROLES),
  provider: z.string().optional(),
  instance_type: z.string(),
  nodes: count,
  nodes_per_zone: z.array(count),
  monthly_usd: z.number().nonnegative().nullable().optional(),
});

export const baselineSchema = z.object({
  format_version: z.literal(1, { error: 'must be 1: this esplan reads plans of format_version 1' }),
  esplan_version: z.string(),
  workload: z.object({ name: z.string().optional() }).loose(),
  sizing: z.object({
    vector_ram_bytes: bytes,
    total_ram_bytes: bytes,
    primary_disk_bytes: bytes,
    total_disk_bytes: bytes,
  }),
  shards: baselineShardsSchema.optional(),
  indices: z.array(z.object({ name: z.string(), shards: baselineShardsSchema })).optional(),
  zones: z.number().int().min(1).max(3),
  tiers: z.array(baselineTierSchema),
  monthly_usd: z.number().nonnegative().nullable(),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type Baseline = z.output<typeof baselineSchema>;
export type BaselineTier = z.output<typeof baselineTierSchema>;
export type BaselineShards = z.output<typeof baselineShardsSchema>;

/** The index layouts of a baseline: indices[] when it has them, else the single-index shards. */
export function baselineIndices(b: Baseline): { name: string; shards: BaselineShards }[] {
  if (b.indices && b.indices.length > 0) return b.indices;
  // The normalized single-index workload names its index (index.name, defaulted from the workload name).
  const index = (b.workload as { index?: { name?: unknown } }).index;
  const name = typeof index?.name === 'string' ? index.name : (b.workload.name ?? 'index');
  return b.shards ? [{ name, shards: b.shards }] : [];
}
