/**
 * What every step of planning a topology shares: the options from the edge, the result shape, and
 * the context (model data, policies, limits, eligible catalog entries, the support-tier planner)
 * built once per workload; and the data-tier demand a sizing puts on it.
 */
import { catalogEntries, type CatalogEntry } from '../data/catalogs.js';
import type { ModelData } from '../data/model-data.js';
import type { NodeMemoryData, TopologyData } from '../data/node-memory.js';
import type { Alternative, BasisEntry, Capacity, Tier, Warning } from '../model/plan.js';
import type { Workload } from '../model/workload.js';
import { defaultNodePolicy, type NodePolicy } from '../sizing/node-memory.js';
import type { SizingResult } from '../sizing/size-workload.js';
import type { DataDemand, SearchLimits } from './data-tier.js';
import { ingestDemand, type IngestDemand } from './ingest-demand.js';
import { queryModelData, searchLoad } from './search-load.js';
import { SupportPlanner } from './support-plan.js';

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
  // Inference demand depends on the workload alone (rates and chunk counts), not on a sizing.
  const inference = ingestDemand(workload, undefined, data);
  return {
    workload,
    data,
    model,
    rules,
    policy: defaultNodePolicy(model, workload.assumptions.ram_headroom_ratio),
    limits,
    entries,
    support: new SupportPlanner({
      workload,
      entries,
      roles: data.roles,
      model,
      rules,
      limits,
      ...(inference.ml ? { ml: inference.ml } : {}),
      ...(inference.outside ? { inferenceOutside: inference.outside } : {}),
    }),
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
    ...(sizing.largest_shard ? { largest_shard: sizing.largest_shard } : {}),
    ...withSearch(ctx, sizing),
    ...withIndexing(ctx, sizing),
  };
}

// One ingest demand per sizing: dataDemand runs for every search of a decision (with and without
// search, the band's floor and ceiling, the what-ifs), and the basis reads it once more.
const ingestBySizing = new WeakMap<SizingResult, IngestDemand>();

/** The ingest and inference demand of a sized workload, computed once per sizing. */
export function ingestOf(ctx: Pick<Context, 'workload' | 'data'>, sizing: SizingResult): IngestDemand {
  let demand = ingestBySizing.get(sizing);
  if (!demand) ingestBySizing.set(sizing, (demand = ingestDemand(ctx.workload, sizing, ctx.data)));
  return demand;
}

/** The peak indexing load of every index with corpus.ingest_docs_per_second (formulas/ingest.json). */
export function withIndexing(ctx: Context, sizing: SizingResult): Pick<DataDemand, 'indexing'> {
  const threads = ingestOf(ctx, sizing).indexing_threads_needed;
  return threads !== undefined ? { indexing: { threads_needed: threads } } : {};
}

export function withSearch(ctx: Context, sizing: SizingResult): Pick<DataDemand, 'search'> {
  const search = searchLoad(ctx.workload, sizing, queryModelData(ctx.data));
  return search ? { search } : {};
}
