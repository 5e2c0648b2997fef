/**
 * "Scale with replicas, not primaries": when search CPU sets the data tier, more copies of each
 * shard split every query's work, so a plan with more replicas can be cheaper or carry the peak
 * with more headroom. The plan keeps the workload's replicas; this only advises the change.
 * Policies: formulas/throughput.json more_replicas_*.
 */
import type { ThroughputData } from '../data/throughput.js';
import type { BasisEntry, Warning } from '../model/plan.js';
import { cents, fmtThreads, type DataFit } from './data-tier.js';
import { usd } from './money.js';

/** The data tier the same workload gets with `replicas` replicas. */
export interface ReplicaOutcome {
  replicas: number;
  fit: DataFit;
  /** Search CPU still sets this data tier (without query load it would differ). */
  cpuBinds: boolean;
}

export interface ReplicaAdviceInputs {
  /** The workload's availability.replicas. */
  replicas: number;
  chosen: DataFit;
  /** How many replicas above the workload's to try (policy). */
  maxExtra: number;
  /** Share of the plan's cost a plan with more replicas may add when it has more headroom (policy). */
  maxExtraCostRatio: number;
  /** Re-plans with `replicas` replicas; undefined when the workload does not allow it or nothing fits. */
  outcomeFor: (replicas: number) => ReplicaOutcome | undefined;
}

/** The plans with more replicas worth trying: + 1, then one more while search CPU still binds. */
export function replicaOutcomes(i: ReplicaAdviceInputs): ReplicaOutcome[] {
  const out: ReplicaOutcome[] = [];
  for (let extra = 1; extra <= i.maxExtra; extra++) {
    const o = i.outcomeFor(i.replicas + extra);
    if (!o) break;
    out.push(o);
    if (!o.cpuBinds) break;
  }
  return out;
}

/** Whole-plan monthly cost, or total data-tier RAM (GiB) when the catalog has no prices. */
function costOf(f: DataFit): { value: number; priced: boolean } {
  const usd = f.plan_monthly_usd ?? f.monthly_usd;
  return usd !== null ? { value: usd, priced: true } : { value: f.nodes * f.entry.memory_gib, priced: false };
}

/** Share of a node's usable search threads busy at peak. */
function utilisation(f: DataFit): number {
  const need = f.search_threads_needed_per_node ?? 0;
  const offer = f.search_threads_available_per_node ?? 0;
  return offer > 0 ? need / offer : Infinity;
}

/** The best plan with more replicas that is cheaper, or at most the policy share dearer with more headroom. */
export function bestReplicaOutcome(i: ReplicaAdviceInputs, outcomes: readonly ReplicaOutcome[]): ReplicaOutcome | undefined {
  const base = costOf(i.chosen);
  const baseUtil = utilisation(i.chosen);
  const good = outcomes.filter((o) => {
    const c = costOf(o.fit);
    if (c.priced !== base.priced) return false;
    if (c.value < base.value) return true;
    return c.value <= base.value * (1 + i.maxExtraCostRatio) && utilisation(o.fit) < baseUtil;
  });
  good.sort((a, b) => costOf(a.fit).value - costOf(b.fit).value || utilisation(a.fit) - utilisation(b.fit) || a.replicas - b.replicas);
  return good[0];
}

export function moreReplicasWarning(i: ReplicaAdviceInputs): Warning | undefined {
  const best = bestReplicaOutcome(i, replicaOutcomes(i));
  if (!best) return undefined;
  const now = costOf(i.chosen);
  const then = costOf(best.fit);
  const f = best.fit;
  const tier = (x: DataFit) =>
    `${x.nodes} x ${x.entry.instance_type}, ${fmtThreads(x.search_threads_needed_per_node ?? 0)} of ${fmtThreads(x.search_threads_available_per_node ?? 0)} search threads per node busy at peak`;
  const diff = then.value - now.value;
  const pct = now.value > 0 ? ` (${diff < 0 ? '-' : '+'}${((Math.abs(diff) / now.value) * 100).toFixed(1)}%)` : '';
  const money = now.priced
    ? diff < 0
      ? `$${usd(cents(-diff))} per month cheaper${pct}`
      : `$${usd(cents(diff))} more per month${pct}, with more search headroom and one more copy of every shard`
    : `${then.value} GiB of data-node RAM instead of ${now.value} GiB (no prices)${diff <= 0 ? '' : ', with more search headroom'}`;
  return {
    code: 'MORE_REPLICAS_FOR_THROUGHPUT',
    message:
      `search CPU sets the data tier (${tier(i.chosen)}); more replicas split each query's work over more shard copies: ` +
      `with availability.replicas: ${best.replicas} (now ${i.replicas}) the data tier would be ${tier(f)}: a plan ${money}. ` +
      `To plan it, set availability.replicas: ${best.replicas} in the workload (each extra copy adds its vector RAM and disk, already counted above; esplan keeps your replicas)`,
  };
}

/** The policies behind the advice, for --explain (only when the check ran). */
export function replicaAdviceBasis(data: ThroughputData): BasisEntry[] {
  return [
    { id: 'policy.more_replicas_max_extra', kind: 'policy', description: data.more_replicas_max_extra.description, result: data.more_replicas_max_extra.value, unit: 'replicas', source: data.more_replicas_max_extra.source },
    {
      id: 'policy.more_replicas_max_extra_cost_ratio',
      kind: 'policy',
      description: data.more_replicas_max_extra_cost_ratio.description,
      result: data.more_replicas_max_extra_cost_ratio.value,
      unit: 'ratio of plan cost',
      source: data.more_replicas_max_extra_cost_ratio.source,
    },
  ];
}
