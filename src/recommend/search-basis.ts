/** The throughput model's entries in `basis` and its warning, so --explain shows how query load sized the data tier. */
import { loadThroughput } from '../data/throughput.js';
import type { BasisEntry, Warning } from '../model/plan.js';
import { fmtThreads, type DataFit } from './data-tier.js';
import { allocatedProcessors, searchPoolSize, type SearchLoad } from './search-load.js';

export function searchBasis(load: SearchLoad, chosen: DataFit, zones: number, cpuBinds: boolean): BasisEntry[] {
  const data = loadThroughput();
  const vcpu = chosen.entry.vcpu;
  const time = data.shard_query_ms[load.family];
  const needed = chosen.search_threads_needed_per_node ?? 0;
  const offered = chosen.search_threads_available_per_node ?? 0;
  return [
    {
      id: 'search.shard_query_ms',
      kind: 'assumption',
      description: load.measured
        ? 'time one shard copy takes to answer one query, measured by the user'
        : `time one shard copy takes to answer one query, assumed for ${load.family} index types: ${time.description}`,
      result: load.shard_query_ms,
      unit: 'ms',
      source: load.measured ? 'workload search.shard_query_ms' : time.source,
    },
    {
      id: 'search.threads_needed',
      kind: 'formula',
      description: 'search threads busy at peak, cluster-wide: a search queries one copy of every primary shard, one thread per shard copy',
      expression: 'peak_qps * primaries * shard_query_ms / 1000',
      inputs: { peak_qps: load.peak_qps, primaries: load.primaries, shard_query_ms: load.shard_query_ms },
      result: round3(load.threads_needed),
      unit: 'threads',
      source: data.shard_queries_per_search.source,
    },
    { id: 'policy.serve_peak_with_zone_lost', kind: 'policy', description: data.serve_peak_with_zone_lost.description, result: String(load.serve_with_zone_lost), source: data.serve_peak_with_zone_lost.source },
    {
      id: 'search.serving_copies',
      kind: 'formula',
      description: load.serve_with_zone_lost ? 'copies of each shard that serve with one zone lost (awareness puts at most ceil(copies / zones) in one zone)' : 'copies of each shard that serve',
      expression: load.serve_with_zone_lost ? 'max(1, copies - ceil(copies / zones))' : 'copies',
      inputs: load.serve_with_zone_lost ? { copies: load.copies, zones } : { copies: load.copies },
      result: load.serving_copies,
      unit: 'copies',
      source: data.serve_peak_with_zone_lost.source,
    },
    {
      id: 'search.threads_per_node',
      kind: 'formula',
      description: 'search threads the fullest data node keeps busy at peak: its shard copies, each serving its share of every query to that shard',
      expression: 'shards_per_node * peak_qps * shard_query_ms / 1000 / serving_copies',
      inputs: { shards_per_node: chosen.shards_per_node, peak_qps: load.peak_qps, shard_query_ms: load.shard_query_ms, serving_copies: load.serving_copies },
      result: round3(needed),
      unit: 'threads',
      source: `${data.shard_queries_per_search.source}; formulas/throughput.json`,
    },
    {
      id: 'search.pool_size',
      kind: 'formula',
      description: `search thread pool of one ${chosen.entry.instance_type} node (allocated_processors: ${data.search_pool_size.allocated_processors})`,
      expression: data.search_pool_size.expression,
      inputs: { vcpu, allocated_processors: allocatedProcessors(vcpu) },
      result: searchPoolSize(vcpu, data),
      unit: 'threads',
      source: data.search_pool_size.source,
    },
    { id: 'policy.busy_threads_per_processor', kind: 'policy', description: data.busy_threads_per_processor.description, result: data.busy_threads_per_processor.value, unit: 'threads per processor', source: data.busy_threads_per_processor.source },
    { id: 'policy.search_target_utilisation', kind: 'policy', description: data.target_utilisation.description, result: load.target_utilisation, unit: 'ratio of busy threads', source: data.target_utilisation.source },
    {
      id: 'search.node_threads',
      kind: 'formula',
      description: `search threads one data node offers at peak, which must be at least search.threads_per_node (${fmtThreads(needed)}); ${cpuBinds ? 'query load set this data tier (without it the plan would be cheaper or smaller)' : 'query load did not change this data tier'}`,
      expression: 'min(pool_size, allocated_processors * busy_threads_per_processor) * target_utilisation',
      inputs: {
        pool_size: searchPoolSize(vcpu, data),
        allocated_processors: allocatedProcessors(vcpu),
        busy_threads_per_processor: data.busy_threads_per_processor.value,
        target_utilisation: load.target_utilisation,
      },
      result: round3(offered),
      unit: 'threads',
      source: 'formulas/throughput.json',
    },
  ];
}

export function throughputWarnings(load: SearchLoad, cpuBinds: boolean, chosen: DataFit): Warning[] {
  if (!cpuBinds || load.measured) return [];
  return [
    {
      code: 'THROUGHPUT_ASSUMED',
      message:
        `search.peak_qps ${load.peak_qps} decided the data tier (${chosen.nodes} x ${chosen.entry.instance_type}, ` +
        `${fmtThreads(chosen.search_threads_needed_per_node ?? 0)} search threads per node busy at peak) with ${load.shard_query_ms} ms per shard query, ` +
        `an assumption for ${load.family} index types (formulas/throughput.json): measure one shard's query time with Rally on your own data and set search.shard_query_ms`,
    },
  ];
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
