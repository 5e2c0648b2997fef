import type { Plan } from '../model/plan.js';
import type { ConstantSet, Workload } from '../model/workload.js';
import { sizeWorkload, type SizingOptions, type SizingResult } from '../sizing/size-workload.js';
import type { SizingCalibration } from '../sizing/calibration.js';
import { chooseTopology, type Topology, type TopologyOptions } from './choose-topology.js';
import { evaluateTopology, type GivenDataTier } from './evaluate-topology.js';

export interface PlanOptions extends TopologyOptions {
  /** Overrides `assumptions.constants` in the workload (--constants). */
  constants?: ConstantSet;
  esplanVersion: string;
  /** --calibration FILE: vector files measured on a live cluster, for the fields whose key it has. */
  calibration?: SizingCalibration;
}

/** Workload in, Plan out: sizing, then topology, joined into the one output document. */
export function buildPlan(workload: Workload, options: PlanOptions): Plan {
  const sized = sizeWorkload(workload, sizingOptions(workload, options));
  return joinPlan(workload, sized, chooseTopology(workload, sized, withCalibratedResize(options)), options);
}

/** The same document for a data tier the user gives (`esplan evaluate`), with its capacity. */
export function buildEvaluation(workload: Workload, given: GivenDataTier, options: PlanOptions): Plan {
  const sized = sizeWorkload(workload, sizingOptions(workload, options));
  return joinPlan(workload, sized, evaluateTopology(workload, sized, given, withCalibratedResize(options)), options);
}

function sizingOptions(workload: Workload, options: PlanOptions): SizingOptions {
  return { constants: constantsOf(workload, options), data: options.data, ...(options.calibration ? { calibration: options.calibration } : {}) };
}

/** The what-if variants behind the advice warnings are sized with the same calibration as the plan. */
function withCalibratedResize(options: PlanOptions): PlanOptions {
  const calibration = options.calibration;
  if (!calibration || options.resize) return options;
  return { ...options, resize: (w: Workload) => sizeWorkload(w, { ...sizingOptions(w, options), calibration }) };
}

function constantsOf(workload: Workload, options: PlanOptions): ConstantSet {
  return options.constants ?? workload.assumptions.constants ?? 'codec';
}

function joinPlan(workload: Workload, sized: SizingResult, topology: Topology, options: PlanOptions): Plan {
  return {
    format_version: 1,
    esplan_version: options.esplanVersion,
    workload: workload as unknown as Record<string, unknown>,
    ...(sized.calibration ? { calibration: sized.calibration } : {}),
    sizing: sized.sizing,
    ...(sized.indices.length === 1 ? { shards: sized.shards } : {}),
    indices: sized.indices.map((ix) => ({ name: ix.name, sizing: ix.sizing, shards: ix.shards })),
    zones: workload.availability.zones,
    tiers: topology.tiers,
    monthly_usd: topology.monthly_usd,
    price_date: topology.price_date,
    alternatives: topology.alternatives,
    warnings: [...sized.warnings, ...topology.warnings],
    basis: dedupeBasis([...sized.basis, ...topology.basis]),
    capacity: topology.capacity,
  };
}

function dedupeBasis(entries: Plan['basis']): Plan['basis'] {
  const seen = new Set<string>();
  return entries.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}
