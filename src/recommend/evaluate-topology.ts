/**
 * `esplan evaluate`: the plan for a data tier the user has or intends (instance type x node count)
 * instead of the one the search would choose. Nothing is refused for being too small or not highly
 * available: the shortfalls are measured (capacity) and warned about. The support tiers, prices,
 * warnings and basis are the recommender's own.
 */
import { indicesOf } from '../model/indices.js';
import { roleMinimum, type CatalogEntry } from '../data/catalogs.js';
import { didYouMean } from '../model/did-you-mean.js';
import type { BasisEntry, Capacity, Tier, Warning } from '../model/plan.js';
import { UserError } from '../model/problems.js';
import type { Workload } from '../model/workload.js';
import { nodeCapacity } from '../sizing/node-memory.js';
import { effectiveSearchParams } from '../sizing/search-params.js';
import type { SizingResult } from '../sizing/size-workload.js';
import { capacityOf } from './capacity.js';
import { basis, floorBasis, supportBasis } from './topology-basis.js';
import { context, type Topology, type TopologyOptions } from './topology-context.js';
import { dataTier } from './data-tier-view.js';
import { oldestDate, priceDates, priceWarnings } from './pricing.js';
import { Replanner } from './replanner.js';
import { cents, diskFillLimit, fmtThreads, idleDataNodes, nodeHourlyPrice, nodeLossFill, perShard, shardsOnFullestNode, usableDiskNeeded, withNodeLoss, type DataFit } from './data-tier.js';
import { dataNodeCeiling, dataNodeFloor, floorText, meetsFloor } from './eligible.js';
import { queryTime } from './query-time.js';
import { queryTimeBasis, searchBasis } from './search-basis.js';
import { indexSizingResult, queryModelData, nodeSearchThreads, nodeThreadsNeeded, searchLoad, searchLoadAt } from './search-load.js';
import { chooseStorage } from './storage-options.js';
import { topologyWarnings } from './warnings.js';

/** The data tier to evaluate: `--data TYPE:COUNT`. */
export interface GivenDataTier {
  instance_type: string;
  nodes: number;
}

export function evaluateTopology(workload: Workload, sizing: SizingResult, given: GivenDataTier, options: TopologyOptions): Topology {
  const ctx = context(workload, options);
  const replanner = new Replanner(ctx, sizing, options);
  const entry = findEntry(ctx.entries, given.instance_type, workload.deployment.provider);
  const zones = workload.availability.zones;
  checkCount(given.nodes, zones);

  const n = given.nodes;
  const wantedCopies = sizing.shards.replicas + 1;
  // Elasticsearch never puts two copies of a shard on one node: copies beyond the node count stay unassigned.
  const copies = Math.min(wantedCopies, n);
  const primaries = sizing.shards.primaries;
  const k = shardsOnFullestNode(primaries * copies, n, zones);
  // Per shard copy exactly as the data-tier search divides it, so a recommended tier evaluates to the same bytes.
  const { ram: ramPerShard, disk: diskPerShard } = perShard({
    total_ram_bytes: sizing.sizing.total_ram_bytes,
    total_disk_bytes: sizing.sizing.total_disk_bytes,
    total_shards: sizing.shards.total_shards,
    ...(sizing.largest_shard ? { largest_shard: sizing.largest_shard } : {}),
  });
  const ramNeed = Math.ceil(k * ramPerShard);
  const diskNeed = Math.ceil(k * diskPerShard);
  const capacityNoDisk = nodeCapacity({ memory_gib: entry.memory_gib, disk_gb: 0 }, ctx.policy, ctx.model, 'data');
  const attached = ctx.data.catalogOf(workload.deployment.provider).attached_storage;
  const reserve = ctx.limits.headroom.disk_reserve_ratio;
  // Volumes sized as the search sizes them: the fill within the margins and, under the policy, the node-loss fill.
  const lossDemand = { total_shards: primaries * copies, copies, zones, survive_node_loss: workload.availability.survive_node_loss };
  const loss = lossDemand.survive_node_loss ? nodeLossFill(lossDemand.total_shards, copies, n, zones, ramPerShard, diskPerShard) : undefined;
  const storage = chooseStorage(entry, usableDiskNeeded(diskNeed, reserve, loss), attached, ctx.limits.hoursPerMonth, ctx.model, true);
  if (!storage.ok) {
    throw new UserError({ path: '--data', message: `${entry.instance_type} cannot hold data: ${storage.reason}`, fix: 'choose an instance type with SSD or NVMe storage, or give an attached-storage price with --catalog' });
  }

  const throughput = ctx.data.throughput;
  const modelData = queryModelData(ctx.data);
  const residentScale = ramNeed > 0 ? Math.min(1, capacityNoDisk.vector_cache_bytes / ramNeed) : 1;
  const multi = sizing.indices.length > 1 ? sizing.indices[0] : undefined;
  // Several indices: each index's load at its own peak with this tier's cache fit, combined as recommend combines them.
  const multiLoad = multi ? searchLoad(workload, sizing, modelData, residentScale) : undefined;
  const query =
    multiLoad?.query ??
    (multi
      ? queryTime(multi.view, indexSizingResult(multi), effectiveSearchParams(multi.view, modelData.searchParams), modelData, residentScale)
      : queryTime(workload, sizing, effectiveSearchParams(workload, modelData.searchParams), modelData, residentScale));
  const peak = workload.search.peak_qps;
  // The search load at the workload's peak, priced with this tier's cache fit and its allocated copies.
  const load = multi ? multiLoad : peak !== undefined && peak > 0 ? searchLoadAt(peak, workload, { ...sizing, shards: { ...sizing.shards, replicas: copies - 1 } }, query, throughput) : undefined;
  const threadsNeed = load ? nodeThreadsNeeded(k, load, n) : undefined;

  const price = nodeHourlyPrice(entry, storage.choice.usd_per_hour, ctx.limits);
  const support = ctx.support.layout(entry, n);
  const dataMonthly = price === null ? null : cents(price * ctx.limits.hoursPerMonth * n);
  const fit: DataFit = {
    entry,
    nodes: n,
    nodes_per_zone: Array.from({ length: zones }, () => n / zones),
    shards_per_node: k,
    capacity: { ...capacityNoDisk, disk_bytes: Math.round(storage.choice.disk_gb * 1e9), usable_disk_bytes: storage.choice.usable_disk_bytes },
    storage: storage.choice,
    ram_need_per_node_bytes: ramNeed,
    disk_need_per_node_bytes: diskNeed,
    disk_fill_limit_bytes: diskFillLimit(storage.choice.usable_disk_bytes, reserve),
    ...withNodeLoss(lossDemand, n, ramPerShard, diskPerShard, capacityNoDisk.vector_cache_bytes, storage.choice.usable_disk_bytes),
    idle_nodes: idleDataNodes(primaries * copies, n, zones),
    ...(threadsNeed !== undefined ? { search_threads_needed_per_node: threadsNeed, search_threads_available_per_node: nodeSearchThreads(entry.vcpu, throughput) } : {}),
    price_usd_per_hour: price,
    monthly_usd_per_node: price === null ? null : cents(price * ctx.limits.hoursPerMonth),
    monthly_usd: dataMonthly,
    plan_usd_per_hour: null,
    plan_monthly_usd: dataMonthly === null || support.monthly_usd === null ? null : cents(dataMonthly + support.monthly_usd),
    limited_by: 'the evaluated topology (--data)',
  };

  const capacity = capacityOf({ workload, fit, copies, primaries, query, throughput, growth_factor: sizing.sizing.growth_factor ?? 1 });
  const tiers: Tier[] = [dataTier(fit, support.dedicatedMasters, zones, ctx.rules, ctx.limits), ...support.tiers];
  const used: CatalogEntry[] = [entry, ...support.used];
  const monthly = tiers.some((t) => t.monthly_usd === null) ? null : cents(tiers.reduce((s, t) => s + (t.monthly_usd ?? 0), 0));
  const floor = dataNodeFloor(workload, ctx.data.roles);
  const warnings: Warning[] = [
    ...query.params.warnings,
    ...support.warnings,
    ...priceWarnings(workload, tiers, used, workload.deployment.provider),
    ...evaluationWarnings({ workload, fit, capacity, wantedCopies, copies, belowFloor: floor && !meetsFloor(entry, floor) ? floorText(floor) : undefined, maxShardsPerNode: ctx.limits.maxShardsPerNode, masterEligible: masterEligible(tiers, support.dedicatedMasters, n) }),
    ...topologyWarnings({
      workload,
      sizing,
      chosen: fit,
      rules: ctx.rules,
      dataGuidanceMemoryGib: roleMinimum(ctx.data.roles, workload.deployment.provider, 'data').guidance_memory_gib,
      indexTypes: ctx.data.indexTypes,
      // A given tier above the band's ceiling warns whatever the node-sizing policy (as one below the floor does).
      dataCeiling: dataNodeCeiling(workload, ctx.data.roles),
      outcomeFor: (type, fields) => replanner.indexTypeOutcome(type, fields),
    }),
  ];
  const nodeCount: BasisEntry = {
    id: 'data.node_count',
    kind: 'policy',
    description: `data nodes as given by --data ${entry.instance_type}:${n} (evaluated, not searched)`,
    inputs: { nodes: n, shards_per_node: k, ram_need_per_node_bytes: ramNeed, disk_need_per_node_bytes: diskNeed },
    result: n,
    unit: 'nodes',
    source: 'esplan evaluate --data',
  };
  return {
    tiers,
    capacity,
    monthly_usd: monthly,
    price_date: oldestDate(priceDates(fit, used)),
    alternatives: [],
    warnings,
    basis: [
      ...basis(ctx, fit, used, { fits: [fit], excluded: [] }).map((b) => (b.id === 'data.node_count' ? nodeCount : b)),
      floorBasis(workload, floor),
      ...(load ? searchBasis(load, fit, throughput, false) : queryTimeBasis(query, throughput)),
      ...supportBasis(ctx, tiers),
    ],
  };
}

/** The catalog entry for an instance type: the provider's catalog and --catalog entries, any family. */
export function findEntry(entries: readonly CatalogEntry[], instanceType: string, provider: string): CatalogEntry {
  // --catalog entries come after the built-in ones and override them.
  const found = [...entries].reverse().find((e) => e.instance_type === instanceType || e.id === instanceType);
  if (found) return found;
  const guess = didYouMean(instanceType, [...new Set(entries.map((e) => e.instance_type))]);
  throw new UserError({
    path: '--data',
    message: `"${instanceType}" is not an instance type in the ${provider} catalog`,
    fix: guess ? `did you mean ${guess}? (esplan catalog ${provider} --role data lists them)` : `run esplan catalog ${provider} --role data for the list, or add the type with --catalog`,
  });
}

/** Master-eligible nodes: dedicated masters, or the data nodes plus a tiebreaker when there is one. */
function masterEligible(tiers: readonly Tier[], dedicated: boolean, dataNodes: number): number {
  const masters = tiers.find((t) => t.role === 'master')?.nodes ?? 0;
  return dedicated ? masters : dataNodes + masters;
}

function checkCount(nodes: number, zones: number): void {
  if (nodes % zones !== 0) {
    const below = Math.max(zones, Math.floor(nodes / zones) * zones);
    const above = Math.ceil(nodes / zones) * zones;
    throw new UserError({
      path: '--data',
      message: `${nodes} data nodes cannot be spread evenly over ${zones} zones (availability.zones)`,
      fix: `use a multiple of ${zones}, such as ${below === above ? above : `${below} or ${above}`}, or set availability.zones to match your cluster`,
    });
  }
}

interface EvaluationInputs {
  workload: Workload;
  fit: DataFit;
  capacity: Capacity;
  wantedCopies: number;
  copies: number;
  belowFloor: string | undefined;
  maxShardsPerNode: number;
  masterEligible: number;
}

/** What is short or not highly available in an evaluated tier: warnings, never refusals. */
function evaluationWarnings(i: EvaluationInputs): Warning[] {
  const out: Warning[] = [];
  const { fit, capacity: c, workload } = i;
  if (i.copies < i.wantedCopies) {
    out.push({
      code: 'REPLICAS_UNASSIGNED',
      message: `${i.wantedCopies} copies of each shard need ${i.wantedCopies} data nodes; with ${fit.nodes}, ${i.wantedCopies - i.copies} cop${i.wantedCopies - i.copies === 1 ? 'y stays' : 'ies stay'} unassigned (cluster health yellow): add nodes or lower availability.replicas`,
    });
  }
  if (!c.ram.fits) {
    out.push({
      code: 'VECTORS_EXCEED_CACHE',
      message: `the fullest node needs ${gib(c.ram.needed_bytes)} of vectors in a ${gib(c.ram.available_bytes)} vector cache: queries read from disk, priced by the query-cost model's cache-miss penalty (${c.search.shard_query_ms} ms per shard query); use a larger instance, more nodes or a smaller index type`,
    });
  }
  if (!c.disk.fits) {
    out.push({
      code: 'DISK_ABOVE_LOW_WATERMARK',
      message: `the fullest node needs ${gib(c.disk.needed_bytes)} at the horizon, above the ${gib(c.disk.available_bytes)} it can fill below the low disk watermark: Elasticsearch stops allocating shards to it; use more nodes or more disk`,
    });
  } else if (c.disk.months_until_low_watermark !== null && c.disk.months_until_low_watermark < horizonMonths(workload)) {
    out.push({
      code: 'DISK_FULL_BEFORE_HORIZON',
      message: `the fullest node reaches the low disk watermark after ${c.disk.months_until_low_watermark} months of growth, before the ${horizonMonths(workload)}-month horizon`,
    });
  }
  if (c.disk.fits && fit.disk_need_per_node_bytes > fit.disk_fill_limit_bytes) {
    out.push({
      code: 'DISK_INSIDE_MERGE_MARGIN',
      message: `the fullest node needs ${gib(c.disk.needed_bytes)} at the horizon, above the ${gib(fit.disk_fill_limit_bytes)} esplan plans to fill (${gib(c.disk.available_bytes)} below the low disk watermark less the merge and growth margins): merges and a forecast error can push it over the watermark; use more nodes or more disk`,
    });
  }
  const loss = fit.node_loss;
  if (loss && !loss.survives && workload.availability.survive_node_loss) {
    out.push({
      code: 'NODE_LOSS_OVERFILLS',
      message: `losing one data node leaves its zone's ${loss.surviving_nodes_in_zone} other node${loss.surviving_nodes_in_zone === 1 ? '' : 's'} to take its shards (forced awareness keeps copies in their zone): the fullest would hold ${gib(loss.disk_bytes)} of ${gib(fit.capacity.usable_disk_bytes)} below the low disk watermark and ${gib(loss.vector_bytes)} of vectors in a ${gib(fit.capacity.vector_cache_bytes)} vector cache; use more nodes or larger ones, or set availability.survive_node_loss: false to accept it`,
    });
  }
  if (fit.shards_per_node > i.maxShardsPerNode) {
    out.push({ code: 'SHARDS_ABOVE_LIMIT', message: `${fit.shards_per_node} shards on the fullest node is above cluster.max_shards_per_node (${i.maxShardsPerNode})` });
  }
  if (c.search.peak_qps !== null && c.search.peak_share_of_max !== null && c.search.peak_share_of_max > 1) {
    out.push({
      code: 'PEAK_ABOVE_CAPACITY',
      message: `search.peak_qps ${c.search.peak_qps} is above the ${c.search.max_peak_qps} QPS this tier carries within the target utilisation${c.search.zone_loss_policy ? ' with one zone lost' : ''} (${fit.search_threads_needed_per_node !== undefined ? `${fmtThreads(fit.search_threads_needed_per_node)} of ${fmtThreads(fit.search_threads_available_per_node ?? 0)} search threads per node busy` : 'saturated'}); it saturates at ${c.search.saturation_qps} QPS with every copy serving`,
    });
  }
  if (i.belowFloor) {
    out.push({
      code: 'DATA_NODE_BELOW_GUIDANCE',
      message: `${fit.entry.instance_type} (${fit.entry.vcpu} vCPU, ${fit.entry.memory_gib} GiB) is below the reference architecture's hot/content floor of ${i.belowFloor}: fine for dev and benchmarks, not the tested production profile`,
    });
  }
  // One zone and no replicas are NOT_HIGHLY_AVAILABLE (topologyWarnings); a given tier can also lack a master quorum.
  if (i.masterEligible < 3) {
    out.push({
      code: 'FEW_MASTER_ELIGIBLE_NODES',
      message: `${i.masterEligible} master-eligible node${i.masterEligible === 1 ? '' : 's'}: fewer than three cannot elect a master after losing one, so a single node failure stops the cluster; fine for dev and benchmarks, for production use at least three data nodes or dedicated masters`,
    });
  }
  return out;
}

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

/** The planning horizon: several indices may plan different ones; the longest counts. */
function horizonMonths(workload: Workload): number {
  return Math.max(...indicesOf(workload).map((ix) => ix.corpus.growth.months));
}
