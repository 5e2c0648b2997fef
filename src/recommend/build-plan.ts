import type { Plan } from '../model/plan.js';
import type { ConstantSet, Workload } from '../model/workload.js';
import { sizeWorkload } from '../sizing/size-workload.js';
import { chooseTopology, type TopologyOptions } from './choose-topology.js';

export interface PlanOptions extends TopologyOptions {
  /** Overrides `assumptions.constants` in the workload (--constants). */
  constants?: ConstantSet;
  esplanVersion: string;
}

/** Workload in, Plan out: sizing, then topology, joined into the one output document. */
export function buildPlan(workload: Workload, options: PlanOptions): Plan {
  const constants = options.constants ?? workload.assumptions.constants ?? 'codec';
  const sized = sizeWorkload(workload, { constants });
  const topology = chooseTopology(workload, sized, options);
  return {
    format_version: 1,
    esplan_version: options.esplanVersion,
    workload: workload as unknown as Record<string, unknown>,
    sizing: sized.sizing,
    shards: sized.shards,
    zones: workload.availability.zones,
    tiers: topology.tiers,
    monthly_usd: topology.monthly_usd,
    price_date: topology.price_date,
    alternatives: topology.alternatives,
    warnings: [...sized.warnings, ...topology.warnings],
    basis: dedupeBasis([...sized.basis, ...topology.basis]),
  };
}

function dedupeBasis(entries: Plan['basis']): Plan['basis'] {
  const seen = new Set<string>();
  return entries.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}
