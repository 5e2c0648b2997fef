/**
 * Recommender entry point: the cheapest zone-balanced topology that fits a sizing.
 * Data tier by exhaustive search over the eligible catalog entries; masters, ML and Kibana by
 * Elastic's placement rules; every catalog entry and policy used goes into `basis`.
 */
import { catalogEntries, roleMinimum, type CatalogEntry, type NodeFloor, type RolesData } from '../data/catalogs.js';
import type { ModelData } from '../data/model-data.js';
import type { IndexType } from '../data/index-types.js';
import type { NodeMemoryData, TopologyData } from '../data/node-memory.js';
import type { Alternative, BasisEntry, Capacity, Tier, Warning } from '../model/plan.js';
import { parseWorkload } from '../model/parse-workload.js';
import { phraseTierNotes, type TierNote } from '../model/tier-notes.js';
import { UserError } from '../model/problems.js';
import type { Workload } from '../model/workload.js';
import { defaultNodePolicy, type NodePolicy } from '../sizing/node-memory.js';
import { sizeWorkload, type SizingResult } from '../sizing/size-workload.js';
import { cents, compareFits, fullestNodeHeadroom, isLocalDisk, planMonthly, searchDataTier, type DataDemand, type DataFit, type DataSearchResult, type SearchLimits } from './data-tier.js';
import { aboveCeilingReason, bandDistance, bandText, belowFloorReason, ceilingText, dataNodeCeiling, dataNodeFloor, eligibleEntries, floorText, meetsFloor, underCeiling, type DataCeiling } from './eligible.js';
import { outsideBandWarning, providerBelowReference } from './band-warnings.js';
import { moreReplicasWarning, replicaAdviceBasis, type ReplicaOutcome } from './replica-advice.js';
import { mergeStateWarning, queryTimeBasis, searchBasis, throughputWarnings } from './search-basis.js';
import { capacityOf } from './capacity.js';
import { queryTime, type QueryTime } from './query-time.js';
import { nodeSearchThreads, queryModelData, searchLoad, servingCopies, type SearchLoad } from './search-load.js';
import { effectiveSearchParams } from '../sizing/search-params.js';
import { SupportPlanner } from './support-plan.js';
import { topologyWarnings, type IndexTypeOutcome } from './warnings.js';

export interface TopologyOptions {
  /** formulas/ and the provider's catalogs, loaded once at the edge (loadModelData). */
  data: ModelData;
  /** Extra or overriding catalog entries (--catalog FILE), already validated. */
  extraCatalogEntries?: readonly CatalogEntry[];
  /** How many losing data-tier choices to keep in `alternatives` (default 5). */
  alternatives?: number;
  /** Re-sizes a workload (for index-type and replica advice); defaults to the sizing engine. */
  resize?: (workload: Workload) => SizingResult;
}

export interface Topology {
  tiers: Tier[];
  /** What the chosen (or given) data tier carries. */
  capacity: Capacity;
  monthly_usd: number | null;
  price_date: string | null;
  alternatives: Alternative[];
  warnings: Warning[];
  basis: BasisEntry[];
}

export interface Context {
  workload: Workload;
  data: ModelData;
  model: NodeMemoryData;
  rules: TopologyData;
  policy: NodePolicy;
  limits: SearchLimits;
  entries: readonly CatalogEntry[];
  support: SupportPlanner;
}

export function chooseTopology(workload: Workload, sizing: SizingResult, options: TopologyOptions): Topology {
  const ctx = context(workload, options);
  const search = searchData(ctx, sizing);
  const chosen = search.fits[0];
  if (!chosen) throw noFit(workload, search, dataDemand(ctx, sizing).search, ctx.data);

  const support = ctx.support.layout(chosen.entry, chosen.nodes);
  const load = dataDemand(ctx, sizing).search;
  // Query load decided the data tier when, without it, the cheapest plan would differ.
  const cpuBinds = load !== undefined && !sameFit(chosen, searchData(ctx, sizing, { withoutSearch: true }).fits[0]);
  const replicaWarning = load && cpuBinds ? replicaAdvice(ctx, sizing, chosen, options) : undefined;
  const floor = search.outside ? undefined : floorEffect(ctx, sizing, chosen);
  const ceiling = search.outside ? undefined : ceilingEffect(ctx, sizing, chosen);
  const bandNotes: TierNote[] = [
    ...(floor?.smaller ? [floorNote(floor.floor, chosen)] : []),
    ...(ceiling?.bigger ? [ceilingNote(ceiling.ceiling, chosen, ceiling.bigger)] : []),
    ...(search.outside ? [{ code: 'OUTSIDE_DATA_NODE_BAND' as const, params: { band: bandText(search.outside.floor, search.outside.ceiling) } }] : []),
  ];
  const tiers: Tier[] = [dataTier(chosen, support.dedicatedMasters, workload.availability.zones, ctx.rules, cpuBinds, bandNotes), ...support.tiers];
  const used: CatalogEntry[] = [chosen.entry, ...support.used];
  const monthly = tiers.some((t) => t.monthly_usd === null) ? null : cents(tiers.reduce((s, t) => s + (t.monthly_usd ?? 0), 0));
  const query = load?.query ?? queryTime(workload, sizing, effectiveSearchParams(workload, ctx.data.searchParams), queryModelData(ctx.data));
  const warnings: Warning[] = [
    ...query.params.warnings,
    ...support.warnings,
    ...priceWarnings(workload, tiers, used, workload.deployment.provider),
    ...(load ? throughputWarnings(load, cpuBinds, chosen) : []),
    ...(load && cpuBinds ? mergeStateWarning(load, cpuBinds, mergedQuery(ctx, sizing)) : []),
    ...(replicaWarning ? [replicaWarning] : []),
    ...(floor?.smaller ? [floorWarning(floor.floor, chosen, floor.smaller)] : []),
    ...(search.outside ? [outsideBandWarning(chosen, search.outside)] : []),
    ...providerBelowReference(workload.deployment.provider, tiers, ctx.data.roles, workload.deployment.node_sizing),
    ...topologyWarnings({
      workload,
      sizing,
      chosen,
      rules: ctx.rules,
      dataGuidanceMemoryGib: roleMinimum(ctx.data.roles, workload.deployment.provider, 'data').guidance_memory_gib,
      indexTypes: ctx.data.indexTypes,
      ...(workload.deployment.node_sizing === 'fit' ? { dataCeiling: dataNodeCeiling(workload, ctx.data.roles) } : {}),
      outcomeFor: (type, fields) => outcomeFor(type, workload, sizing, ctx, options, fields),
    }),
  ];

  return {
    tiers,
    capacity: capacityOf({
      workload,
      fit: chosen,
      copies: sizing.shards.replicas + 1,
      primaries: sizing.shards.primaries,
      query,
      throughput: ctx.data.throughput,
      growth_factor: sizing.sizing.growth_factor ?? 1,
    }),
    monthly_usd: monthly,
    price_date: oldestDate(priceDates(chosen, used)),
    alternatives: alternatives(search, chosen, options.alternatives ?? 5, ctx.limits.headroom.tie_margin_ratio),
    warnings,
    basis: [...basis(ctx, chosen, used, search), floorBasis(workload, dataNodeFloor(workload, ctx.data.roles)), ...ceilingBasis(workload, ctx.data.roles), ...(load ? searchBasis(load, chosen, ctx.data.throughput, cpuBinds) : queryTimeBasis(query, ctx.data.throughput)), ...(load && cpuBinds ? replicaAdviceBasis(ctx.data.throughput) : []), ...supportBasis(ctx, tiers)],
  };
}

/** The query time of the same workload force-merged to one segment per shard (the merge-state what-if). */
function mergedQuery(ctx: Context, sizing: SizingResult): QueryTime {
  const merged: Workload = { ...ctx.workload, index: { ...ctx.workload.index, force_merged: true } };
  const data = queryModelData(ctx.data);
  return queryTime(merged, sizing, effectiveSearchParams(merged, data.searchParams), data);
}

export function context(workload: Workload, options: TopologyOptions): Context {
  const { data } = options;
  const model = data.nodeMemory;
  const rules = data.topology;
  const provider = workload.deployment.provider;
  const limits: SearchLimits = {
    maxShardsPerNode: rules.max_shards_per_node.value,
    maxNodes: rules.max_data_nodes.value,
    hoursPerMonth: rules.hours_per_month.value,
    throughput: data.throughput,
    headroom: {
      disk_reserve_ratio: rules.disk_merge_reserve_ratio.value + rules.disk_growth_margin_ratio.value,
      tie_margin_ratio: rules.cost_tie_margin_ratio.value,
    },
    ...(workload.deployment.price_usd_per_gb_ram_hour !== undefined ? { pricePerGbRamHour: workload.deployment.price_usd_per_gb_ram_hour } : {}),
  };
  const entries = catalogEntries(data.catalogOf(provider), options.extraCatalogEntries ?? []);
  return {
    workload,
    data,
    model,
    rules,
    policy: defaultNodePolicy(model, workload.assumptions.ram_headroom_ratio),
    limits,
    entries,
    support: new SupportPlanner({ workload, entries, roles: data.roles, model, rules, limits }),
  };
}

export function dataDemand(ctx: Context, sizing: SizingResult): DataDemand {
  const { workload } = ctx;
  return {
    total_ram_bytes: sizing.sizing.total_ram_bytes,
    total_disk_bytes: sizing.sizing.total_disk_bytes,
    total_shards: sizing.shards.total_shards,
    copies: sizing.shards.replicas + 1,
    zones: workload.availability.zones,
    survive_node_loss: workload.availability.survive_node_loss,
    ...withSearch(ctx, sizing),
  };
}

function withSearch(ctx: Context, sizing: SizingResult): Pick<DataDemand, 'search'> {
  const search = searchLoad(ctx.workload, sizing, queryModelData(ctx.data));
  return search ? { search } : {};
}

function sameFit(a: DataFit, b: DataFit | undefined): boolean {
  return b !== undefined && a.entry.id === b.entry.id && a.nodes === b.nodes;
}

/** The data-tier search result, and when nothing inside the reference band fits, the band the plan left. */
export interface BandedSearch extends DataSearchResult {
  outside?: OutsideBand;
}

export interface OutsideBand {
  floor: NodeFloor | undefined;
  ceiling: DataCeiling | undefined;
  /** Why the instances inside the band did not fit (distinct reasons, the search's words). */
  reasons: string[];
}

/**
 * The data tier under the node-sizing policy. reference: only instances inside the band (floor
 * and ceiling); when none of them holds the workload, the fitting instances nearest the band
 * (bandDistance), cheapest first, marked `outside`. fit: every eligible instance.
 */
function searchData(ctx: Context, sizing: SizingResult, opts: { withoutSearch?: boolean } = {}): BandedSearch {
  const roles = ctx.data.roles;
  const eligible = eligibleEntries(ctx.entries, ctx.workload, roles, 'data');
  const floor = dataNodeFloor(ctx.workload, roles);
  const ceiling = ctx.workload.deployment.node_sizing === 'reference' ? dataNodeCeiling(ctx.workload, roles) : undefined;
  const inBand = (e: CatalogEntry) => (!floor || meetsFloor(e, floor)) && (!ceiling || underCeiling(e, ceiling));
  const kept = eligible.filter(inBand);
  const outsideEntries = eligible.filter((e) => !inBand(e));
  const attached = ctx.data.catalogOf(ctx.workload.deployment.provider).attached_storage;
  const { search: _search, ...withoutSearch } = dataDemand(ctx, sizing);
  const demand = opts.withoutSearch ? withoutSearch : dataDemand(ctx, sizing);
  const run = (entries: readonly CatalogEntry[]) =>
    searchDataTier(entries, demand, ctx.policy, ctx.model, attached, ctx.limits, (entry, nodes) => ctx.support.layout(entry, nodes).monthly_usd);
  const result = run(kept);
  if (outsideEntries.length === 0) return result;
  if (result.fits.length === 0) {
    const outside = run(outsideEntries);
    if (outside.fits.length > 0) {
      const nearest = Math.min(...outside.fits.map((f) => bandDistance(f.entry, floor, ceiling)));
      const fits = outside.fits.filter((f) => bandDistance(f.entry, floor, ceiling) <= nearest + 1e-9);
      const reasons = [...new Set(result.excluded.map((x) => x.reason))];
      return { fits, excluded: [...outside.excluded, ...result.excluded], outside: { floor, ceiling, reasons: reasons.length > 0 ? reasons : ['no eligible instance lies inside it'] } };
    }
    return { fits: [], excluded: [...outside.excluded, ...result.excluded] };
  }
  const reason = (e: CatalogEntry) => (floor && !meetsFloor(e, floor) ? belowFloorReason(floor) : aboveCeilingReason(ceiling!));
  return { fits: result.fits, excluded: [...outsideEntries.map((entry) => ({ entry, reason: reason(entry) })), ...result.excluded] };
}

/** What the floor changed: the cheapest plan without it, when that plan uses nodes below the floor. */
interface FloorEffect {
  floor: NodeFloor;
  /** Best fit under node_sizing: fit, when it is below the floor (so the floor set the instance size). */
  smaller?: DataFit;
}

function floorEffect(ctx: Context, sizing: SizingResult, chosen: DataFit): FloorEffect | undefined {
  const floor = dataNodeFloor(ctx.workload, ctx.data.roles);
  if (!floor) return undefined;
  // Types inside the band were searched already; only the smaller ones can beat the choice.
  const below = eligibleEntries(ctx.entries, ctx.workload, ctx.data.roles, 'data').filter((e) => !meetsFloor(e, floor));
  const best = below.length > 0 ? searchData({ ...ctx, workload: fitWorkload(ctx.workload), entries: below }, sizing).fits[0] : undefined;
  return best && compareFits(best, chosen) < 0 ? { floor, smaller: best } : { floor };
}

function fitWorkload(workload: Workload): Workload {
  return { ...workload, deployment: { ...workload.deployment, node_sizing: 'fit' } };
}

/** What the ceiling changed: the cheapest plan on instances above it, when that beats the choice. */
interface CeilingEffect {
  ceiling: DataCeiling;
  bigger?: DataFit;
}

function ceilingEffect(ctx: Context, sizing: SizingResult, chosen: DataFit): CeilingEffect | undefined {
  const roles = ctx.data.roles;
  const ceiling = ctx.workload.deployment.node_sizing === 'reference' ? dataNodeCeiling(ctx.workload, roles) : undefined;
  if (!ceiling) return undefined;
  const floor = dataNodeFloor(ctx.workload, roles);
  const above = eligibleEntries(ctx.entries, ctx.workload, roles, 'data').filter((e) => !underCeiling(e, ceiling) && (!floor || meetsFloor(e, floor)));
  const best = above.length > 0 ? searchData({ ...ctx, workload: fitWorkload(ctx.workload), entries: above }, sizing).fits[0] : undefined;
  return best && compareFits(best, chosen) < 0 ? { ceiling, bigger: best } : { ceiling };
}

/**
 * The floor set the size only when the chosen type sits at it (its vCPU or its RAM is the
 * floor's); larger types were chosen for the workload, and the floor only ruled out smaller ones.
 */
function floorNote(floor: NodeFloor, chosen: DataFit): TierNote {
  const atFloor = (floor.vcpu > 0 && chosen.entry.vcpu === floor.vcpu) || chosen.entry.memory_gib === floor.memory_gib;
  return atFloor ? { code: 'INSTANCE_SIZE_SET_BY_FLOOR', params: { floor: floorText(floor) } } : { code: 'FLOOR_RULED_OUT_CHEAPER', params: { floor: floorText(floor) } };
}

/** The ceiling set the node count: the fewer, bigger nodes it rules out, and what they would save. */
function ceilingNote(ceiling: DataCeiling, chosen: DataFit, bigger: DataFit): TierNote {
  const e = bigger.entry;
  const now = planMonthly(chosen);
  const then = planMonthly(bigger);
  return {
    code: 'CEILING_SET_NODE_COUNT',
    params: {
      ceiling: ceilingText(ceiling),
      from_workload: ceiling.from_workload.length > 0,
      nodes: bigger.nodes,
      instance_type: e.instance_type,
      vcpu: e.vcpu,
      memory_gib: e.memory_gib,
      ...(now !== null && then !== null ? { saving_usd_per_month: cents(now - then) } : {}),
    },
  };
}

export function dataTier(fit: DataFit, dedicatedMasters: boolean, zones: number, rules: TopologyData, cpuBinds = false, bandNotes: readonly TierNote[] = []): Tier {
  const e = fit.entry;
  const notes: TierNote[] = [
    { code: 'STORAGE_PER_NODE', params: { storage: fit.storage.description } },
    { code: 'SHARDS_ON_FULLEST_NODE', params: { shards: fit.shards_per_node } },
    // Issue #3: say in the plan that the disk stays below the low watermark at the horizon.
    {
      code: 'FULLEST_NODE_AT_HORIZON',
      params: {
        disk_bytes: fit.disk_need_per_node_bytes,
        usable_disk_bytes: fit.capacity.usable_disk_bytes,
        disk_fill_limit_bytes: fit.disk_fill_limit_bytes,
        vector_bytes: fit.ram_need_per_node_bytes,
        vector_cache_bytes: fit.capacity.vector_cache_bytes,
      },
    },
    nodeLossNote(fit),
    ...(fit.search_threads_needed_per_node !== undefined && fit.search_threads_available_per_node !== undefined
      ? [{ code: 'SEARCH_THREADS_AT_PEAK' as const, params: { needed: fit.search_threads_needed_per_node, available: fit.search_threads_available_per_node } }]
      : []),
    { code: 'NODE_COUNT_SET_BY', params: { limit: fit.limited_by } },
    ...(cpuBinds && fit.limited_by !== 'search CPU' ? [{ code: 'INSTANCE_TYPE_SET_BY_SEARCH_CPU' as const, params: {} }] : []),
    ...bandNotes,
    dedicatedMasters
      ? { code: 'DATA_ONLY_NODES', params: {} }
      : { code: 'DATA_NODES_MASTER_ELIGIBLE', params: { dedicated_masters_from_nodes: rules.dedicated_masters_from_nodes.value, tiebreaker: zones === 2 } },
  ];
  return {
    role: 'data',
    provider: e.provider,
    instance_type: e.instance_type,
    nodes: fit.nodes,
    nodes_per_zone: fit.nodes_per_zone,
    vcpu: e.vcpu,
    memory_gib: e.memory_gib,
    disk_gb: fit.storage.disk_gb,
    disk_kind: fit.storage.disk_kind,
    heap_bytes: fit.capacity.heap_bytes,
    vector_cache_bytes: fit.capacity.vector_cache_bytes,
    usable_disk_bytes: fit.capacity.usable_disk_bytes,
    fullest_node_vector_bytes: fit.ram_need_per_node_bytes,
    fullest_node_disk_bytes: fit.disk_need_per_node_bytes,
    disk_fill_limit_bytes: fit.disk_fill_limit_bytes,
    ...(fit.node_loss
      ? {
          node_loss: {
            required: fit.node_loss.required,
            survives: fit.node_loss.survives,
            surviving_nodes_in_zone: fit.node_loss.surviving_nodes_in_zone,
            fullest_node_shard_copies: fit.node_loss.shard_copies,
            fullest_node_disk_bytes: fit.node_loss.disk_bytes,
            fullest_node_vector_bytes: fit.node_loss.vector_bytes,
            disk_headroom_bytes: fit.capacity.usable_disk_bytes - fit.node_loss.disk_bytes,
            vector_headroom_bytes: fit.capacity.vector_cache_bytes - fit.node_loss.vector_bytes,
          },
        }
      : {}),
    ...(fit.search_threads_needed_per_node !== undefined && fit.search_threads_available_per_node !== undefined
      ? { search_threads_needed_per_node: round1(fit.search_threads_needed_per_node), search_threads_available_per_node: round1(fit.search_threads_available_per_node) }
      : {}),
    price_usd_per_hour: fit.price_usd_per_hour === null ? null : Math.round(fit.price_usd_per_hour * 1e6) / 1e6,
    monthly_usd_per_node: fit.monthly_usd_per_node,
    monthly_usd: fit.monthly_usd,
    note: phraseTierNotes(notes),
    notes,
  };
}

/** What a node loss leaves on the fullest remaining node of its zone, or why no node-loss check applies. */
function nodeLossNote(fit: DataFit): TierNote {
  const l = fit.node_loss;
  if (!l) return fit.nodes === 1 ? { code: 'SINGLE_DATA_NODE', params: {} } : { code: 'NODE_LOSS_IS_ZONE_LOSS', params: {} };
  const params = {
    surviving_nodes_in_zone: l.surviving_nodes_in_zone,
    shard_copies: l.shard_copies,
    disk_bytes: l.disk_bytes,
    usable_disk_bytes: fit.capacity.usable_disk_bytes,
    vector_bytes: l.vector_bytes,
    vector_cache_bytes: fit.capacity.vector_cache_bytes,
  };
  return l.survives ? { code: 'NODE_LOSS_ABSORBED', params } : { code: 'NODE_LOSS_OVERFILLS', params };
}

/** The floor set the instance size: say what deployment.node_sizing: fit would choose and save. */
function floorWarning(floor: NodeFloor, chosen: DataFit, smaller: DataFit): Warning {
  const e = smaller.entry;
  const now = planMonthly(chosen);
  const then = planMonthly(smaller);
  const alt = `${smaller.nodes} x ${e.instance_type} (${e.vcpu} vCPU, ${e.memory_gib} GiB)`;
  const saving =
    now !== null && then !== null
      ? `, a plan $${usd(cents(now - then))} per month cheaper${now > 0 ? ` (-${(((now - then) / now) * 100).toFixed(1)}%)` : ''}`
      : ` (no prices: ${smaller.nodes * e.memory_gib} GiB of data-node RAM in total instead of ${chosen.nodes * chosen.entry.memory_gib} GiB)`;
  return {
    code: 'NODE_SIZE_FROM_GUIDANCE',
    message:
      `data nodes are ${chosen.entry.instance_type} because deployment.node_sizing: reference keeps them at or above the reference architecture's ` +
      `hot/content floor of ${floorText(floor)}; this workload alone fits on ${alt}${saving}. ` +
      "Set deployment.node_sizing: fit to allow that (dev, test); Elastic warns that deviating from its performance-tested profiles typically degrades performance and latency",
  };
}

function usd(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** The node-sizing policy the plan followed, with the floor's source. */
export function floorBasis(workload: Workload, floor: NodeFloor | undefined): BasisEntry {
  if (!floor) {
    return {
      id: 'policy.data_node_floor',
      kind: 'policy',
      description: `deployment.node_sizing: ${workload.deployment.node_sizing}: no floor on data-node size; the smallest instance that fits is allowed`,
      source: 'workload deployment.node_sizing',
    };
  }
  return {
    id: 'policy.data_node_floor',
    kind: 'policy',
    description: `deployment.node_sizing: reference: every data node has at least ${floorText(floor)}. ${floor.reasoning}`,
    inputs: { vcpu: floor.vcpu, memory_gib: floor.memory_gib },
    result: floor.memory_gib,
    unit: 'GiB RAM',
    source: `catalogs/roles.json; ${floor.source}`,
  };
}

/** The ceiling the plan kept data nodes below, with its source; under fit, the bound DATA_NODE_ABOVE_GUIDANCE uses. */
function ceilingBasis(workload: Workload, roles: RolesData): BasisEntry[] {
  const c = dataNodeCeiling(workload, roles);
  if (!c) return [];
  const reference = workload.deployment.node_sizing === 'reference';
  return [
    {
      id: 'policy.data_node_ceiling',
      kind: 'policy',
      description: reference
        ? `deployment.node_sizing: reference: every data node has at most ${ceilingText(c)} unless no instance inside the band holds the workload (DATA_NODE_BAND_EXCEEDED). ${c.reasoning}`
        : `deployment.node_sizing: fit: no ceiling on data-node size; above ${ceilingText(c)} the plan warns (DATA_NODE_ABOVE_GUIDANCE)`,
      inputs: Object.fromEntries(Object.entries({ vcpu: c.vcpu, memory_gib: c.memory_gib }).filter((kv): kv is [string, number] => kv[1] !== null)),
      ...(c.memory_gib !== null ? { result: c.memory_gib, unit: 'GiB RAM' } : {}),
      source: c.source,
    },
  ];
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function noFit(workload: Workload, search: DataSearchResult, load: SearchLoad | undefined, data: ModelData): UserError {
  const reasons = [...new Set(search.excluded.map((x) => x.reason))].slice(0, 3);
  const replicas = load ? replicasForOneCopyPerNode(workload, search, load, data) : undefined;
  return new UserError({
    path: replicas !== undefined ? 'availability.replicas' : workload.deployment.instance_families ? 'deployment.instance_families' : 'deployment.provider',
    message: `no ${workload.deployment.provider} data-node instance fits this workload (${reasons.join('; ') || 'no eligible entries'})`,
    fix:
      replicas !== undefined
        ? `set availability.replicas: ${replicas} so enough copies share each shard's queries, set a measured search.shard_query_ms, or lower the query cost (index.force_merged, search.num_candidates)`
        : `allow more families with deployment.instance_families, add entries with --catalog, or choose a smaller index type${search.excluded.some((x) => x.reason.includes('deployment.node_sizing')) ? '; deployment.node_sizing: fit allows nodes below the reference floor' : ''}`,
  });
}

/**
 * When one shard copy's queries are more than the largest eligible node can carry, only more
 * copies help: the fewest replicas (within the schema's 10) whose serving copies bring one copy's
 * threads within that node, or undefined when search CPU is not what rules every type out.
 */
function replicasForOneCopyPerNode(workload: Workload, search: DataSearchResult, load: SearchLoad, data: ModelData): number | undefined {
  if (search.excluded.length === 0 || !search.excluded.every((x) => x.reason.includes('more nodes cannot help') || x.reason.includes('deployment.node_sizing') || x.reason.includes('HDD'))) return undefined;
  const offered = Math.max(...search.excluded.filter((x) => x.reason.includes('more nodes cannot help')).map((x) => nodeSearchThreads(x.entry.vcpu, data.throughput)));
  if (!Number.isFinite(offered) || offered <= 0) return undefined;
  const perCopyAtOne = (load.peak_qps * load.shard_query_ms) / 1000;
  for (let replicas = workload.availability.replicas + 1; replicas <= 10; replicas++) {
    if (perCopyAtOne / servingCopies(replicas + 1, load.zones, load.serve_with_zone_lost) <= offered) return replicas;
  }
  return undefined;
}

function alternatives(search: DataSearchResult, chosen: DataFit, limit: number, tieMargin: number): Alternative[] {
  const rest = search.fits.slice(1);
  const picked: DataFit[] = rest.slice(0, limit);
  // Also the best of every other family, so each eligible family shows what it would cost.
  for (const f of rest) {
    if (f.entry.family !== chosen.entry.family && !picked.some((p) => p.entry.family === f.entry.family)) picked.push(f);
  }
  return picked.map((f) => ({
    provider: f.entry.provider,
    instance_type: f.entry.instance_type,
    nodes: f.nodes,
    monthly_usd: planMonthly(f),
    why_not: whyNot(f, chosen, tieMargin),
  }));
}

function whyNot(f: DataFit, chosen: DataFit, tieMargin: number): string {
  const fm = planMonthly(f);
  const cm = planMonthly(chosen);
  if (fm !== null && cm !== null) {
    const tie = tieReason(f, chosen, fm, cm, tieMargin);
    if (tie) return tie;
    const more = cents(fm - cm);
    if (more > 0) {
      const pct = cm > 0 ? ` (+${((more / cm) * 100).toFixed(1)}%)` : '';
      return `plan costs $${more.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} more per month${pct}; ${f.nodes} data nodes, set by ${f.limited_by}`;
    }
    return `same monthly cost; ${f.nodes > chosen.nodes ? 'more nodes' : 'ranks after it by name'}`;
  }
  if (fm === null && cm !== null) return 'no price in the catalog';
  if (f.nodes !== chosen.nodes) return `needs ${f.nodes} nodes instead of ${chosen.nodes} (no prices: ranked by node count, then total RAM)`;
  return `more total RAM or disk for the same node count (${f.nodes * f.entry.memory_gib} GiB vs ${chosen.nodes * chosen.entry.memory_gib} GiB)`;
}

/**
 * When the alternative is within the tie margin of the chosen plan's cost (either way) and lost on
 * preference: which preference, in the order the search applies them.
 */
function tieReason(f: DataFit, chosen: DataFit, fm: number, cm: number, tieMargin: number): string | undefined {
  const low = Math.min(fm, cm);
  if (Math.abs(fm - cm) > low * tieMargin) return undefined;
  const diff = cents(fm - cm);
  const cost =
    diff === 0
      ? 'same monthly cost'
      : `plan costs $${usd(Math.abs(diff))} ${diff > 0 ? 'more' : 'less'} per month (${diff > 0 ? '+' : '-'}${low > 0 ? ((Math.abs(diff) / cm) * 100).toFixed(1) : '0.0'}%)`;
  const margin = `within the ${(tieMargin * 100).toFixed(0)}% cost tie margin, where esplan prefers`;
  if (f.idle_nodes > 0 && chosen.idle_nodes === 0) return `${cost}, ${margin} no idle data nodes: ${f.idle_nodes} of its ${f.nodes} data nodes would hold no shard copy`;
  if (!isLocalDisk(f) && isLocalDisk(chosen)) return `${cost}, ${margin} local disk: it uses ${f.storage.description}, the chosen plan ${chosen.storage.description}`;
  const fh = fullestNodeHeadroom(f);
  const ch = fullestNodeHeadroom(chosen);
  if (fh < ch) return `${cost}, ${margin} more headroom: its fullest node keeps ${pct(fh)} free (disk below the low watermark or vector cache), the chosen plan's ${pct(ch)}`;
  return undefined;
}

function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

export function priceDates(chosen: DataFit, used: readonly CatalogEntry[]): (string | null)[] {
  const dates: (string | null)[] = used.map((e) => e.price_date);
  if (chosen.storage.attached) dates.push(chosen.storage.attached.price_date);
  if (chosen.storage.local_ssd_count !== undefined) dates.push(chosen.entry.local_ssd_options?.price_date ?? null);
  return dates;
}

export function oldestDate(dates: readonly (string | null)[]): string | null {
  const known = dates.filter((d): d is string => d !== null).sort();
  return known[0] ?? null;
}

export function priceWarnings(workload: Workload, tiers: readonly Tier[], used: readonly CatalogEntry[], provider: string): Warning[] {
  const out: Warning[] = [];
  if (tiers.some((t) => t.monthly_usd === null)) {
    out.push({
      code: 'COST_UNKNOWN',
      message:
        provider === 'elastic-cloud'
          ? 'Elastic Cloud publishes no per-configuration prices we can cite: set deployment.price_usd_per_gb_ram_hour to your price to get a cost'
          : `the ${provider} catalog has no price for ${[...new Set(tiers.filter((t) => t.monthly_usd === null).map((t) => t.instance_type))].join(', ')}: give prices with --catalog`,
    });
  }
  const region = workload.deployment.region;
  const regions = [...new Set(used.map((e) => e.region))];
  if (region && provider !== 'elastic-cloud' && provider !== 'physical' && !regions.includes(region)) {
    out.push({
      code: 'PRICE_REGION_DIFFERS',
      message: `prices are for ${regions.join(', ')}, not ${region}; give regional prices with --catalog`,
    });
  }
  const low = used.find((e) => e.elastic_cloud?.confidence.startsWith('low'));
  if (low) {
    out.push({ code: 'LOW_CONFIDENCE_CATALOG', message: `${low.family} comes from a third-party extraction of Elastic's pages (low confidence); check it in the Elastic Cloud console` });
  }
  return out;
}

/** The same workload with one change, sized again and given its cheapest data tier (the advice warnings' what-if). */
interface Replanned {
  workload: Workload;
  sizing: SizingResult;
  ctx: Context;
  fit?: DataFit;
}

function replan(raw: Workload, sizing: SizingResult, ctx: Context, options: TopologyOptions): Replanned | undefined {
  const resize = options.resize ?? ((w: Workload) => sizeWorkload(w, { constants: sizing.sizing.constants, data: ctx.data }));
  let variant: Workload;
  let resized: SizingResult;
  try {
    // Validated again: the change may not apply (dims, element type, version, license, schema limits).
    variant = parseWorkload(raw);
    resized = resize(variant);
  } catch {
    return undefined;
  }
  const vctx = { ...ctx, workload: variant };
  const fit = searchData(vctx, resized).fits[0];
  return { workload: variant, sizing: resized, ctx: vctx, ...(fit ? { fit } : {}) };
}

/** The data tier with the vector fields at `fields` (indexes; all when absent) on `type`, the others held. */
export function outcomeFor(type: IndexType, workload: Workload, sizing: SizingResult, ctx: Context, options: TopologyOptions, fields?: readonly number[]): IndexTypeOutcome | undefined {
  const r = replan({ ...workload, vectors: workload.vectors.map((v, i) => (!fields || fields.includes(i) ? { ...v, index_type: type } : v)) }, sizing, ctx, options);
  if (!r) return undefined;
  return { index_type: type, total_ram_bytes: r.sizing.sizing.total_ram_bytes, ...(r.fit ? { fit: r.fit } : {}) };
}

/** Search CPU binds: would more replicas give a cheaper plan, or one with more headroom for little more? */
function replicaAdvice(ctx: Context, sizing: SizingResult, chosen: DataFit, options: TopologyOptions): Warning | undefined {
  const { workload } = ctx;
  const data = ctx.data.throughput;
  return moreReplicasWarning({
    replicas: workload.availability.replicas,
    chosen,
    maxExtra: data.more_replicas_max_extra.value,
    maxExtraCostRatio: data.more_replicas_max_extra_cost_ratio.value,
    outcomeFor: (replicas): ReplicaOutcome | undefined => {
      const r = replan({ ...workload, availability: { ...workload.availability, replicas } }, sizing, ctx, options);
      if (!r?.fit) return undefined;
      const cpuBinds = !sameFit(r.fit, searchData(r.ctx, r.sizing, { withoutSearch: true }).fits[0]);
      return { replicas, fit: r.fit, cpuBinds };
    },
  });
}

export function basis(ctx: Context, chosen: DataFit, used: readonly CatalogEntry[], search: DataSearchResult): BasisEntry[] {
  const { model, rules, policy } = ctx;
  const out: BasisEntry[] = used.map((e) => ({
    id: e.id,
    kind: 'catalog',
    description: `${e.instance_type}: ${e.vcpu} vCPU, ${e.memory_gib} GiB, ${e.local_disk_gb} GB ${e.local_disk_kind} disk, ${e.region}${e.price_date ? `, price of ${e.price_date}` : ', no price'}`,
    ...(e.price_usd_per_hour !== null ? { result: e.price_usd_per_hour, unit: 'USD/hour' } : {}),
    source: e.source,
  }));
  if (chosen.storage.attached) {
    const a = chosen.storage.attached;
    out.push({ id: a.id, kind: 'catalog', description: `${a.product}, ${a.region}, price of ${a.price_date}`, result: a.price_usd_per_gib_month, unit: 'USD/GiB-month', source: a.source });
  }
  if (chosen.storage.local_ssd_count !== undefined && chosen.entry.local_ssd_options) {
    const o = chosen.entry.local_ssd_options;
    out.push({ id: `${chosen.entry.provider}:local-ssd`, kind: 'catalog', description: `Local SSD, ${o.disk_gib} GiB per disk, price of ${o.price_date}`, result: o.price_usd_per_hour_per_disk, unit: 'USD/disk-hour', source: o.source });
  }
  out.push(
    {
      id: 'node.heap.auto',
      kind: 'formula',
      description: 'JVM heap of a data node: Elasticsearch automatic sizing',
      expression: 'min(50% of RAM, 31 GiB), whole MiB (masters 60%; ML 40% of first 16 GiB + 10% above)',
      inputs: { memory_gib: chosen.entry.memory_gib },
      result: chosen.capacity.heap_bytes,
      unit: 'bytes',
      source: model.heap.source,
    },
    { id: 'policy.os_reserve_ratio', kind: 'policy', description: model.os_reserve_ratio.description, result: policy.os_reserve_ratio, unit: 'ratio of RAM', source: model.os_reserve_ratio.source },
    {
      id: 'policy.ram_headroom_ratio',
      kind: 'policy',
      description: model.ram_headroom_ratio.description,
      result: policy.ram_headroom_ratio,
      unit: 'ratio of page cache',
      source: ctx.workload.assumptions.ram_headroom_ratio !== undefined ? 'workload assumptions.ram_headroom_ratio' : model.ram_headroom_ratio.source,
    },
    {
      id: 'node.vector_cache',
      kind: 'formula',
      description: 'page cache one data node gives vectors',
      expression: '(RAM - heap - RAM x os_reserve_ratio) x (1 - ram_headroom_ratio)',
      inputs: { ram_bytes: chosen.capacity.ram_bytes, heap_bytes: chosen.capacity.heap_bytes, os_reserve_ratio: policy.os_reserve_ratio, ram_headroom_ratio: policy.ram_headroom_ratio },
      result: chosen.capacity.vector_cache_bytes,
      unit: 'bytes',
      source: 'formulas/node-memory.json',
    },
    {
      id: 'node.usable_disk',
      kind: 'formula',
      description: model.disk_watermark_low.description,
      expression: 'disk - min(disk x (1 - 0.85), 200 GiB)',
      inputs: { disk_bytes: chosen.capacity.disk_bytes },
      result: chosen.capacity.usable_disk_bytes,
      unit: 'bytes',
      source: model.disk_watermark_low.source,
    },
    {
      id: 'data.node_count',
      kind: 'formula',
      description: `data nodes: the cheapest multiple of the zone count whose fullest node holds its shards' vector RAM and disk${ctx.workload.search.peak_qps ? ' and carries their search threads at peak (search.*)' : ''}; ${search.fits.length} instance types fit, ${search.excluded.length} excluded`,
      expression: `k = ceil(ceil(total_shards / zones) / (nodes / zones)); k x ram_per_shard <= vector_cache; k x disk_per_shard <= usable_disk x (1 - merge_reserve - growth_margin); k <= max_shards_per_node${ctx.workload.availability.survive_node_loss ? '; with 2+ nodes per zone, k_lost = min(ceil(ceil(total_shards / zones) / (nodes / zones - 1)), primaries): k_lost x ram_per_shard <= vector_cache, k_lost x disk_per_shard <= usable_disk' : ''}${ctx.workload.search.peak_qps ? '; k x threads_per_copy <= node_search_threads' : ''}; among plans within the cost tie margin: no idle nodes, local disk, more headroom first`,
      inputs: { nodes: chosen.nodes, shards_per_node: chosen.shards_per_node, ram_need_per_node_bytes: chosen.ram_need_per_node_bytes, disk_need_per_node_bytes: chosen.disk_need_per_node_bytes },
      result: chosen.nodes,
      unit: 'nodes',
      source: `formulas/topology.json, formulas/node-memory.json${ctx.workload.search.peak_qps ? ', formulas/throughput.json' : ''}`,
    },
    { id: 'topology.zone_loss', kind: 'policy', description: rules.zone_loss.description, source: rules.zone_loss.source },
    {
      id: 'topology.node_loss',
      kind: 'policy',
      description: `${rules.node_loss.description}${ctx.workload.availability.survive_node_loss ? '' : ' (off: availability.survive_node_loss: false)'}`,
      source: `${rules.node_loss.source}; workload availability.survive_node_loss`,
    },
    { id: 'topology.disk_merge_reserve_ratio', kind: 'policy', description: rules.disk_merge_reserve_ratio.description, result: rules.disk_merge_reserve_ratio.value, unit: 'ratio of usable disk', source: rules.disk_merge_reserve_ratio.source },
    { id: 'topology.disk_growth_margin_ratio', kind: 'policy', description: rules.disk_growth_margin_ratio.description, result: rules.disk_growth_margin_ratio.value, unit: 'ratio of usable disk', source: rules.disk_growth_margin_ratio.source },
    {
      id: 'data.disk_fill_limit',
      kind: 'formula',
      description: 'the most the fullest data node is planned to fill',
      expression: 'usable_disk x (1 - disk_merge_reserve_ratio - disk_growth_margin_ratio)',
      inputs: { usable_disk_bytes: chosen.capacity.usable_disk_bytes, disk_merge_reserve_ratio: rules.disk_merge_reserve_ratio.value, disk_growth_margin_ratio: rules.disk_growth_margin_ratio.value },
      result: chosen.disk_fill_limit_bytes,
      unit: 'bytes',
      source: 'formulas/topology.json',
    },
    { id: 'topology.cost_tie_margin_ratio', kind: 'policy', description: rules.cost_tie_margin_ratio.description, result: rules.cost_tie_margin_ratio.value, unit: 'ratio of monthly cost', source: rules.cost_tie_margin_ratio.source },
    { id: 'topology.dedicated_masters_from_nodes', kind: 'constant', description: 'dedicated masters from this many Elasticsearch nodes', result: rules.dedicated_masters_from_nodes.value, unit: 'nodes', source: rules.dedicated_masters_from_nodes.source },
    { id: 'topology.max_shards_per_node', kind: 'constant', description: 'cluster.max_shards_per_node', result: rules.max_shards_per_node.value, unit: 'shards', source: rules.max_shards_per_node.source },
    { id: 'cost.hours_per_month', kind: 'constant', description: 'hours in a billing month', result: rules.hours_per_month.value, unit: 'hours', source: rules.hours_per_month.source },
  );
  if (ctx.limits.pricePerGbRamHour !== undefined) {
    out.push({ id: 'workload.price_usd_per_gb_ram_hour', kind: 'assumption', description: 'Elastic Cloud price per GB of RAM per hour, given by the workload', result: ctx.limits.pricePerGbRamHour, unit: 'USD/GB-hour', source: 'workload deployment.price_usd_per_gb_ram_hour' });
  }
  return out;
}

/** Policies behind the non-data tiers, only for the tiers the plan has. */
export function supportBasis(ctx: Context, tiers: readonly Tier[]): BasisEntry[] {
  const { rules, model, workload } = ctx;
  const roles = ctx.data.roles;
  const out: BasisEntry[] = [
    { id: 'roles.families', kind: 'policy', description: `instance families per role for ${workload.deployment.provider}${workload.deployment.instance_families ? ' (data tier: deployment.instance_families)' : ''}`, source: roles.source },
  ];
  const master = tiers.find((t) => t.role === 'master');
  if (master && master.nodes === 1) {
    out.push({ id: 'topology.tiebreaker_minimum', kind: 'policy', description: rules.tiebreaker_minimum.description, result: rules.tiebreaker_minimum.memory_gib, unit: 'GiB', source: rules.tiebreaker_minimum.source });
  }
  if (master && master.nodes > 1) {
    out.push(
      { id: 'topology.master_count', kind: 'constant', description: 'dedicated master-eligible nodes', result: rules.master_count.value, unit: 'nodes', source: rules.master_count.source },
      { id: 'topology.master_memory_by_cluster_nodes', kind: 'policy', description: rules.master_memory_by_cluster_nodes.description, source: rules.master_memory_by_cluster_nodes.source },
    );
  }
  if (master && workload.availability.zones === 2) {
    out.push({ id: 'topology.two_zone_tiebreaker', kind: 'constant', description: rules.two_zone_tiebreaker.description, source: rules.two_zone_tiebreaker.source });
  }
  if (tiers.some((t) => t.role === 'ml')) {
    out.push({ id: 'node.ml_native_memory_ratio', kind: 'constant', description: model.ml_native_memory_ratio.description, result: model.ml_native_memory_ratio.value, unit: 'ratio of RAM', source: model.ml_native_memory_ratio.source });
    if (workload.inference.model_memory_gib === undefined) {
      out.push({ id: 'topology.ml_default_model_memory_gib', kind: 'assumption', description: rules.ml_default_model_memory_gib.description ?? 'default model memory', result: rules.ml_default_model_memory_gib.value, unit: 'GiB', source: rules.ml_default_model_memory_gib.source });
    }
  }
  return out;
}
