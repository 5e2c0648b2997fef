/**
 * Masters, ML nodes and Kibana: fixed counts per zone, each on the cheapest eligible instance
 * that meets the role's minimum (and, for ML, holds the model).
 */
import type { CatalogEntry, NodeCeiling, RoleMinimum } from '../data/catalogs.js';
import type { NodeMemoryData, TopologyData } from '../data/node-memory.js';
import type { Tier } from '../model/plan.js';
import { phraseTierNotes, type TierNote } from '../model/tier-notes.js';
import { autoHeapBytes, mlModelCapacityBytes } from '../sizing/node-memory.js';
import { cents, nodeHourlyPrice, type SearchLimits } from './data-tier.js';
import { costItems } from './cost-items.js';
import { bandDistance, underCeiling } from './eligible.js';

const GIB = 1024 ** 3;

export interface SupportPick {
  entry: CatalogEntry;
  price_usd_per_hour: number | null;
}

/** Cheapest entry meeting `accept`; unpriced entries rank after priced ones, smallest first. */
export function cheapestEntry(
  entries: readonly CatalogEntry[],
  accept: (e: CatalogEntry) => boolean,
  limits: SearchLimits,
): SupportPick | undefined {
  let best: SupportPick | undefined;
  for (const entry of entries) {
    if (!accept(entry)) continue;
    const pick = { entry, price_usd_per_hour: nodeHourlyPrice(entry, 0, limits) };
    if (!best || comparePicks(pick, best) < 0) best = pick;
  }
  return best;
}

/** A role's reference band: the floor (reference_floor, else the role's minimum) and its ceiling. */
export interface RoleBand {
  floor: { vcpu: number; memory_gib: number };
  ceiling?: Pick<NodeCeiling, 'vcpu' | 'memory_gib'>;
}

export function roleBand(min: RoleMinimum, memoryFactor = 1): RoleBand {
  const floor = min.reference_floor ?? min;
  return {
    floor: { vcpu: floor.vcpu, memory_gib: floor.memory_gib * memoryFactor },
    ...(min.reference_ceiling ? { ceiling: { vcpu: min.reference_ceiling.vcpu, memory_gib: min.reference_ceiling.memory_gib === null ? null : min.reference_ceiling.memory_gib * memoryFactor } } : {}),
  };
}

export function insideBand(e: Pick<CatalogEntry, 'vcpu' | 'memory_gib'>, band: RoleBand): boolean {
  return e.vcpu >= band.floor.vcpu && e.memory_gib >= band.floor.memory_gib && (!band.ceiling || underCeiling(e, band.ceiling));
}

/**
 * The cheapest accepted entry inside the band; when none is, the accepted entries nearest the
 * band (bandDistance), cheapest first, with `outside: true`.
 */
export function cheapestInBand(
  entries: readonly CatalogEntry[],
  accept: (e: CatalogEntry) => boolean,
  band: RoleBand,
  limits: SearchLimits,
): (SupportPick & { outside: boolean }) | undefined {
  const inside = cheapestEntry(entries, (e) => accept(e) && insideBand(e, band), limits);
  if (inside) return { ...inside, outside: false };
  const accepted = entries.filter(accept);
  if (accepted.length === 0) return undefined;
  const nearest = Math.min(...accepted.map((e) => bandDistance(e, band.floor, band.ceiling)));
  const pick = cheapestEntry(accepted, (e) => bandDistance(e, band.floor, band.ceiling) <= nearest + 1e-9, limits);
  return pick ? { ...pick, outside: true } : undefined;
}

function comparePicks(a: SupportPick, b: SupportPick): number {
  if (a.price_usd_per_hour !== null && b.price_usd_per_hour !== null) {
    return a.price_usd_per_hour - b.price_usd_per_hour || a.entry.memory_gib - b.entry.memory_gib || a.entry.id.localeCompare(b.entry.id);
  }
  if (a.price_usd_per_hour !== null) return -1;
  if (b.price_usd_per_hour !== null) return 1;
  return a.entry.memory_gib - b.entry.memory_gib || a.entry.vcpu - b.entry.vcpu || a.entry.id.localeCompare(b.entry.id);
}

export function meetsMinimum(e: CatalogEntry, min: RoleMinimum, memoryFactor = 1): boolean {
  return e.vcpu >= min.vcpu && e.memory_gib >= min.memory_gib * memoryFactor;
}

/** Memory factor for dedicated masters by Elasticsearch node count (formulas/topology.json policy). */
export function masterMemoryFactor(esNodes: number, rules: TopologyData): number {
  const step = rules.master_memory_by_cluster_nodes.steps.find((s) => esNodes <= s.up_to_nodes);
  return step?.memory_factor ?? rules.master_memory_by_cluster_nodes.steps.at(-1)?.memory_factor ?? 1;
}

export function supportTier(
  role: Tier['role'],
  pick: SupportPick,
  nodesPerZone: number[],
  model: NodeMemoryData,
  hoursPerMonth: number,
  note: TierNote,
): Tier {
  const nodes = nodesPerZone.reduce((a, b) => a + b, 0);
  const e = pick.entry;
  const price = pick.price_usd_per_hour;
  const heapRole = role === 'master' ? 'master' : role === 'ml' ? 'ml' : undefined;
  return {
    role,
    provider: e.provider,
    instance_type: e.instance_type,
    nodes,
    nodes_per_zone: nodesPerZone,
    vcpu: e.vcpu,
    memory_gib: e.memory_gib,
    disk_gb: e.local_disk_gb,
    disk_kind: e.local_disk_kind === 'nvme' ? 'local-nvme' : e.local_disk_kind === 'ssd' ? 'local-ssd' : e.local_disk_kind === 'none' ? 'none' : 'attached',
    ...(heapRole ? { heap_bytes: autoHeapBytes(Math.round(e.memory_gib * GIB), heapRole, model) } : {}),
    price_usd_per_hour: price,
    monthly_usd_per_node: price === null ? null : cents(price * hoursPerMonth),
    monthly_usd: price === null ? null : cents(price * hoursPerMonth * nodes),
    cost_items: costItems({ entry: e, instanceUsdPerHour: price, nodes, hoursPerMonth }),
    note: phraseTierNotes([note]),
    notes: [note],
  };
}

export function mlFits(e: CatalogEntry, modelBytes: number, model: NodeMemoryData): boolean {
  return mlModelCapacityBytes(e.memory_gib, model) >= modelBytes;
}
