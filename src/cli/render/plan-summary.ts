import type { Plan } from '../../model/plan.js';
import { formatBytes, formatCount, formatUsd } from './units.js';
import { diskBbqBandNote } from './disk-bbq-band.js';

/** The rows every people-facing renderer shows, so table and Markdown say the same things. */
export interface PlanRows {
  title: string;
  tierHeader: string[];
  tiers: string[][];
  /** `role: note` for tiers that carry one (placement facts such as master eligibility). */
  notes: string[];
  sizing: [string, string][];
  vectorHeader: string[];
  vectors: string[][];
  /** One line per bbq_disk field: what each end of its RAM band means and which share the plan budgets. */
  vectorNotes: string[];
  shards: [string, string][];
  total: string;
}

export function planRows(plan: Plan): PlanRows {
  const w = plan.workload as { name?: string; deployment?: { provider?: string; region?: string } };
  const provider = w.deployment?.provider ?? '';
  const region = w.deployment?.region ? ` ${w.deployment.region}` : '';
  return {
    title: `${w.name ?? 'workload'}: ${provider}${region}, ${plan.zones} zones`,
    tierHeader: ['role', 'instance type', 'nodes', 'per zone', 'vCPU', 'memory', 'disk', 'per node / month', 'tier / month'],
    tiers: plan.tiers.map((t) => [
      t.role,
      t.instance_type,
      String(t.nodes),
      t.nodes_per_zone.join(' / '),
      String(t.vcpu),
      `${t.memory_gib} GiB`,
      t.disk_gb > 0 ? `${formatCount(t.disk_gb)} GB ${t.disk_kind}` : 'none',
      formatUsd(t.monthly_usd_per_node),
      formatUsd(t.monthly_usd),
    ]),
    notes: plan.tiers.filter((t) => t.note).map((t) => `${t.role}: ${t.note}`),
    sizing: [
      ['documents at horizon', `${formatCount(plan.sizing.documents)} (${plan.sizing.horizon_months} months)`],
      ['vector RAM, one copy', formatBytes(plan.sizing.vector_ram_bytes)],
      ['vector RAM, all copies', formatBytes(plan.sizing.total_ram_bytes)],
      ['_source and other fields, one copy', formatBytes(plan.sizing.source_bytes)],
      ['disk, one copy', formatBytes(plan.sizing.primary_disk_bytes)],
      ['disk, all copies', formatBytes(plan.sizing.total_disk_bytes)],
      ['constants', plan.sizing.constants],
    ],
    vectorHeader: ['field', 'index type', 'element', 'dims', 'vectors', 'RAM (one copy)', 'disk (one copy)'],
    vectors: plan.sizing.vectors.map((v) => [
      v.field,
      v.index_type,
      v.element_type,
      String(v.dims),
      formatCount(v.vector_count),
      v.ram_band
        ? `${formatBytes(v.ram_bytes)} (${formatBytes(v.ram_band.low_bytes)}–${formatBytes(v.ram_band.high_bytes)})`
        : formatBytes(v.ram_bytes),
      formatBytes(v.disk_bytes),
    ]),
    vectorNotes: plan.sizing.vectors.flatMap((v) => (v.ram_band ? [diskBbqBandNote(plan, v)] : [])),
    shards: [
      ['primaries', String(plan.shards.primaries)],
      ['replicas', String(plan.shards.replicas)],
      ['routing shards', `${plan.shards.routing_shards}${plan.shards.split_factors.length ? ` (split by ${plan.shards.split_factors.join(', ')})` : ''}`],
      ['shard size at horizon', formatBytes(plan.shards.shard_bytes)],
      ['docs per shard at horizon', formatCount(plan.shards.docs_per_shard)],
    ],
    total: `${formatUsd(plan.monthly_usd)} per month${plan.price_date ? ` (prices as of ${plan.price_date})` : ''}`,
  };
}
