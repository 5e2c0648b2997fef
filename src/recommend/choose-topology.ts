/**
 * Recommender entry point: the cheapest zone-balanced topology that fits a sizing.
 * Data tier by exhaustive search over the eligible catalog entries; masters, ML and Kibana by
 * Elastic's placement rules; every catalog entry and policy used goes into `basis`.
 */
import { roleMinimum, type CatalogEntry } from '../data/catalogs.js';
import type { Tier, Warning } from '../model/plan.js';
import type { TierNote } from '../model/tier-notes.js';
import type { Workload } from '../model/workload.js';
import type { SizingResult } from '../sizing/size-workload.js';
import { cents } from './data-tier.js';
import { bandText, dataNodeCeiling, dataNodeFloor } from './eligible.js';
import { outsideBandWarning, providerBelowReference } from './band-warnings.js';
import { replicaAdviceBasis } from './replica-advice.js';
import { mergeStateWarning, queryTimeBasis, searchBasis, throughputWarnings } from './search-basis.js';
import { capacityOf } from './capacity.js';
import { queryTime } from './query-time.js';
import { indexSizingResult, queryModelData } from './search-load.js';
import { effectiveSearchParams } from '../sizing/search-params.js';
import { topologyWarnings } from './warnings.js';
import { alternatives } from './alternatives.js';
import { ceilingEffect, ceilingNote, floorEffect, floorNote, floorWarning, noFit, sameFit, searchData } from './data-decision.js';
import { dataTier } from './data-tier-view.js';
import { oldestDate, priceDates, priceWarnings } from './pricing.js';
import { Replanner } from './replanner.js';
import { basis, ceilingBasis, floorBasis, supportBasis } from './topology-basis.js';
import { context, dataDemand, ingestOf, type Topology, type TopologyOptions } from './topology-context.js';

export type { Context, Topology, TopologyOptions } from './topology-context.js';

export function chooseTopology(workload: Workload, sizing: SizingResult, options: TopologyOptions): Topology {
  const ctx = context(workload, options);
  const search = searchData(ctx, sizing);
  const chosen = search.fits[0];
  // The query load the search priced (one query-cost evaluation for the whole decision).
  const load = dataDemand(ctx, sizing).search;
  if (!chosen) throw noFit(workload, search, load, ctx.data);

  const support = ctx.support.layout(chosen.entry, chosen.nodes);
  // Query load decided the data tier when, without it, the cheapest plan would differ.
  const cpuBinds = load !== undefined && !sameFit(chosen, searchData(ctx, sizing, { withoutSearch: true }).fits[0]);
  const replanner = new Replanner(ctx, sizing, options);
  const replicaWarning = load && cpuBinds ? replanner.replicaAdvice(chosen) : undefined;
  const floor = search.outside ? undefined : floorEffect(ctx, sizing, chosen);
  const ceiling = search.outside ? undefined : ceilingEffect(ctx, sizing, chosen);
  const bandNotes: TierNote[] = [
    ...(floor?.smaller ? [floorNote(floor.floor, chosen)] : []),
    ...(ceiling?.bigger ? [ceilingNote(ceiling.ceiling, chosen, ceiling.bigger)] : []),
    ...(search.outside ? [{ code: 'OUTSIDE_DATA_NODE_BAND' as const, params: { band: bandText(search.outside.floor, search.outside.ceiling) } }] : []),
  ];
  const tiers: Tier[] = [dataTier(chosen, support.dedicatedMasters, workload.availability.zones, ctx.rules, ctx.limits, cpuBinds, bandNotes), ...support.tiers];
  const used: CatalogEntry[] = [chosen.entry, ...support.used];
  const monthly = tiers.some((t) => t.monthly_usd === null) ? null : cents(tiers.reduce((s, t) => s + (t.monthly_usd ?? 0), 0));
  // Several indices without a query load: the first index's query describes the search.
  const first = sizing.indices.length > 1 ? sizing.indices[0] : undefined;
  const queryView = first ? first.view : workload;
  const querySized = first ? indexSizingResult(first) : sizing;
  const query = load?.query ?? queryTime(queryView, querySized, effectiveSearchParams(queryView, ctx.data.searchParams), queryModelData(ctx.data));
  const warnings: Warning[] = [
    ...query.params.warnings,
    ...support.warnings,
    ...priceWarnings(workload, tiers, used, workload.deployment.provider),
    ...(load ? throughputWarnings(load, cpuBinds, chosen) : []),
    ...(load && cpuBinds ? mergeStateWarning(load, cpuBinds, replanner.mergedQuery()) : []),
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
      outcomeFor: (type, fields) => replanner.indexTypeOutcome(type, fields),
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
    basis: [...basis(ctx, chosen, used, search), floorBasis(workload, dataNodeFloor(workload, ctx.data.roles)), ...ceilingBasis(workload, ctx.data.roles), ...(load ? searchBasis(load, chosen, ctx.data.throughput, cpuBinds) : queryTimeBasis(query, ctx.data.throughput)), ...(load && cpuBinds ? replicaAdviceBasis(ctx.data.throughput) : []), ...supportBasis(ctx, tiers), ...ingestOf(ctx, sizing).basis],
  };
}
