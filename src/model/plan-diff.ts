/**
 * `plan.diff`: what changed against a baseline plan (`recommend --baseline OLD.json`). Its keys
 * are a contract CI scripts read (issue 15): monthly_usd, tiers, vector RAM, disk, primaries,
 * routing shards, warnings added and removed. Figures are after minus before.
 */
import { z } from 'zod';
import { ROLES } from './plan-roles.js';

const change = (value: z.ZodType<number>) =>
  z.strictObject({
    before: value.nullable(),
    after: value.nullable(),
    delta: value.nullable().describe('after - before; null when either side is unknown (no price)'),
  });
const intChange = change(z.number().int());
const usdChange = change(z.number());

const tierSide = z.strictObject({
  provider: z.string().optional(),
  instance_type: z.string(),
  nodes: z.number().int().nonnegative(),
  nodes_per_zone: z.array(z.number().int().nonnegative()),
  monthly_usd: z.number().nonnegative().nullable(),
});

const shardSide = z.strictObject({
  primaries: z.number().int().positive(),
  replicas: z.number().int().nonnegative(),
  routing_shards: z.number().int().positive(),
});

const warningEntry = z.strictObject({ code: z.string(), message: z.string() });

export const planDiffSchema = z.strictObject({
  baseline: z.strictObject({
    file: z.string().describe('the --baseline file as given'),
    esplan_version: z.string().describe('the esplan version that wrote the baseline'),
    workload_name: z.string().nullable(),
    same_version: z.boolean().describe('false when another esplan version wrote it: part of a change may come from the model, not the workload'),
  }),
  changed: z.boolean().describe('anything below differs'),
  monthly_usd: usdChange,
  tiers: z.array(z.strictObject({
    role: z.enum(ROLES),
    before: tierSide.nullable().describe('null: the baseline has no such tier'),
    after: tierSide.nullable().describe('null: the new plan has no such tier'),
    changed: z.boolean(),
  })).describe('one entry per role in either plan'),
  zones: intChange,
  vector_ram_bytes: intChange.describe('vector off-heap RAM, one copy (sizing.vector_ram_bytes)'),
  total_ram_bytes: intChange.describe('vector and postings RAM, all copies (sizing.total_ram_bytes)'),
  primary_disk_bytes: intChange.describe('disk, one copy (sizing.primary_disk_bytes)'),
  total_disk_bytes: intChange.describe('disk, all copies (sizing.total_disk_bytes)'),
  primaries: intChange.describe('primary shards, all indices'),
  routing_shards: intChange.describe('routing shards, all indices summed'),
  indices: z.array(z.strictObject({
    name: z.string(),
    before: shardSide.nullable(),
    after: shardSide.nullable(),
    changed: z.boolean(),
  })).describe('shard layout per index, by name'),
  warnings: z.strictObject({
    added: z.array(warningEntry).describe('warnings of the new plan whose code the baseline does not have'),
    removed: z.array(warningEntry).describe('warnings of the baseline whose code the new plan does not have'),
  }).describe('matched by code: a warning whose figures moved is neither added nor removed'),
});
export type PlanDiff = z.output<typeof planDiffSchema>;
export type FigureChange = z.output<typeof intChange>;
