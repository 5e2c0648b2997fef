import type { Capacity, CostItem, Plan } from '../../model/plan.js';
import { phraseTierNotes } from '../../model/tier-notes.js';
import { formatBytes, formatCount, formatUsd } from './units.js';
import { diskBbqBandNote } from './disk-bbq-band.js';
import { displayText } from '../../model/display-text.js';

/** The rows every people-facing renderer shows, so table and Markdown say the same things. */
export interface PlanRows {
  title: string;
  tierHeader: string[];
  tiers: string[][];
  costHeader: string[];
  /** The monthly cost by item per tier (instance, bundled disk, Local SSD, attached volume); empty for plans without cost_items. */
  costs: string[][];
  /** `role: note` for tiers that carry one (placement facts such as master eligibility). */
  notes: string[];
  sizing: [string, string][];
  vectorHeader: string[];
  vectors: string[][];
  /** One line per bbq_disk field: what each end of its RAM band means and which share the plan budgets. */
  vectorNotes: string[];
  /** With --calibration: one line naming the file, its cluster and date, and how many fields it sized. */
  calibration?: string;
  fieldHeader: string[];
  /** text, keyword, sparse_vector and semantic_text fields of every index. */
  fields: string[][];
  shards: [string, string][];
  /** What the data tier carries (search QPS, latency, RAM and disk headroom); empty without capacity. */
  capacity: [string, string][];
  total: string;
}

const COST_LABELS: Record<CostItem['component'], string> = { instance: 'instance', local_disk: 'local disk', local_ssd: 'Local SSD', attached_storage: 'volume' };
const UNIT_SHORT: Record<string, string> = { hour: 'h', 'disk-hour': 'disk-h', 'GiB-month': 'GiB-month', GB: 'GB' };

/** `instance: 730 h x $1.56768`, `local disk: 1,900 GB, included`, `Local SSD: 1,460 disk-h x $0.041096`. */
function costItemText(c: CostItem): string {
  const quantity = `${formatCount(c.quantity_per_node)} ${UNIT_SHORT[c.unit] ?? c.unit}`;
  const price = c.unit_price_usd === null ? ', price unknown' : c.unit_price_usd === 0 ? ', included' : ` x $${c.unit_price_usd}`;
  return `${COST_LABELS[c.component]}: ${quantity}${price}`;
}

export function planRows(plan: Plan): PlanRows {
  const w = plan.workload as { name?: string; deployment?: { provider?: string; region?: string } };
  const provider = w.deployment?.provider ?? '';
  const region = w.deployment?.region ? ` ${w.deployment.region}` : '';
  return {
    title: `${w.name ?? 'workload'}: ${provider}${region}, ${plan.zones} zone${plan.zones === 1 ? '' : 's'}`,
    tierHeader: ['role', 'instance type', 'nodes', 'per zone', 'vCPU', 'memory', 'disk', 'per node / month', 'tier / month'],
    tiers: plan.tiers.map((t) => [
      t.role,
      t.instance_type,
      String(t.nodes),
      perZone(t.nodes_per_zone, plan.zones),
      String(t.vcpu),
      `${t.memory_gib} GiB`,
      t.disk_gb > 0 ? `${formatCount(t.disk_gb)} GB ${t.disk_kind}` : 'none',
      formatUsd(t.monthly_usd_per_node),
      formatUsd(t.monthly_usd),
    ]),
    costHeader: ['role', 'cost item', 'per node / month', 'tier / month'],
    costs: plan.tiers.flatMap((t) => (t.cost_items ?? []).map((c) => [t.role, costItemText(c), formatUsd(c.monthly_usd_per_node), formatUsd(c.monthly_usd)])),
    notes: plan.tiers.flatMap((t) => {
      const text = t.notes?.length ? phraseTierNotes(t.notes) : t.note;
      return text ? [`${t.role}: ${text}`] : [];
    }),
    sizing: [
      ['documents at horizon', `${formatCount(plan.sizing.documents)} (${horizonText(plan)})`],
      ['vector RAM, one copy', formatBytes(plan.sizing.vector_ram_bytes)],
      ...(plan.sizing.postings_ram_bytes !== undefined
        ? ([
            ['postings RAM, one copy', formatBytes(plan.sizing.postings_ram_bytes)],
            ['vector and postings RAM, all copies', formatBytes(plan.sizing.total_ram_bytes)],
          ] as [string, string][])
        : ([['vector RAM, all copies', formatBytes(plan.sizing.total_ram_bytes)]] as [string, string][])),
      ['_source and other fields, one copy', formatBytes(plan.sizing.source_bytes)],
      ['disk, one copy', formatBytes(plan.sizing.primary_disk_bytes)],
      ['disk, all copies', formatBytes(plan.sizing.total_disk_bytes)],
      ['constants', plan.sizing.constants],
    ],
    vectorHeader: ['field', 'index type', 'element', 'dims', 'vectors', 'RAM (one copy)', 'disk (one copy)'],
    vectors: plan.sizing.vectors.map((v) => [
      v.index ? `${v.index}/${v.field}` : v.field,
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
    ...(plan.calibration ? { calibration: calibrationLine(plan.calibration) } : {}),
    fieldHeader: ['field', 'kind', 'what is sized', 'RAM (one copy)', 'disk (one copy)'],
    fields: plan.indices.flatMap((ix) => otherFieldRows(ix.sizing, plan.indices.length > 1 ? `${ix.name}/` : '')),
    shards: plan.shards
      ? [
          ['primaries', String(plan.shards.primaries)],
          ['replicas', String(plan.shards.replicas)],
          ['routing shards', `${plan.shards.routing_shards}${plan.shards.split_factors.length ? ` (split by ${plan.shards.split_factors.join(', ')})` : ''}`],
          ['shard size at horizon', formatBytes(plan.shards.shard_bytes)],
          ['docs per shard at horizon', formatCount(plan.shards.docs_per_shard)],
        ]
      : plan.indices.map((ix) => [
          ix.name,
          `${ix.shards.primaries} primaries x ${ix.shards.replicas + 1} copies, ${formatBytes(ix.shards.shard_bytes)} and ${formatCount(ix.shards.docs_per_shard)} docs per shard, ${formatBytes(ix.sizing.primary_disk_bytes)} one copy`,
        ]),
    capacity: plan.capacity ? [...capacityRows(plan.capacity), ...nodeLossRows(plan)] : [],
    total: `${formatUsd(plan.monthly_usd)} per month${plan.price_date ? ` (prices as of ${plan.price_date})` : ''}`,
  };
}

/** `vector sizes of 1 field calibrated from cal.json (cluster prod-vectors, 2026-11-30); 1 field by the model`. */
function calibrationLine(c: NonNullable<Plan['calibration']>): string {
  const fields = (n: number) => `${n} field${n === 1 ? '' : 's'}`;
  const date = /^\d{4}-\d{2}-\d{2}/.exec(c.created)?.[0] ?? c.created;
  const rest = c.unmatched_fields.length ? `; ${fields(c.unmatched_fields.length)} sized by the model (no entry)` : '';
  return `vector sizes of ${fields(c.applied.length)} calibrated from ${displayText(c.file)} (cluster ${displayText(c.cluster.name)}, ${displayText(date)})${rest}`;
}

/**
 * Nodes per zone. A two-zone plan's master tier has a third entry: the tiebreaker's independent
 * third location, which is not a zone of the plan, so it is named rather than shown as "0 / 0 / 1".
 */
export function perZone(counts: readonly number[], zones: number): string {
  if (counts.length <= zones) return counts.join(' / ');
  const inZones = counts.slice(0, zones);
  const extra = counts.slice(zones).reduce((a, b) => a + b, 0);
  const third = `${extra} in a third location`;
  return inZones.every((n) => n === 0) ? third : `${inZones.join(' / ')} + ${third}`;
}

/** The horizon in months, or that no growth is planned (a 12-month horizon at 0% growth is just today's corpus). */
function horizonText(plan: Plan): string {
  // Plans written before growth_factor existed say only the months.
  if (plan.sizing.growth_factor !== undefined && plan.sizing.growth_factor <= 1) return 'no growth planned';
  return `${plan.sizing.horizon_months} month${plan.sizing.horizon_months === 1 ? '' : 's'}`;
}

function capacityRows(c: Capacity): [string, string][] {
  const s = c.search;
  const how = s.shard_query_ms_basis === 'measured' ? 'measured' : s.shard_query_ms_basis === 'assumption' ? 'assumed, lexical' : `k ${s.k}, num_candidates ${s.num_candidates}, ${round1(s.segments_per_shard)} seg.`;
  const peak = s.peak_qps === null || s.peak_share_of_max === null ? '' : `; peak ${Math.round(s.peak_share_of_max * 100)}%`;
  return [
    ['QPS at saturation', `${formatCount(s.saturation_qps)} (all threads, all copies busy)`],
    ['QPS at max peak', `${formatCount(s.max_peak_qps)} (${Math.round(s.target_utilisation * 100)}% threads${s.zone_loss_policy ? ', zone lost' : ''})${peak}`],
    ['shard query', `${formatMs(s.shard_query_ms)} (${how})`],
    ['one query, idle', formatMs(s.latency_ms)],
    ['vector cache', `${headroom(c.ram)}${months(c.ram.months_until_full)}`],
    ['disk to watermark', `${headroom(c.disk)}${months(c.disk.months_until_low_watermark)}`],
  ];
}

/** The data tier after one data node is lost (its zone's other nodes take its shards). */
function nodeLossRows(plan: Plan): [string, string][] {
  const data = plan.tiers.find((t) => t.role === 'data');
  if (!data) return [];
  const l = data.node_loss;
  if (!l) return [['one data node lost', data.nodes === 1 ? 'the only data node: the cluster stops' : 'one data node per zone: a node loss is a zone loss']];
  const disk = `${formatBytes(l.fullest_node_disk_bytes)} / ${formatBytes(data.usable_disk_bytes ?? 0)} disk`;
  const ram = `${formatBytes(l.fullest_node_vector_bytes)} / ${formatBytes(data.vector_cache_bytes ?? 0)} vectors`;
  return [['one data node lost', `${l.survives ? '' : 'SHORT: '}fullest of ${l.surviving_nodes_in_zone} left in its zone holds ${disk}, ${ram}`]];
}

function headroom(h: Capacity['ram']): string {
  return `${formatBytes(h.needed_bytes)} / ${formatBytes(h.available_bytes)}, ${h.fits ? `${Math.round(h.headroom_ratio * 100)}% free` : 'SHORT'}`;
}

function months(m: number | null | undefined): string {
  if (m === null || m === undefined) return '';
  return m === 0 ? ', full now' : `, full in ${m} mo`;
}

/** Milliseconds for people: one decimal from 10 ms, two below (the JSON keeps three). */
function formatMs(ms: number): string {
  return `${ms >= 10 ? ms.toFixed(1) : ms.toFixed(2)} ms`;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** One row per text, keyword, sparse_vector and semantic_text field: what its figures count. */
function otherFieldRows(s: Plan['sizing'], prefix: string): string[][] {
  return [
    ...(s.text_fields ?? []).map((f) => [
      prefix + f.field,
      'text',
      `${f.analyzer}, ${formatCount(Math.round(f.text_bytes_per_document))} B/doc${f.multi_fields.length ? ` + ${f.multi_fields.map((m) => m.kind).join(', ')}` : ''}`,
      formatBytes(f.ram_bytes),
      formatBytes(f.disk_bytes),
    ]),
    ...(s.keyword_fields ?? []).map((f) => [prefix + f.field, 'keyword', `${formatCount(f.value_count)} values`, formatBytes(f.ram_bytes), formatBytes(f.disk_bytes)]),
    ...(s.sparse_vectors ?? []).map((f) => [prefix + f.field, 'sparse_vector', `${formatCount(f.token_count)} tokens`, formatBytes(f.ram_bytes), formatBytes(f.disk_bytes)]),
    ...(s.semantic_text ?? []).map((f) => [
      prefix + f.field,
      'semantic_text',
      `${f.inference_id} (${f.kind}${f.dims ? `, ${f.dims} dims` : ''}), ${f.chunks_per_document} chunks/doc, ${formatCount(f.chunk_count)} chunks`,
      formatBytes(f.ram_bytes),
      formatBytes(f.disk_bytes),
    ]),
  ];
}
