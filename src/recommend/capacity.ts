/**
 * What a data tier carries: the query rate that saturates its fullest node, the peak it serves
 * within the target utilisation with one zone lost (the policy recommend sizes for), a single-query
 * latency estimate, and RAM and disk headroom with the months of growth until the low watermark.
 * Pure: the fit, the search model's query time and the throughput policies come in.
 */
import { indicesOf } from '../model/indices.js';
import type { ThroughputData } from '../data/throughput.js';
import type { Capacity } from '../model/plan.js';
import type { Workload } from '../model/workload.js';
import type { DataFit } from './data-tier.js';
import type { QueryTime } from './query-time.js';
import { nodeBusyThreads, servingCopies, servingNodes } from './search-load.js';

export interface CapacityInputs {
  workload: Workload;
  fit: DataFit;
  /** Shard copies allocated (replicas beyond the node count stay unassigned). */
  copies: number;
  primaries: number;
  query: QueryTime;
  throughput: ThroughputData;
  /** Compound growth from now to the horizon (the fit's needs are at the horizon). */
  growth_factor: number;
}

export function capacityOf(i: CapacityInputs): Capacity {
  const { workload, fit, query, throughput } = i;
  const zones = workload.availability.zones;
  const zoneLost = throughput.serve_peak_with_zone_lost.value && zones > 1;
  const busy = nodeBusyThreads(fit.entry.vcpu, throughput);
  const util = throughput.target_utilisation.value;
  const allCopies = servingCopies(i.copies, zones, false);
  const lostCopies = servingCopies(i.copies, zones, zoneLost);
  const lostNodes = servingNodes(fit.nodes, zones, zoneLost);
  const shardSec = query.shard_ms / 1000;
  const overheadSec = query.overhead.ms / 1000;
  // Thread-seconds one search costs the fullest node: its shard copies' share plus its share of coordination.
  const perSearchAll = (fit.shards_per_node * shardSec) / allCopies + overheadSec / fit.nodes;
  const perSearchLost = (fit.shards_per_node * shardSec) / lostCopies + overheadSec / lostNodes;
  const saturation = perSearchAll > 0 ? busy / perSearchAll : Infinity;
  const maxPeak = perSearchLost > 0 ? (busy * util) / perSearchLost : Infinity;
  const peak = workload.search.peak_qps ?? null;
  // One query on an idle cluster: a node runs its share of the query's shard requests on its busy threads in parallel.
  const shardRequestsPerNode = Math.ceil(i.primaries / fit.nodes);
  const latency = Math.ceil(shardRequestsPerNode / Math.max(1, Math.floor(busy))) * query.shard_ms + query.overhead.ms;

  const ramNeed = fit.ram_need_per_node_bytes;
  const ramHave = fit.capacity.vector_cache_bytes;
  const diskNeed = fit.disk_need_per_node_bytes;
  const diskHave = fit.capacity.usable_disk_bytes;
  // Several indices: the fastest-growing one sets how soon the headroom runs out.
  const rate = Math.max(...indicesOf(workload).map((ix) => ix.corpus.growth.monthly_rate));
  return {
    data_tier: { instance_type: fit.entry.instance_type, nodes: fit.nodes, nodes_per_zone: fit.nodes_per_zone, fullest_node_shard_copies: fit.shards_per_node },
    search: {
      shard_query_ms: round3(query.shard_ms),
      shard_query_ms_basis: query.measured ? 'measured' : query.fields.length ? 'model' : 'assumption',
      overhead_ms: round3(query.overhead.ms),
      latency_ms: round3(latency),
      busy_threads_per_node: busy,
      target_utilisation: util,
      serving_copies: allCopies,
      serving_copies_zone_lost: lostCopies,
      zone_loss_policy: zoneLost,
      saturation_qps: qps(saturation),
      max_peak_qps: qps(maxPeak),
      peak_qps: peak,
      peak_share_of_max: peak === null || !Number.isFinite(maxPeak) || maxPeak === 0 ? null : round3(peak / maxPeak),
      k: query.params.k,
      num_candidates: query.params.num_candidates,
      filter_selectivity: query.params.filter_selectivity,
      force_merged: query.params.force_merged,
      segments_per_shard: query.segments,
      defaulted: [...query.params.defaulted],
    },
    ram: headroom(ramNeed, ramHave, monthsUntil(ramNeed, ramHave, i.growth_factor, rate)),
    disk: { ...headroom(diskNeed, diskHave, undefined), months_until_low_watermark: monthsUntil(diskNeed, diskHave, i.growth_factor, rate) },
  };
}

function headroom(need: number, have: number, months: number | null | undefined) {
  return {
    needed_bytes: need,
    available_bytes: have,
    headroom_bytes: have - need,
    headroom_ratio: have > 0 ? round3((have - need) / have) : 0,
    fits: need <= have,
    ...(months !== undefined ? { months_until_full: months } : {}),
  };
}

/**
 * Whole months from now until a need that grows by `rate` a month passes `have`. The need given
 * is at the horizon; today's is that divided by the growth factor. 0 when it is already above;
 * null when it never gets there (no growth) or only after MAX_MONTHS.
 */
export function monthsUntil(needAtHorizon: number, have: number, growthFactor: number, rate: number): number | null {
  const now = needAtHorizon / growthFactor;
  if (now > have) return 0;
  if (rate <= 0 || now <= 0) return null;
  const months = Math.log(have / now) / Math.log1p(rate);
  return Number.isFinite(months) && months <= MAX_MONTHS ? Math.floor(months) : null;
}

/** A century: beyond any planning horizon the workload schema allows (120 months). */
const MAX_MONTHS = 1200;

function qps(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 10) / 10 : 0;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
