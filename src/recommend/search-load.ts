/**
 * Search throughput. A search queries one copy of every primary shard, one thread per shard copy,
 * so each primary receives peak_qps queries per second, spread over the copies that serve it. By
 * Little's law a shard copy keeps qps x shard_query_ms / 1000 / serving_copies threads busy, and a
 * node keeps that times the shard copies it holds. A node offers its search thread pool, at most
 * one busy thread per core, times the target utilisation. With the zone-loss policy the copies in
 * one zone do not serve. Constants and policies: formulas/throughput.json.
 */
import { indexTypeInfo, loadIndexTypes } from '../data/index-types.js';
import { loadThroughput, type QueryFamily, type ThroughputData } from '../data/throughput.js';
import type { Workload } from '../model/workload.js';
import { evaluate } from '../sizing/expr.js';
import type { SizingResult } from '../sizing/size-workload.js';

export interface SearchLoad {
  peak_qps: number;
  primaries: number;
  copies: number;
  /** Copies of each shard that serve at peak (those outside a lost zone, per policy). */
  serving_copies: number;
  shard_query_ms: number;
  /** True when search.shard_query_ms gave the time; false when it is the data file's assumption. */
  measured: boolean;
  family: QueryFamily;
  /** Search threads busy at peak, cluster-wide: peak_qps x primaries x shard_query_ms / 1000. */
  threads_needed: number;
  /** Search threads one shard copy keeps busy at peak. */
  threads_per_copy: number;
  target_utilisation: number;
  serve_with_zone_lost: boolean;
}

/** The query load a workload puts on the data tier; undefined when it gives no (or zero) peak_qps. */
export function searchLoad(workload: Workload, sizing: SizingResult, data: ThroughputData = loadThroughput()): SearchLoad | undefined {
  const qps = workload.search.peak_qps;
  if (qps === undefined || qps <= 0) return undefined;
  const family = slowestFamily(sizing, data);
  const measured = workload.search.shard_query_ms;
  const ms = measured ?? data.shard_query_ms[family].value;
  const primaries = sizing.shards.primaries;
  const copies = sizing.shards.replicas + 1;
  // With one zone there is no zone to lose while the cluster keeps serving: every copy serves.
  const zoneLost = data.serve_peak_with_zone_lost.value && workload.availability.zones > 1;
  const serving = servingCopies(copies, workload.availability.zones, zoneLost);
  return {
    peak_qps: qps,
    primaries,
    copies,
    serving_copies: serving,
    shard_query_ms: ms,
    measured: measured !== undefined,
    family,
    threads_needed: (qps * primaries * ms) / 1000,
    threads_per_copy: (qps * ms) / 1000 / serving,
    target_utilisation: data.target_utilisation.value,
    serve_with_zone_lost: zoneLost,
  };
}

/** Copies of a shard left serving: awareness puts at most ceil(copies / zones) of them in one zone. */
export function servingCopies(copies: number, zones: number, zoneLost: boolean): number {
  return Math.max(1, zoneLost ? copies - Math.ceil(copies / zones) : copies);
}

/** The structure whose assumed per-shard time is longest among the vector fields: a query may hit any of them. */
function slowestFamily(sizing: SizingResult, data: ThroughputData): QueryFamily {
  const types = loadIndexTypes();
  let family: QueryFamily = 'none';
  for (const v of sizing.sizing.vectors) {
    const structure = indexTypeInfo(types, v.index_type).structure as QueryFamily;
    if (family === 'none' || data.shard_query_ms[structure].value > data.shard_query_ms[family].value) family = structure;
  }
  return family;
}

/** Whole processors Elasticsearch allocates on a node of `vcpu` vCPU (formulas/throughput.json). */
export function allocatedProcessors(vcpu: number): number {
  return Math.max(1, Math.floor(vcpu));
}

/** Threads in one node's search thread pool. */
export function searchPoolSize(vcpu: number, data: ThroughputData = loadThroughput()): number {
  return evaluate(data.pool_expr, { allocated_processors: allocatedProcessors(vcpu) });
}

/** Search threads one node can keep busy at peak: pool size, at most the per-core cap, times the target utilisation. */
export function nodeSearchThreads(vcpu: number, data: ThroughputData = loadThroughput()): number {
  const busy = Math.min(searchPoolSize(vcpu, data), allocatedProcessors(vcpu) * data.busy_threads_per_processor.value);
  return busy * data.target_utilisation.value;
}

/** Search threads the fullest node keeps busy at peak when it holds `shardCopies` shard copies. */
export function nodeThreadsNeeded(shardCopies: number, load: SearchLoad): number {
  return shardCopies * load.threads_per_copy;
}
