/** The throughput model's entries in `basis` and its warning, so --explain shows how query load sized the data tier. */
import type { ThroughputData } from '../data/throughput.js';
import type { BasisEntry, Warning } from '../model/plan.js';
import type { CostTerm } from '../sizing/query-cost.js';
import { fmtThreads, type DataFit } from './data-tier.js';
import type { QueryTime } from './query-time.js';
import { allocatedProcessors, coordinationThreadsPerNode, searchPoolSize, type SearchLoad } from './search-load.js';

/** How one query's shard time and coordination cost were found: the model's terms, or the user's measurement. */
export function queryTimeBasis(q: QueryTime, data: ThroughputData): BasisEntry[] {
  const out: BasisEntry[] = [];
  const p = q.params;
  out.push({
    id: 'search.query_params',
    kind: p.defaulted.length ? 'assumption' : 'policy',
    description: `query parameters the cost model prices${p.defaulted.length ? ` (defaulted: ${p.defaulted.join(', ')})` : ''}`,
    inputs: { k: p.k, num_candidates: p.num_candidates, filter_selectivity: p.filter_selectivity, force_merged: String(p.force_merged) },
    source: 'workload search.k, search.num_candidates, search.filter_selectivity, index.force_merged (defaults: formulas/)',
  });
  out.push(...q.segment_terms.map((t) => termBasis(t)));
  for (const f of q.fields) {
    out.push(...f.cost.terms.map((t) => termBasis(t, f.field)));
    out.push({
      id: `query_cost.shard_ms[${f.field}]`,
      kind: 'formula',
      description: `CPU time one shard copy spends on one query of ${f.field} (${f.index_type}, ${f.vectors_per_shard.toLocaleString('en-US')} vectors per shard, ${q.segments} segment${q.segments === 1 ? '' : 's'}, ${round3(f.resident_ratio)} of its working set in the page cache)`,
      expression: 'sum of the query_cost terms above',
      result: round3(f.cost.ms),
      unit: 'ms',
      source: 'formulas/query-cost.json (calibration: docs/throughput.md)',
    });
  }
  out.push(...q.overhead.terms.map((t) => termBasis(t)));
  out.push(
    q.measured
      ? { id: 'search.shard_query_ms', kind: 'assumption', description: 'time one shard copy takes to answer one query, measured by the user (replaces the model)', result: q.shard_ms, unit: 'ms', source: 'workload search.shard_query_ms' }
      : q.fields.length
        ? {
            id: 'search.shard_query_ms',
            kind: 'formula',
            description: `time one shard copy takes to answer one query: the slowest vector field's (${q.slowest_field}), since a query may search any of them`,
            expression: 'max over fields of query_cost.shard_ms[field]',
            result: round3(q.shard_ms),
            unit: 'ms',
            source: 'formulas/query-cost.json',
          }
        : { id: 'search.shard_query_ms', kind: 'assumption', description: `time one shard copy takes to answer one lexical query: ${data.shard_query_ms.none.description}`, result: q.shard_ms, unit: 'ms', source: data.shard_query_ms.none.source },
  );
  return out;
}

export function searchBasis(load: SearchLoad, chosen: DataFit, data: ThroughputData, cpuBinds: boolean): BasisEntry[] {
  const vcpu = chosen.entry.vcpu;
  const needed = chosen.search_threads_needed_per_node ?? 0;
  const offered = chosen.search_threads_available_per_node ?? 0;
  return [
    ...queryTimeBasis(load.query, data),
    {
      id: 'search.threads_needed',
      kind: 'formula',
      description: 'search threads busy at peak, cluster-wide: a search queries one copy of every primary shard, one thread per shard copy, and is coordinated once',
      expression: 'peak_qps * (primaries * shard_query_ms + overhead_ms) / 1000',
      inputs: { peak_qps: load.peak_qps, primaries: load.primaries, shard_query_ms: round3(load.shard_query_ms), overhead_ms: round3(load.overhead_ms) },
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
      inputs: load.serve_with_zone_lost ? { copies: load.copies, zones: load.zones } : { copies: load.copies },
      result: load.serving_copies,
      unit: 'copies',
      source: data.serve_peak_with_zone_lost.source,
    },
    {
      id: 'search.threads_per_node',
      kind: 'formula',
      description: 'search threads the fullest data node keeps busy at peak: its shard copies, each serving its share of every query to that shard, plus its share of coordinating searches',
      expression: 'shards_per_node * peak_qps * shard_query_ms / 1000 / serving_copies + peak_qps * overhead_ms / 1000 / serving_nodes',
      inputs: {
        shards_per_node: chosen.shards_per_node,
        peak_qps: load.peak_qps,
        shard_query_ms: round3(load.shard_query_ms),
        serving_copies: load.serving_copies,
        overhead_ms: round3(load.overhead_ms),
        coordination_threads: round3(coordinationThreadsPerNode(load, chosen.nodes)),
      },
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

/**
 * Query load set the data tier from the model rather than a measurement: say which of the model's
 * inputs were defaulted and how to measure the time instead.
 */
export function throughputWarnings(load: SearchLoad, cpuBinds: boolean, chosen: DataFit): Warning[] {
  if (!cpuBinds || load.measured) return [];
  const defaulted = load.query.params.defaulted;
  return [
    {
      code: 'THROUGHPUT_ASSUMED',
      message:
        `search.peak_qps ${load.peak_qps} decided the data tier (${chosen.nodes} x ${chosen.entry.instance_type}, ` +
        `${fmtThreads(chosen.search_threads_needed_per_node ?? 0)} search threads per node busy at peak) with ${round1(load.shard_query_ms)} ms per shard query from the calibrated query-cost model` +
        (defaulted.length ? `, whose inputs ${defaulted.map((n) => inputKey(n, load.query.params)).join(', ')} were defaulted: set them` : '') +
        '; to replace the model, measure one shard\'s query time (Rally search challenge, one client, your k, num_candidates and filters, against one representative shard) and set search.shard_query_ms',
    },
  ];
}

/**
 * Segments multiply the cost of an HNSW query (each segment runs its own graph search): when search
 * CPU sets the tier and the index is not force-merged, say what one segment per shard would cost.
 */
export function mergeStateWarning(load: SearchLoad, cpuBinds: boolean, merged: QueryTime): Warning[] {
  const q = load.query;
  if (!cpuBinds || load.measured || q.params.force_merged || q.segments <= 1 || merged.shard_ms >= q.shard_ms) return [];
  const ratio = q.shard_ms / merged.shard_ms;
  if (ratio < 1.5) return [];
  return [
    {
      code: 'SEGMENTS_MULTIPLY_QUERY_COST',
      message:
        `each shard query searches ${q.segments} segments (Lucene's merge policy for shards of this size), ${round1(q.shard_ms)} ms per shard; ` +
        `force-merged to one segment it would take ${round1(merged.shard_ms)} ms (${round1(ratio)}x less CPU). ` +
        'For an index that stops changing, force-merge after loading and set index.force_merged: true; otherwise plan on the segmented cost',
    },
  ];
}

/** The workload key behind a defaulted model input. */
function inputKey(name: string, p: QueryTime['params']): string {
  if (name === 'force_merged') return `index.force_merged (merge state: ${p.force_merged ? 'merged' : 'segmented'})`;
  if (name === 'num_candidates' && p.recall) return `search.num_candidates (${p.num_candidates}, from recall_target ${p.recall.recall_target})`;
  return `search.${name} (${String(p[name as 'k' | 'filter_selectivity'])})`;
}

function termBasis(t: CostTerm, field?: string): BasisEntry {
  return {
    id: field ? `${t.id}[${field}]` : t.id,
    kind: 'formula',
    description: t.description,
    ...(t.expression ? { expression: t.expression } : {}),
    ...(t.inputs ? { inputs: t.inputs } : {}),
    result: round3(t.value),
    unit: t.unit,
    source: t.source,
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
