/**
 * The data-tier decision: the search under the node-sizing policy (inside the reference band, or
 * the nearest instances outside it), what the band's floor and ceiling changed, and the refusal
 * when nothing fits.
 */
import type { CatalogEntry, NodeFloor } from '../data/catalogs.js';
import type { ModelData } from '../data/model-data.js';
import type { Warning } from '../model/plan.js';
import type { TierNote } from '../model/tier-notes.js';
import { UserError } from '../model/problems.js';
import { MAX_REPLICAS, type Workload } from '../model/workload.js';
import type { SizingResult } from '../sizing/size-workload.js';
import { cents, compareFits, planMonthly, searchDataTier, type DataFit, type DataSearchResult } from './data-tier.js';
import { aboveCeilingReason, bandDistance, belowFloorReason, ceilingText, dataNodeCeiling, dataNodeFloor, eligibleEntries, floorText, meetsFloor, underCeiling, type DataCeiling } from './eligible.js';
import { nodeSearchThreads, servingCopies, type SearchLoad } from './search-load.js';
import { usd } from './money.js';
import { type Context, dataDemand } from './topology-context.js';

export function sameFit(a: DataFit, b: DataFit | undefined): boolean {
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
export function searchData(ctx: Context, sizing: SizingResult, opts: { withoutSearch?: boolean } = {}): BandedSearch {
  const roles = ctx.data.roles;
  const eligible = eligibleEntries(ctx.entries, ctx.workload, roles, 'data');
  const floor = dataNodeFloor(ctx.workload, roles);
  const ceiling = ctx.workload.deployment.node_sizing === 'reference' ? dataNodeCeiling(ctx.workload, roles) : undefined;
  const inBand = (e: CatalogEntry) => (!floor || meetsFloor(e, floor)) && (!ceiling || underCeiling(e, ceiling));
  const kept = eligible.filter(inBand);
  const outsideEntries = eligible.filter((e) => !inBand(e));
  const attached = ctx.data.catalogOf(ctx.workload.deployment.provider).attached_storage;
  const full = dataDemand(ctx, sizing);
  const { search: _search, ...withoutSearch } = full;
  const demand = opts.withoutSearch ? withoutSearch : full;
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
export interface FloorEffect {
  floor: NodeFloor;
  /** Best fit under node_sizing: fit, when it is below the floor (so the floor set the instance size). */
  smaller?: DataFit;
}

export function floorEffect(ctx: Context, sizing: SizingResult, chosen: DataFit): FloorEffect | undefined {
  const floor = dataNodeFloor(ctx.workload, ctx.data.roles);
  if (!floor) return undefined;
  // Types inside the band were searched already; only the smaller ones can beat the choice.
  const below = eligibleEntries(ctx.entries, ctx.workload, ctx.data.roles, 'data').filter((e) => !meetsFloor(e, floor));
  const best = below.length > 0 ? searchData({ ...ctx, workload: fitWorkload(ctx.workload), entries: below }, sizing).fits[0] : undefined;
  return best && compareFits(best, chosen) < 0 ? { floor, smaller: best } : { floor };
}

export function fitWorkload(workload: Workload): Workload {
  return { ...workload, deployment: { ...workload.deployment, node_sizing: 'fit' } };
}

/** What the ceiling changed: the cheapest plan on instances above it, when that beats the choice. */
export interface CeilingEffect {
  ceiling: DataCeiling;
  bigger?: DataFit;
}

export function ceilingEffect(ctx: Context, sizing: SizingResult, chosen: DataFit): CeilingEffect | undefined {
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
export function floorNote(floor: NodeFloor, chosen: DataFit): TierNote {
  const atFloor = (floor.vcpu > 0 && chosen.entry.vcpu === floor.vcpu) || chosen.entry.memory_gib === floor.memory_gib;
  return atFloor ? { code: 'INSTANCE_SIZE_SET_BY_FLOOR', params: { floor: floorText(floor) } } : { code: 'FLOOR_RULED_OUT_CHEAPER', params: { floor: floorText(floor) } };
}

/** The ceiling set the node count: the fewer, bigger nodes it rules out, and what they would save. */
export function ceilingNote(ceiling: DataCeiling, chosen: DataFit, bigger: DataFit): TierNote {
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

/** The floor set the instance size: say what deployment.node_sizing: fit would choose and save. */
export function floorWarning(floor: NodeFloor, chosen: DataFit, smaller: DataFit): Warning {
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

export function noFit(workload: Workload, search: DataSearchResult, load: SearchLoad | undefined, data: ModelData): UserError {
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
 * copies help: the fewest replicas (within the schema's MAX_REPLICAS) whose serving copies bring one copy's
 * threads within that node, or undefined when search CPU is not what rules every type out.
 */
export function replicasForOneCopyPerNode(workload: Workload, search: DataSearchResult, load: SearchLoad, data: ModelData): number | undefined {
  if (search.excluded.length === 0 || !search.excluded.every((x) => x.reason.includes('more nodes cannot help') || x.reason.includes('deployment.node_sizing') || x.reason.includes('HDD'))) return undefined;
  const offered = Math.max(...search.excluded.filter((x) => x.reason.includes('more nodes cannot help')).map((x) => nodeSearchThreads(x.entry.vcpu, data.throughput)));
  if (!Number.isFinite(offered) || offered <= 0) return undefined;
  const perCopyAtOne = (load.peak_qps * load.shard_query_ms) / 1000;
  for (let replicas = workload.availability.replicas + 1; replicas <= MAX_REPLICAS; replicas++) {
    if (perCopyAtOne / servingCopies(replicas + 1, load.zones, load.serve_with_zone_lost) <= offered) return replicas;
  }
  return undefined;
}
