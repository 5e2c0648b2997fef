/**
 * Sizing entry point: what one copy and all copies of a workload need, as pure data.
 * PLACEHOLDER until the sizing engine lands (issue #3): the interface is final, the body is not.
 */
import type { BasisEntry, Shards, Sizing, Warning } from '../model/plan.js';
import type { ConstantSet, Workload } from '../model/workload.js';

export interface SizingOptions {
  constants: ConstantSet;
}

export interface SizingResult {
  sizing: Sizing;
  shards: Shards;
  warnings: Warning[];
  basis: BasisEntry[];
}

export function sizeWorkload(_workload: Workload, _options: SizingOptions): SizingResult {
  throw new Error('sizing engine not built yet');
}
