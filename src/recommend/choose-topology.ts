/**
 * Recommender entry point: the cheapest zone-balanced topology that fits a sizing.
 * PLACEHOLDER until catalogs and the recommender land (issue #4): the interface is final.
 */
import type { Alternative, BasisEntry, Tier, Warning } from '../model/plan.js';
import type { Workload } from '../model/workload.js';
import type { SizingResult } from '../sizing/size-workload.js';

export interface TopologyOptions {
  /** Extra or overriding catalog entries (--catalog FILE), already validated. */
  extraCatalogEntries?: readonly unknown[];
}

export interface Topology {
  tiers: Tier[];
  monthly_usd: number | null;
  price_date: string | null;
  alternatives: Alternative[];
  warnings: Warning[];
  basis: BasisEntry[];
}

export function chooseTopology(_workload: Workload, _sizing: SizingResult, _options: TopologyOptions = {}): Topology {
  throw new Error('recommender not built yet');
}
