/**
 * TEMPORARY STUB (lead): the workload-keys branch replaces this file with the real module
 * (search.k, num_candidates, filter_selectivity, index.force_merged and their defaults).
 */
import type { Workload } from '../model/workload.js';

export interface SearchParams {
  k: number;
  num_candidates: number;
  filter_selectivity: number;
  force_merged: boolean;
  /** Inputs that were defaulted rather than given. */
  defaulted: string[];
}

export function effectiveSearchParams(workload: Workload): SearchParams {
  return { k: 10, num_candidates: 15, filter_selectivity: workload.search.filtered ? 0.1 : 1, force_merged: false, defaulted: ['k', 'num_candidates', 'filter_selectivity', 'force_merged'] };
}
