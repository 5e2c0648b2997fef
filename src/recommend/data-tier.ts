/**
 * The data-tier search: for every eligible instance type, the cheapest zone-balanced node count
 * whose page cache holds every copy's vector RAM, whose disks hold every copy below the low
 * watermark less the merge and growth margins, whose zones absorb the loss of one data node
 * (availability.survive_node_loss) and, when the workload gives a peak query rate, whose search
 * thread pools carry it. Exhaustive over the catalog; within one type it walks node counts upward
 * and stops only when the instance price alone of more nodes can no longer come within the tie
 * margin of the best found. Plans within the tie margin of the cheapest are ranked by preference
 * (no idle nodes, local disk, headroom) before cost (formulas/topology.json cost_tie_margin_ratio).
 */
import type { ThroughputData } from '../data/throughput.js';
import type { AttachedStorage, CatalogEntry } from '../data/catalogs.js';
import type { NodeMemoryData } from '../data/node-memory.js';
import { nodeIndexingThreads } from '../sizing/ingest.js';
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
  /**
   * Peak indexing load (src/sizing/ingest.ts): threads the whole tier keeps busy indexing, all
   * copies; absent when no index gives corpus.ingest_docs_per_second. Each node carries its share
   * of the shard copies, on the same cores as its search threads.
   */
  indexing?: { threads_needed: number };
  /** availability.survive_node_loss: with two or more nodes per zone, a zone absorbs one lost node. */
  survive_node_loss: boolean;
  /**
   * Several indices: every shard copy planned as large as the largest of any index (its vector
   * RAM and disk), since the balancer evens out shard counts, not bytes. Absent with one index,
   * whose copies are all alike (total / total_shards).
   */
  largest_shard?: { ram_bytes: number; disk_bytes: number };
}

/** Vector RAM and disk planned per shard copy: the largest copy's with several indices, else the average. */
export function perShard(demand: Pick<DataDemand, 'total_ram_bytes' | 'total_disk_bytes' | 'total_shards' | 'largest_shard'>): { ram: number; disk: number } {
  if (demand.largest_shard) return { ram: demand.largest_shard.ram_bytes, disk: demand.largest_shard.disk_bytes };
  if (demand.total_shards <= 0) return { ram: 0, disk: 0 };
  return { ram: demand.total_ram_bytes / demand.total_shards, disk: demand.total_disk_bytes / demand.total_shards };
}

/** Headroom policies (formulas/topology.json). */
export interface HeadroomPolicy {
  /** Share of the disk below the low watermark kept free: disk_merge_reserve_ratio + disk_growth_margin_ratio. */
  disk_reserve_ratio: number;
  /** cost_tie_margin_ratio: plans this close to the cheapest are ranked by preference first. */
  tie_margin_ratio: number;
}

export interface SearchLimits {
  maxShardsPerNode: number;
  maxNodes: number;
  hoursPerMonth: number;
  /** formulas/throughput.json: the search threads a node offers. */
  throughput: ThroughputData;
  /** Elastic Cloud: the user's price per GB of RAM per hour. */
  pricePerGbRamHour?: number;
  headroom: HeadroomPolicy;
}

/** What the fullest remaining node of the fullest zone holds after one data node of that zone is lost. */
export interface NodeLossFill {
  surviving_nodes_in_zone: number;
  shard_copies: number;
  vector_bytes: number;
  disk_bytes: number;
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
  /** The most the fullest node is planned to fill: usable disk less the merge and growth margins. */
  disk_fill_limit_bytes: number;
  /** After one data node of the fullest zone is lost; absent with one node per zone (a node loss is a zone loss). */
  node_loss?: NodeLossFill & { survives: boolean; required: boolean };
  /** Data nodes that hold no shard copy. */
  idle_nodes: number;
  /** With a search load: threads the fullest node keeps busy at peak, and threads one node offers at the target utilisation. */
  search_threads_needed_per_node?: number;
  search_threads_available_per_node?: number;
  /** With an indexing load: threads the fullest node keeps busy indexing at peak (counted with its search threads against what it offers). */
  indexing_threads_needed_per_node?: number;
  price_usd_per_hour: number | null;
  monthly_usd_per_node: number | null;
  monthly_usd: number | null;
  /** This data tier plus the support tiers it implies (masters, ML, Kibana), per hour; null if unpriced. */
  plan_usd_per_hour: number | null;
  plan_monthly_usd: number | null;
  /** The constraint that sets the node count. */
  limited_by: 'vector RAM' | 'disk' | 'shards per node' | 'search CPU' | 'indexing CPU' | 'node-loss headroom' | 'zones and copies' | 'price' | 'the evaluated topology (--data)';
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

/**
 * After losing one data node of the fullest zone: forced awareness keeps its copies in the zone,
 * so the zone's shard copies spread over its remaining nodes, at most one copy of a shard per
 * node (a node holds at most `primaries` copies). Undefined with one node per zone.
 */
export function nodeLossFill(totalShards: number, copies: number, nodes: number, zones: number, ramPerShard: number, diskPerShard: number): NodeLossFill | undefined {
  const perZone = nodes / zones;
  if (perZone < 2) return undefined;
  const primaries = copies > 0 ? totalShards / copies : totalShards;
  const k = Math.min(Math.ceil(Math.ceil(totalShards / zones) / (perZone - 1)), primaries);
  return { surviving_nodes_in_zone: perZone - 1, shard_copies: k, vector_bytes: Math.ceil(k * ramPerShard), disk_bytes: Math.ceil(k * diskPerShard) };
}

/** Data nodes without a shard copy when awareness spreads the copies evenly over the zones, then over each zone's nodes. */
export function idleDataNodes(totalShards: number, nodes: number, zones: number): number {
  const perZone = nodes / zones;
  const fuller = totalShards % zones;
  const low = Math.floor(totalShards / zones);
  return fuller * Math.max(0, perZone - (low + 1)) + (zones - fuller) * Math.max(0, perZone - low);
}

/** The most a node with `usableBytes` below the low watermark is planned to fill. */
export function diskFillLimit(usableBytes: number, reserveRatio: number): number {
  return Math.floor(usableBytes * (1 - reserveRatio));
}

/**
 * Disk below the low watermark one node needs: its planned fill within the fill limit, and after a
 * node loss the fill of the fullest surviving node (no margins in that degraded state).
 */
export function usableDiskNeeded(fillBytes: number, reserveRatio: number, loss: NodeLossFill | undefined): number {
  let usable = Math.ceil(fillBytes / (1 - reserveRatio));
  while (usable * (1 - reserveRatio) < fillBytes) usable++;
  return Math.max(usable, loss?.disk_bytes ?? 0);
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
  const candidates: DataFit[][] = [];
  const excluded: Exclusion[] = [];
  for (const entry of entries) {
    const reason = dataDiskExclusion(entry, attached);
    if (reason) {
      excluded.push({ entry, reason });
      continue;
    }
    const found = bestFitFor(entry, demand, policy, model, attached, limits, supportCost);
    if (found.fits.length > 0) candidates.push(found.fits);
    else excluded.push({ entry, reason: found.reason });
  }
  return { fits: rankFits(candidates, limits.headroom.tie_margin_ratio), excluded };
}

/**
 * One fit per instance type, best first. The cheapest plan sets the tie band (its cost times
 * 1 + tie margin); inside the band fits are ranked by `preferFit`, outside it by cost. Each type
 * is represented by its preferred count inside the band, else by its cheapest.
 */
export function rankFits(perType: readonly (readonly DataFit[])[], tieMargin: number): DataFit[] {
  const all = perType.flat();
  const priced = all.map(planMonthly).filter((m): m is number => m !== null);
  const band = priced.length ? Math.min(...priced) * (1 + tieMargin) : -Infinity;
  const inBand = (f: DataFit) => {
    const m = planMonthly(f);
    return m !== null && m <= band;
  };
  const reps = perType.map((fits) => {
    const tied = fits.filter(inBand).sort(preferFit);
    return tied[0] ?? [...fits].sort(compareFits)[0]!;
  });
  return reps.sort((a, b) => {
    const ai = inBand(a);
    const bi = inBand(b);
    if (ai && bi) return preferFit(a, b);
    if (ai !== bi) return ai ? -1 : 1;
    return compareFits(a, b);
  });
}

/** Between tied plans: no idle data nodes, then local disk over network volumes, then more headroom, then cost. */
export function preferFit(a: DataFit, b: DataFit): number {
  return (
    Number(a.idle_nodes > 0) - Number(b.idle_nodes > 0) ||
    Number(!isLocalDisk(a)) - Number(!isLocalDisk(b)) ||
    fullestNodeHeadroom(b) - fullestNodeHeadroom(a) ||
    compareFits(a, b)
  );
}

export function isLocalDisk(f: DataFit): boolean {
  return f.storage.disk_kind === 'local-nvme' || f.storage.disk_kind === 'local-ssd';
}

/** The fullest node's smaller headroom ratio: disk below the low watermark, or vector cache. */
export function fullestNodeHeadroom(f: DataFit): number {
  const disk = f.capacity.usable_disk_bytes > 0 ? 1 - f.disk_need_per_node_bytes / f.capacity.usable_disk_bytes : 0;
  const ram = f.capacity.vector_cache_bytes > 0 ? 1 - f.ram_need_per_node_bytes / f.capacity.vector_cache_bytes : f.ram_need_per_node_bytes > 0 ? 0 : 1;
  return Math.min(disk, ram);
}

/** Monthly cost of the whole plan with this data tier (data tier alone when support tiers are unpriced). */
export function planMonthly(f: DataFit): number | null {
  return f.plan_monthly_usd ?? f.monthly_usd;
}

function bestFitFor(
  entry: CatalogEntry,
  demand: DataDemand,
  policy: NodePolicy,
  model: NodeMemoryData,
  attached: AttachedStorage | undefined,
  limits: SearchLimits,
  supportCost: SupportCost,
): { fits: DataFit[]; reason: string } {
  const z = demand.zones;
  const { disk_reserve_ratio: reserve, tie_margin_ratio: tie } = limits.headroom;
  const capacityNoDisk = nodeCapacity({ memory_gib: entry.memory_gib, disk_gb: 0 }, policy, model, 'data');
  const basePrice = nodeHourlyPrice(entry, 0, limits);
  const { ram: ramPerShard, disk: diskPerShard } = perShard(demand);
  const threadsOffered = demand.search || demand.indexing ? nodeSearchThreads(entry.vcpu, limits.throughput) : Infinity;
  let best: DataFit | undefined;
  const priced: DataFit[] = [];
  let lastReason = 'no node count fits';
  for (let n = z; n <= limits.maxNodes; n += z) {
    if (best && basePrice !== null && basePrice > 0) {
      // Any larger count costs at least n x the bare instance price, support tiers not counted,
      // so it can neither beat the best found nor come within its tie margin.
      if (n * basePrice > rankHourly(best) * (1 + tie)) break;
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
    const loss = demand.survive_node_loss ? nodeLossFill(demand.total_shards, demand.copies, n, z, ramPerShard, diskPerShard) : undefined;
    if (loss && loss.vector_bytes > capacityNoDisk.vector_cache_bytes) {
      lastReason = `after losing a data node, ${loss.shard_copies} shard copies on the fullest remaining node of its zone do not fit the vector cache`;
      continue;
    }
    const diskNeed = Math.ceil(k * diskPerShard);
    const storage = chooseStorage(entry, usableDiskNeeded(diskNeed, reserve, loss), attached, limits.hoursPerMonth, model);
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
    const indexingNeed = demand.indexing ? nodeIndexingThreads(demand.indexing.threads_needed, k, demand.total_shards) : undefined;
    if (indexingNeed !== undefined && (threadsNeed ?? 0) + indexingNeed > threadsOffered) {
      lastReason = `indexing CPU: ${k} shard copies per node keep ${fmtThreads(indexingNeed)} indexing${threadsNeed !== undefined ? ` and ${fmtThreads(threadsNeed)} search` : ''} threads busy at peak, a node offers ${fmtThreads(threadsOffered)}`;
      if (k <= 1) {
        lastReason += ' (more nodes cannot help: each shard copy indexes every document of its shard; add primaries with index.primaries or lower corpus.ingest_docs_per_second)';
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
      disk_fill_limit_bytes: diskFillLimit(storage.choice.usable_disk_bytes, reserve),
      ...withNodeLoss(demand, n, ramPerShard, diskPerShard, capacityNoDisk.vector_cache_bytes, storage.choice.usable_disk_bytes),
      idle_nodes: idleDataNodes(demand.total_shards, n, z),
      ...(threadsNeed !== undefined ? { search_threads_needed_per_node: threadsNeed, search_threads_available_per_node: threadsOffered } : {}),
      ...(indexingNeed !== undefined ? { indexing_threads_needed_per_node: indexingNeed, search_threads_available_per_node: threadsOffered } : {}),
      price_usd_per_hour: price,
      monthly_usd_per_node: price === null ? null : cents(price * limits.hoursPerMonth),
      monthly_usd: dataMonthly,
      plan_usd_per_hour: plan,
      plan_monthly_usd: dataMonthly === null || support === null ? null : cents(dataMonthly + support),
      limited_by: 'zones and copies',
    };
    fit.limited_by = limitingFactor(fit, entry, demand, model, attached, limits);
    if (price === null) return { fits: [fit], reason: '' };
    priced.push(fit);
    if (!best || rankHourly(fit) < rankHourly(best)) best = fit;
  }
  if (!best) return { fits: [], reason: `no fit with up to ${limits.maxNodes} nodes: ${lastReason}` };
  // Every count within the tie margin of this type's cheapest: the band across types is never wider.
  const limit = rankHourly(best) * (1 + tie);
  return { fits: priced.filter((f) => rankHourly(f) <= limit), reason: '' };
}

/**
 * The node-loss fill of a tier of n nodes, reported whatever the policy (absent with one node per
 * zone); `survives` when the zone's remaining nodes hold it below the low watermark and in cache.
 */
export function withNodeLoss(
  demand: Pick<DataDemand, 'total_shards' | 'copies' | 'zones' | 'survive_node_loss'>,
  n: number,
  ramPerShard: number,
  diskPerShard: number,
  vectorCacheBytes: number,
  usableDiskBytes: number,
): Pick<DataFit, 'node_loss'> {
  const loss = nodeLossFill(demand.total_shards, demand.copies, n, demand.zones, ramPerShard, diskPerShard);
  if (!loss) return {};
  return { node_loss: { ...loss, survives: loss.vector_bytes <= vectorCacheBytes && loss.disk_bytes <= usableDiskBytes, required: demand.survive_node_loss } };
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
  const { ram: ramPerShard, disk: diskPerShard } = perShard(demand);
  if (Math.ceil(k * ramPerShard) > fit.capacity.vector_cache_bytes) return 'vector RAM';
  const reserve = limits.headroom.disk_reserve_ratio;
  if (!chooseStorage(entry, usableDiskNeeded(Math.ceil(k * diskPerShard), reserve, undefined), attached, limits.hoursPerMonth, model).ok) return 'disk';
  const loss = demand.survive_node_loss ? nodeLossFill(demand.total_shards, demand.copies, smaller, demand.zones, ramPerShard, diskPerShard) : undefined;
  if (loss && (loss.vector_bytes > fit.capacity.vector_cache_bytes || !chooseStorage(entry, usableDiskNeeded(Math.ceil(k * diskPerShard), reserve, loss), attached, limits.hoursPerMonth, model).ok)) return 'node-loss headroom';
  const searchNeed = demand.search ? nodeThreadsNeeded(k, demand.search, smaller) : 0;
  if (demand.search && searchNeed > nodeSearchThreads(entry.vcpu, limits.throughput)) return 'search CPU';
  if (demand.indexing && searchNeed + nodeIndexingThreads(demand.indexing.threads_needed, k, demand.total_shards) > nodeSearchThreads(entry.vcpu, limits.throughput)) return 'indexing CPU';
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
