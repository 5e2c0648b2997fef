/**
 * The kNN search parameters a query-cost model sizes for: each from the workload when it sets
 * it, else derived (num_candidates from search.recall_target through the measured table) or
 * defaulted as Elasticsearch or esplan's policy does, with the basis of each. Pure: the data
 * (formulas/search-params.json) is passed in.
 */
import type { RecallRow, SearchParamsData } from '../data/search-params.js';
import type { Warning } from '../model/plan.js';
import type { Workload } from '../model/workload.js';

export type SearchParamName = 'k' | 'num_candidates' | 'filter_selectivity' | 'force_merged';

export interface EffectiveSearchParams {
  k: number;
  num_candidates: number;
  /** Share of documents a typical filter keeps: 1 without filters. */
  filter_selectivity: number;
  force_merged: boolean;
  /** Inputs the workload did not set (derived or defaulted), in this order: k, num_candidates, filter_selectivity, force_merged. */
  defaulted: SearchParamName[];
  /** Where each value comes from, for the plan's basis. */
  sources: Record<SearchParamName, string>;
  /** Set when num_candidates came from search.recall_target through the recall table. */
  recall?: RecallLookup;
  /** RECALL_TARGET_ABOVE_TABLE when the target is above every measured row. */
  warnings: Warning[];
}

export interface RecallLookup {
  recall_target: number;
  /** The table row used: the first whose measured recall reaches the target (the last when none does). */
  row: RecallRow;
  /** Which rows: force-merged or segmented index. */
  rows: 'force_merged' | 'segmented';
  /** True when no row reaches the target. */
  above_table: boolean;
}

export function effectiveSearchParams(workload: Workload, data: SearchParamsData): EffectiveSearchParams {
  const s = workload.search;
  const defaulted: SearchParamName[] = [];
  const warnings: Warning[] = [];
  const limit = data.num_candidates_limit.value;

  const k = s.k ?? data.k_default.value;
  if (s.k === undefined) defaulted.push('k');
  const kSource = s.k !== undefined ? 'workload search.k' : `${data.k_default.source} (formulas/search-params.json k_default)`;

  const forceMerged = workload.index?.force_merged ?? data.force_merged_default.value;
  const fmSource =
    workload.index?.force_merged !== undefined
      ? 'workload index.force_merged'
      : `${data.force_merged_default.source} (formulas/search-params.json force_merged_default)`;

  let numCandidates: number;
  let ncSource: string;
  let recall: RecallLookup | undefined;
  if (s.num_candidates !== undefined) {
    numCandidates = s.num_candidates;
    ncSource = 'workload search.num_candidates';
  } else if (s.recall_target !== undefined) {
    defaulted.push('num_candidates');
    recall = recallLookup(s.recall_target, forceMerged, data);
    numCandidates = candidatesForRow(recall.row, k, data);
    const t = data.recall_table;
    ncSource =
      `search.recall_target ${s.recall_target} through formulas/search-params.json recall_table (${recall.rows} rows): ` +
      `num_candidates ${recall.row.num_candidates} measured recall@${t.k} ${recall.row.recall}` +
      `${recall.above_table ? ', the highest measured, below the target' : ''}; ${t.rule_source}; ${t.source}`;
    if (recall.above_table) {
      warnings.push({
        code: 'RECALL_TARGET_ABOVE_TABLE',
        message:
          `recall target ${s.recall_target} is above the highest recall in esplan's num_candidates table (${recall.row.recall} at num_candidates ${recall.row.num_candidates}, ` +
          `k ${t.k}, one 1M-vector HNSW shard): sized with ${numCandidates} candidates; measure recall on your own data and set search.num_candidates`,
      });
    }
  } else {
    defaulted.push('num_candidates');
    numCandidates = elasticsearchDefaultCandidates(k, data);
    ncSource = `Elasticsearch default round(min(${data.num_candidates_factor.value} x k, ${limit})): ${data.num_candidates_factor.source}; ${data.num_candidates_limit.source}`;
  }

  let selectivity: number;
  let selSource: string;
  const tenancy = workload.tenancy;
  if (s.filter_selectivity !== undefined) {
    selectivity = s.filter_selectivity;
    selSource = 'workload search.filter_selectivity';
  } else if (tenancy && tenancy.strategy === 'index_per_tenant') {
    defaulted.push('filter_selectivity');
    selectivity = data.unfiltered_selectivity.value;
    selSource = `tenancy.strategy index_per_tenant: each query searches its tenant's own index, unfiltered (${data.unfiltered_selectivity.source})`;
  } else if (tenancy) {
    // Every query filters on its tenant: a typical tenant holds 1/tenants of the documents.
    defaulted.push('filter_selectivity');
    selectivity = 1 / tenancy.tenants;
    selSource = `workload tenancy: a query filters on one of ${tenancy.tenants} tenants (${tenancy.field}), keeping 1/tenants of the documents${tenancy.strategy === 'routing' ? '; with routing the query reaches only the tenant\'s shards (search load), the filter still applies within them' : ''}`;
  } else if (s.filtered) {
    defaulted.push('filter_selectivity');
    selectivity = data.filtered_selectivity_default.value;
    selSource = `${data.filtered_selectivity_default.source} (formulas/search-params.json filtered_selectivity_default, an assumption)`;
  } else {
    defaulted.push('filter_selectivity');
    selectivity = data.unfiltered_selectivity.value;
    selSource = `${data.unfiltered_selectivity.source} (formulas/search-params.json unfiltered_selectivity)`;
  }

  if (workload.index?.force_merged === undefined) defaulted.push('force_merged');

  return {
    k,
    num_candidates: numCandidates,
    filter_selectivity: selectivity,
    force_merged: forceMerged,
    defaulted,
    sources: { k: kSource, num_candidates: ncSource, filter_selectivity: selSource, force_merged: fmSource },
    ...(recall ? { recall } : {}),
    warnings,
  };
}

/** Elasticsearch's num_candidates when a knn search gives none: round(min(1.5 x k, 10000)) (Java Math.round: half up). */
export function elasticsearchDefaultCandidates(k: number, data: SearchParamsData): number {
  return Math.round(Math.min(data.num_candidates_limit.value, data.num_candidates_factor.value * k));
}

/** The first row (fewest candidates) whose measured recall reaches the target; the last row when none does. */
export function recallLookup(recallTarget: number, forceMerged: boolean, data: SearchParamsData): RecallLookup {
  const rowsName = forceMerged ? 'force_merged' : 'segmented';
  const rows = data.recall_table.rows[rowsName];
  const hit = rows.find((r) => r.recall >= recallTarget);
  return { recall_target: recallTarget, row: hit ?? rows[rows.length - 1]!, rows: rowsName, above_table: hit === undefined };
}

/**
 * A row's candidates for `k` results: unscaled below the table's k (more candidates per result
 * than measured), scaled with k above it, at least k and at most Elasticsearch's limit.
 */
export function candidatesForRow(row: RecallRow, k: number, data: SearchParamsData): number {
  const scale = Math.max(1, k / data.recall_table.k);
  return Math.min(data.num_candidates_limit.value, Math.max(k, Math.ceil(row.num_candidates * scale)));
}
