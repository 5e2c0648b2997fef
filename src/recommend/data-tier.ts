/**
 * The data-tier search: for every eligible instance type, the cheapest zone-balanced node count
 * whose page cache holds every copy's vector RAM, whose disks hold every copy below the low
 * watermark and, when the workload gives a peak query rate, whose search thread pools carry it.
 * Exhaustive over the catalog; within one type it walks node counts upward and stops only when
 * the instance price alone of more nodes can no longer beat the best found.
 */
import type { ThroughputData } from '../data/throughput.js';
import type { AttachedStorage, CatalogEntry } from '../data/catalogs.js';
import type { NodeMemoryData } from '../data/node-memory.js';
import { nodeCapacity, type NodeCapacity, type NodePolicy } from '../sizing/node-memory.js';
import { nodeSearchThreads, nodeThreadsNeeded, type SearchLoad } from './search-load.js';
import { chooseStorage, dataDiskExclusion, type StorageChoice } from './storage-options.js';

export interface DataDemand {
  /** Vector off-heap RAM of all copies. */
  total_ram_bytes: number;
  /** Everything on disk, all copies, at the horizon. */
  total_disk_bytes: number;
  total_shards: number;
  copies: number;
  zones: number;
  /** Peak query load; absent when the workload gives no search.peak_qps. */
  search?: SearchLoad;
}

export interface SearchLimits {
  maxShardsPerNode: number;
  maxNodes: number;
  hoursPerMonth: number;
  /** formulas/throughput.json: the search threads a node offers. */
  throughput: ThroughputData;
  /** Elastic Cloud: the user's price per GB of RAM per hour. */
  pricePerGbRamHour?: number;
}

export interface DataFit {
  entry: CatalogEntry;
  nodes: number;
  nodes_per_zone: number[];
  /** Shards on the fullest node. */
  shards_per_node: number;
  capacity: NodeCapacity;
  storage: StorageChoice;
  ram_need_per_node_bytes: number;
  disk_need_per_node_bytes: number;
  /** With a search load: threads the fullest node keeps busy at peak, and threads one node offers at the target utilisation. */
  search_threads_needed_per_node?: number;
  search_threads_available_per_node?: number;
  price_usd_per_hour: number | null;
  monthly_usd_per_node: number | null;
  monthly_usd: number | null;
  /** This data tier plus the support tiers it implies (masters, ML, Kibana), per hour; null if unpriced. */
  plan_usd_per_hour: number | null;
  plan_monthly_usd: number | null;
  /** The constraint that sets the node count. */
  limited_by: 'vector RAM' | 'disk' | 'shards per node' | 'search CPU' | 'zones and copies' | 'price' | 'the evaluated topology (--data)';
}

/** Monthly cost of the support tiers a data tier of `nodes` nodes on `entry` implies; null when unpriced. */
export type SupportCost = (entry: CatalogEntry, nodes: number) => number | null;

export interface Exclusion {
  entry: CatalogEntry;
  reason: string;
}

export interface DataSearchResult {
  /** Best fit per instance type, best first. */
  fits: DataFit[];
  excluded: Exclusion[];
}

/**
 * Shards on the fullest node when n nodes are split evenly over the zones and allocation
 * awareness spreads the shards evenly over the zones first.
 */
export function shardsOnFullestNode(totalShards: number, nodes: number, zones: number): number {
  const perZone = Math.ceil(totalShards / zones);
  return Math.ceil(perZone / (nodes / zones));
}

/** Hourly price of one node (storage included), or null when the catalog has no price. */
export function nodeHourlyPrice(entry: CatalogEntry, storageUsdPerHour: number, limits: SearchLimits): number | null {
  if (entry.price_usd_per_hour !== null) return entry.price_usd_per_hour + storageUsdPerHour;
  if (entry.provider === 'elastic-cloud' && limits.pricePerGbRamHour !== undefined) {
    return entry.memory_gib * limits.pricePerGbRamHour + storageUsdPerHour;
  }
  return null;
}

export function searchDataTier(
  entries: readonly CatalogEntry[],
  demand: DataDemand,
  policy: NodePolicy,
  model: NodeMemoryData,
  attached: AttachedStorage | undefined,
  limits: SearchLimits,
  supportCost: SupportCost = () => 0,
): DataSearchResult {
  const fits: DataFit[] = [];
  const excluded: Exclusion[] = [];
  for (const entry of entries) {
    const reason = dataDiskExclusion(entry, attached);
    if (reason) {
      excluded.push({ entry, reason });
      continue;
    }
    const found = bestFitFor(entry, demand, policy, model, attached, limits, supportCost);
    if (found.fit) fits.push(found.fit);
    else excluded.push({ entry, reason: found.reason });
  }
  fits.sort(compareFits);
  return { fits, excluded };
}

function bestFitFor(
  entry: CatalogEntry,
  demand: DataDemand,
  policy: NodePolicy,
  model: NodeMemoryData,
  attached: AttachedStorage | undefined,
  limits: SearchLimits,
  supportCost: SupportCost,
): { fit?: DataFit; reason: string } {
  const z = demand.zones;
  const capacityNoDisk = nodeCapacity({ memory_gib: entry.memory_gib, disk_gb: 0 }, policy, model, 'data');
  const basePrice = nodeHourlyPrice(entry, 0, limits);
  const ramPerShard = demand.total_shards > 0 ? demand.total_ram_bytes / demand.total_shards : 0;
  const diskPerShard = demand.total_shards > 0 ? demand.total_disk_bytes / demand.total_shards : 0;
  const threadsOffered = demand.search ? nodeSearchThreads(entry.vcpu, limits.throughput) : Infinity;
  let best: DataFit | undefined;
  let lastReason = 'no node count fits';
  for (let n = z; n <= limits.maxNodes; n += z) {
    if (best && basePrice !== null && basePrice > 0) {
      // Any larger count costs at least n x the bare instance price, support tiers not counted.
      if (n * basePrice >= rankHourly(best)) break;
    }
    const perZone = n / z;
    if (n < demand.copies || perZone < Math.ceil(demand.copies / z)) {
      lastReason = `${demand.copies} copies need at least ${demand.copies} nodes`;
      continue;
    }
    const k = shardsOnFullestNode(demand.total_shards, n, z);
    if (k > limits.maxShardsPerNode) {
      lastReason = `${k} shards per node is above the ${limits.maxShardsPerNode} limit`;
      continue;
    }
    const ramNeed = Math.ceil(k * ramPerShard);
    if (ramNeed > capacityNoDisk.vector_cache_bytes) {
      lastReason = 'vector RAM does not fit the page cache';
      continue;
    }
    const diskNeed = Math.ceil(k * diskPerShard);
    const storage = chooseStorage(entry, diskNeed, attached, limits.hoursPerMonth, model);
    if (!storage.ok) {
      lastReason = storage.reason;
      continue;
    }
    const threadsNeed = demand.search ? nodeThreadsNeeded(k, demand.search, n) : undefined;
    if (threadsNeed !== undefined && threadsNeed > threadsOffered) {
      lastReason = `search CPU: ${k} shard copies per node keep ${fmtThreads(threadsNeed)} search threads busy at peak, a node offers ${fmtThreads(threadsOffered)}`;
      // One shard copy per node is as far as more nodes spread the load; beyond that only replicas help.
      if (k <= 1) {
        lastReason += ' (more nodes cannot help: raise availability.replicas or set a measured search.shard_query_ms)';
        break;
      }
      continue;
    }
    const price = nodeHourlyPrice(entry, storage.choice.usd_per_hour, limits);
    const support = price === null ? null : supportCost(entry, n);
    const plan = price === null || support === null ? null : price * n + support / limits.hoursPerMonth;
    const dataMonthly = price === null ? null : cents(price * limits.hoursPerMonth * n);
    const fit: DataFit = {
      entry,
      nodes: n,
      nodes_per_zone: Array.from({ length: z }, () => perZone),
      shards_per_node: k,
      capacity: { ...capacityNoDisk, disk_bytes: Math.round(storage.choice.disk_gb * 1e9), usable_disk_bytes: storage.choice.usable_disk_bytes },
      storage: storage.choice,
      ram_need_per_node_bytes: ramNeed,
      disk_need_per_node_bytes: diskNeed,
      ...(threadsNeed !== undefined ? { search_threads_needed_per_node: threadsNeed, search_threads_available_per_node: threadsOffered } : {}),
      price_usd_per_hour: price,
      monthly_usd_per_node: price === null ? null : cents(price * limits.hoursPerMonth),
      monthly_usd: dataMonthly,
      plan_usd_per_hour: plan,
      plan_monthly_usd: dataMonthly === null || support === null ? null : cents(dataMonthly + support),
      limited_by: 'zones and copies',
    };
    fit.limited_by = limitingFactor(fit, entry, demand, model, attached, limits);
    if (price === null) return { fit, reason: '' };
    if (!best || rankHourly(fit) < rankHourly(best)) best = fit;
  }
  if (best) return { fit: best, reason: '' };
  return { reason: `no fit with up to ${limits.maxNodes} nodes: ${lastReason}` };
}

/** Which constraint rules out the next smaller zone-balanced count. */
function limitingFactor(
  fit: DataFit,
  entry: CatalogEntry,
  demand: DataDemand,
  model: NodeMemoryData,
  attached: AttachedStorage | undefined,
  limits: SearchLimits,
): DataFit['limited_by'] {
  const smaller = fit.nodes - demand.zones;
  if (smaller < demand.zones || smaller < demand.copies) return 'zones and copies';
  const k = shardsOnFullestNode(demand.total_shards, smaller, demand.zones);
  if (k > limits.maxShardsPerNode) return 'shards per node';
  const ramPerShard = demand.total_shards > 0 ? demand.total_ram_bytes / demand.total_shards : 0;
  if (Math.ceil(k * ramPerShard) > fit.capacity.vector_cache_bytes) return 'vector RAM';
  const diskPerShard = demand.total_shards > 0 ? demand.total_disk_bytes / demand.total_shards : 0;
  if (!chooseStorage(entry, Math.ceil(k * diskPerShard), attached, limits.hoursPerMonth, model).ok) return 'disk';
  if (demand.search && nodeThreadsNeeded(k, demand.search, smaller) > nodeSearchThreads(entry.vcpu, limits.throughput)) return 'search CPU';
  // The smaller count fits but costs more (Local SSD steps): price sets the count.
  return 'price';
}

/** What a priced fit costs per hour for ranking: the whole plan when known, else the data tier. */
function rankHourly(f: DataFit): number {
  return f.plan_usd_per_hour ?? (f.price_usd_per_hour === null ? Infinity : f.price_usd_per_hour * f.nodes);
}

/**
 * Priced fits by the monthly cost of the whole plan (data tier plus the tiers it implies);
 * unpriced fits after them by nodes, total RAM, total disk.
 */
export function compareFits(a: DataFit, b: DataFit): number {
  if (a.monthly_usd !== null && b.monthly_usd !== null) {
    const am = a.plan_monthly_usd ?? a.monthly_usd;
    const bm = b.plan_monthly_usd ?? b.monthly_usd;
    return am - bm || a.nodes - b.nodes || a.entry.id.localeCompare(b.entry.id);
  }
  if (a.monthly_usd !== null) return -1;
  if (b.monthly_usd !== null) return 1;
  return (
    a.nodes - b.nodes ||
    a.nodes * a.entry.memory_gib - b.nodes * b.entry.memory_gib ||
    a.nodes * a.storage.disk_gb - b.nodes * b.storage.disk_gb ||
    a.entry.id.localeCompare(b.entry.id)
  );
}

/** Thread counts as shown to users: at most one decimal. */
export function fmtThreads(n: number): string {
  return String(Math.round(n * 10) / 10);
}

export function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}
