/** Loader of formulas/workload-defaults.json: what a workload gets for keys it leaves out. */
import { join } from 'node:path';
import { z } from 'zod';
import { formulasDir } from './paths.js';
import { readDataFile } from './read-data-file.js';

const entry = <T extends z.ZodType>(value: T) =>
  z.strictObject({ value, kind: z.enum(['policy', 'constant']), description: z.string().min(1), source: z.string().min(10) });

const workloadDefaultsFileSchema = z.strictObject({
  format_version: z.literal(1),
  description: z.string(),
  availability_zones: entry(z.union([z.literal(2), z.literal(3)])),
  availability_replicas: entry(z.number().int().min(0)),
  availability_survive_node_loss: entry(z.boolean()),
  snapshot_schedule: entry(z.string().min(1)),
  snapshot_expire_after: entry(z.string().min(1)),
  snapshot_min_count: entry(z.number().int().min(1)),
  snapshot_max_count: entry(z.number().int().min(1)),
});
export type WorkloadDefaults = z.output<typeof workloadDefaultsFileSchema>;

let cached: WorkloadDefaults | undefined;

export function loadWorkloadDefaults(): WorkloadDefaults {
  cached ??= readDataFile(join(formulasDir, 'workload-defaults.json'), workloadDefaultsFileSchema);
  return cached;
}
