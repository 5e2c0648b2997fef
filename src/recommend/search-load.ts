/**
 * Search throughput. A search queries one copy of every primary shard, one thread per shard copy,
 * so each primary receives peak_qps queries per second, spread over the copies that serve it. By
 * Little's law a shard copy keeps qps x shard_ms / 1000 / serving_copies threads busy, and a node
 * keeps that times the shard copies it holds, plus its share of coordinating every search (parse,
 * reduce, fetch). The shard time comes from the query-cost model (query-time.ts) unless the
 * workload gives a measured search.shard_query_ms. A node offers its search thread pool, at most
 * one busy thread per core, times the target utilisation. With the zone-loss policy the copies and
 * nodes in one zone do not serve. Constants and policies: formulas/throughput.json.
 */
import type { ModelData } from '../data/model-data.js';
import type { QueryFamily, ThroughputData } from '../data/throughput.js';
import type { Workload } from '../model/workload.js';
import { evaluate } from '../sizing/expr.js';
import { effectiveSearchParams } from '../sizing/search-params.js';
import type { IndexSizing, SizingResult } from '../sizing/size-workload.js';
import { queryTime, type QueryModelData, type QueryTime } from './query-time.js';

export interface SearchLoad {
  peak_qps: number;
  primaries: number;
  copies: number;
  zones: number;
  /** Copies of each shard that serve at peak (those outside a lost zone, per policy). */
  serving_copies: number;
  /** Milliseconds one shard copy works on one query (modelled, or measured by the user). */
  shard_query_ms: number;
  /** Milliseconds of coordination, reduce and fetch per search. */
  overhead_ms: number;
  /** True when search.shard_query_ms gave the time; false when the query-cost model did. */
  measured: boolean;
  family: QueryFamily;
  /** Search threads busy at peak, cluster-wide: peak_qps x (primaries x shard_query_ms + overhead_ms) / 1000. */
  threads_needed: number;
  /** Search threads one shard copy keeps busy at peak. */
  threads_per_copy: number;
  target_utilisation: number;
  serve_with_zone_lost: boolean;
  query: QueryTime;
}

/** The part of the model data the search model reads. */
export function queryModelData(data: ModelData): QueryModelData {
  return { throughput: data.throughput, cost: data.queryCost, types: data.indexTypes, searchParams: data.searchParams, bbqDefaultOversample: data.bbqDefaultOversample };
}

/** The query load a workload puts on the data tier; undefined when it gives no (or zero) peak_qps. */
export function searchLoad(workload: Workload, sizing: SizingResult, data: QueryModelData, residentScale = 1): SearchLoad | undefined {
  if (sizing.indices.length > 1) {
    return combinedLoad(
      sizing.indices.flatMap((ix) => {
        const qps = ix.view.search.peak_qps;
        if (qps === undefined || qps <= 0) return [];
        const one = indexSizingResult(ix);
        return [searchLoadAt(qps, ix.view, one, queryTime(ix.view, one, effectiveSearchParams(ix.view, data.searchParams), data, residentScale), data.throughput)];
      }),
    );
  }
  const qps = workload.search.peak_qps;
  if (qps === undefined || qps <= 0) return undefined;
  return searchLoadAt(qps, workload, sizing, queryTime(workload, sizing, effectiveSearchParams(workload, data.searchParams), data, residentScale), data.throughput);
}

/** One index of a sized workload as a sizing result of its own (what the per-index query model reads). */
export function indexSizingResult(ix: IndexSizing): SizingResult {
  return { sizing: ix.sizing, shards: ix.shards, indices: [ix], warnings: [], basis: [] };
}

/**
 * Several indices' loads as one the data tier can price: every shard copy is planned to keep as
 * many threads busy as the busiest index's copies (the node's shard count is of all indices);
 * coordination is the sum over indices; the busiest index's query describes the load.
 */
export function combinedLoad(loads: readonly SearchLoad[]): SearchLoad | undefined {
  if (loads.length <= 1) return loads[0];
  const busiest = loads.reduce((a, b) => (b.threads_per_copy > a.threads_per_copy ? b : a));
  const peak = Math.max(...loads.map((l) => l.peak_qps));
  const coordination = loads.reduce((s, l) => s + l.peak_qps * l.overhead_ms, 0);
  return {
    ...busiest,
    peak_qps: peak,
    primaries: loads.reduce((s, l) => s + l.primaries, 0),
    copies: Math.max(...loads.map((l) => l.copies)),
    overhead_ms: coordination / peak,
    threads_needed: loads.reduce((s, l) => s + l.threads_needed, 0),
  };
}

/** The load `qps` puts on the data tier with a given query time (evaluate uses it with its own cache fit). */
export function searchLoadAt(qps: number, workload: Workload, sizing: SizingResult, query: QueryTime, data: ThroughputData): SearchLoad {
  const primaries = sizing.shards.primaries;
  const copies = sizing.shards.replicas + 1;
  const zones = workload.availability.zones;
  const zoneLost = data.serve_peak_with_zone_lost.value && zones > 1;
  const serving = servingCopies(copies, zones, zoneLost);
  const ms = query.shard_ms;
  // Routing and index-per-tenant send a query to its tenant's shards only, not to every primary.
  const touched = shardsPerQuery(workload, primaries);
  return {
    peak_qps: qps,
    primaries,
    copies,
    zones,
    serving_copies: serving,
    shard_query_ms: ms,
    overhead_ms: query.overhead.ms,
    measured: query.measured,
    family: query.family,
    threads_needed: (qps * (touched * ms + query.overhead.ms)) / 1000,
    threads_per_copy: (qps * ms * copyShare(workload, touched, primaries)) / 1000 / serving,
    target_utilisation: data.target_utilisation.value,
    serve_with_zone_lost: zoneLost,
    query,
  };
}

/**
 * Primaries one search reaches: all of them, except with tenancy routing (the tenant's
 * routing_partition_size shards, 1 by default: index.routing_partition_size) and one index per
 * tenant (that tenant's single-shard index).
 */
export function shardsPerQuery(workload: Pick<Workload, 'tenancy'>, primaries: number): number {
  const t = workload.tenancy;
  if (t?.strategy === 'routing') return Math.min(primaries, t.routing_partition_size ?? 1);
  if (t?.strategy === 'index_per_tenant') return 1;
  return primaries;
}

/**
 * The share of all searches one shard copy answers: touched/primaries when queries spread over
 * the primaries; with one index per tenant, the largest tenant's share of the queries (its index
 * is the busiest), planned as its share of the documents.
 */
function copyShare(workload: Pick<Workload, 'tenancy'>, touched: number, primaries: number): number {
  const t = workload.tenancy;
  if (t?.strategy === 'index_per_tenant') return t.largest_tenant_share;
  return touched / primaries;
}

/** Copies of a shard left serving: awareness puts at most ceil(copies / zones) of them in one zone. */
export function servingCopies(copies: number, zones: number, zoneLost: boolean): number {
  return Math.max(1, zoneLost && zones > 1 ? copies - Math.ceil(copies / zones) : copies);
}

/** Data nodes left to coordinate searches: those outside the lost zone, per policy. */
export function servingNodes(nodes: number, zones: number, zoneLost: boolean): number {
  return Math.max(1, zoneLost && zones > 1 ? nodes - Math.ceil(nodes / zones) : nodes);
}

/** Whole processors Elasticsearch allocates on a node of `vcpu` vCPU (formulas/throughput.json). */
export function allocatedProcessors(vcpu: number): number {
  return Math.max(1, Math.floor(vcpu));
}

/** Threads in one node's search thread pool. */
export function searchPoolSize(vcpu: number, data: ThroughputData): number {
  return evaluate(data.pool_expr, { allocated_processors: allocatedProcessors(vcpu) });
}

/** Search threads one node can keep busy: pool size, at most the per-core cap (saturation). */
export function nodeBusyThreads(vcpu: number, data: ThroughputData): number {
  return Math.min(searchPoolSize(vcpu, data), allocatedProcessors(vcpu) * data.busy_threads_per_processor.value);
}

/** Search threads one node can keep busy at peak: its busy threads times the target utilisation. */
export function nodeSearchThreads(vcpu: number, data: ThroughputData): number {
  return nodeBusyThreads(vcpu, data) * data.target_utilisation.value;
}

/**
 * Search threads the fullest node keeps busy at peak when it holds `shardCopies` shard copies in a
 * data tier of `nodes` nodes: its shard work plus its share of coordinating every search.
 */
export function nodeThreadsNeeded(shardCopies: number, load: SearchLoad, nodes: number): number {
  return shardCopies * load.threads_per_copy + coordinationThreadsPerNode(load, nodes);
}

/** Threads one node spends coordinating searches (parse, reduce, fetch) when `nodes` share them. */
export function coordinationThreadsPerNode(load: SearchLoad, nodes: number): number {
  return (load.peak_qps * load.overhead_ms) / 1000 / servingNodes(nodes, load.zones, load.serve_with_zone_lost);
}
