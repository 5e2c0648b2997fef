/** Loader of formulas/node-memory.json and formulas/topology.json: the node memory model and placement rules. */
import { join } from 'node:path';
import { z } from 'zod';
import { formulasDir } from './paths.js';
import { readDataFile } from './read-data-file.js';

const source = z.string().min(10);
const ratio = z.number().min(0).max(1);
const policyValue = z.strictObject({ value: ratio, kind: z.enum(['policy', 'constant']), description: z.string(), source });

const nodeMemoryFileSchema = z.strictObject({
  format_version: z.literal(1),
  description: z.string(),
  heap: z.strictObject({
    description: z.string(),
    max_bytes: z.number().int().positive(),
    min_bytes: z.number().int().positive(),
    data: z.strictObject({ small_below_bytes: z.number().int().positive(), below_1gb_ratio: ratio, ratio }),
    master: z.strictObject({ ratio }),
    ml: z.strictObject({ split_bytes: z.number().int().positive(), first_16gb_ratio: ratio, above_16gb_ratio: ratio, round_down_mib: z.number().int().positive() }),
    source,
  }),
  os_reserve_ratio: policyValue,
  ram_headroom_ratio: policyValue,
  disk_watermark_low: z.strictObject({ ratio, max_headroom_bytes: z.number().int().nonnegative(), description: z.string(), source }),
  ml_native_memory_ratio: policyValue,
});
export type NodeMemoryData = z.output<typeof nodeMemoryFileSchema>;

const perZoneCounts = z.array(z.number().int().nonnegative()).min(1);
const sourced = <T extends z.ZodType>(value: T) =>
  z.strictObject({ value, kind: z.enum(['policy', 'constant']).optional(), description: z.string().optional(), source });

export const topologyFileSchema = z.strictObject({
  format_version: z.literal(1),
  description: z.string(),
  hours_per_month: sourced(z.number().positive()),
  dedicated_masters_from_nodes: sourced(z.number().int().positive()),
  master_count: sourced(z.number().int().positive()),
  two_zone_tiebreaker: z.strictObject({ description: z.string(), source }),
  master_layout: z.strictObject({
    kind: z.literal('constant'),
    description: z.string(),
    dedicated: z.strictObject({ '1': perZoneCounts, '2': perZoneCounts, '3': perZoneCounts }),
    tiebreaker_only: z.strictObject({ '2': perZoneCounts }),
    source,
  }),
  ml_nodes_per_zone: sourced(z.number().int().positive()),
  kibana_nodes_per_zone: sourced(z.number().int().positive()),
  master_memory_by_cluster_nodes: z.strictObject({
    kind: z.literal('policy'),
    description: z.string(),
    steps: z.array(z.strictObject({ up_to_nodes: z.number().int().positive(), memory_factor: z.number().positive() })).min(1),
    source,
  }),
  ml_default_model_memory_gib: sourced(z.number().positive()),
  zone_loss: z.strictObject({ description: z.string(), source }),
  max_shards_per_node: sourced(z.number().int().positive()),
  max_data_nodes: sourced(z.number().int().positive()),
  diskbbq_recall_ceiling: sourced(ratio),
  bbq_flat_filter_vectors: sourced(z.number().int().positive()),
  hnsw_ram_saving_warn_ratio: sourced(ratio),
  node_loss: z.strictObject({ description: z.string(), source }),
  disk_merge_reserve_ratio: policyValue,
  disk_growth_margin_ratio: policyValue,
  cost_tie_margin_ratio: policyValue,
  tiebreaker_minimum: z.strictObject({ vcpu: z.number().nonnegative(), memory_gib: z.number().nonnegative(), kind: z.literal('policy'), description: z.string(), source }),
}).superRefine((d, ctx) => {
  // A layout covers every zone of its plan, and a dedicated one holds exactly master_count nodes.
  for (const [zones, layout] of [...Object.entries(d.master_layout.dedicated), ...Object.entries(d.master_layout.tiebreaker_only)]) {
    if (layout.length < Number(zones)) ctx.addIssue({ code: 'custom', path: ['master_layout', zones], message: `lists ${layout.length} zones for a ${zones}-zone plan` });
  }
  for (const [zones, layout] of Object.entries(d.master_layout.dedicated)) {
    const n = layout.reduce((a, b) => a + b, 0);
    if (n !== d.master_count.value) ctx.addIssue({ code: 'custom', path: ['master_layout', 'dedicated', zones], message: `holds ${n} masters, not master_count (${d.master_count.value})` });
  }
});
export type TopologyData = z.output<typeof topologyFileSchema>;

let memoryCache: NodeMemoryData | undefined;
let topologyCache: TopologyData | undefined;

export function loadNodeMemory(): NodeMemoryData {
  memoryCache ??= readDataFile(join(formulasDir, 'node-memory.json'), nodeMemoryFileSchema);
  return memoryCache;
}

export function loadTopologyRules(): TopologyData {
  topologyCache ??= readDataFile(join(formulasDir, 'topology.json'), topologyFileSchema);
  return topologyCache;
}
