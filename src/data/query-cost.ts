/**
 * Loader of formulas/query-cost.json, the query-cost model's constants.
 * INTERFACE STUB (lead): the cost-model branch replaces this with the zod-validated, frozen loader.
 */
import type { QueryCostModel } from '../sizing/query-cost.js';

export function loadQueryCost(): QueryCostModel {
  return { stub: true };
}
