/**
 * Side-by-side plans for one workload: every index type, or every provider. Each variant is the
 * same workload with one thing changed, validated again, then sized and priced like any plan.
 */
import { INDEX_TYPES } from '../data/index-types.js';
import type { Plan } from '../model/plan.js';
import { UserError } from '../model/problems.js';
import { parseWorkload } from '../model/parse-workload.js';
import { IVF_ONLY_KEYS, PROVIDERS, type Workload } from '../model/workload.js';
import { buildPlan, type PlanOptions } from './build-plan.js';

export const COMPARE_KINDS = ['index-types', 'providers'] as const;
export type CompareKind = (typeof COMPARE_KINDS)[number];

export interface CompareRow {
  label: string;
  plan?: Plan;
  /** Why this variant has no plan (not valid for the version, license or shape, or nothing fits). */
  error?: string;
}

export function compareVariants(workload: Workload, kind: CompareKind, options: PlanOptions): CompareRow[] {
  const variants = kind === 'index-types' ? indexTypeVariants(workload) : providerVariants(workload);
  return variants.map(({ label, raw }) => {
    try {
      return { label, plan: buildPlan(parseWorkload(raw), options) };
    } catch (err) {
      if (err instanceof UserError) return { label, error: err.problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ') };
      throw err;
    }
  });
}

function indexTypeVariants(w: Workload): { label: string; raw: unknown }[] {
  if (w.vectors.length === 0) {
    throw new UserError({ path: '--compare', message: 'index-types needs at least one vector field in the workload' });
  }
  return INDEX_TYPES.map((t) => ({ label: t, raw: { ...w, vectors: w.vectors.map((v) => withType(v, t)) } }));
}

/** A field on index type `t`, without the bbq_disk-only keys when `t` is another type. */
function withType(v: Workload['vectors'][number], t: (typeof INDEX_TYPES)[number]): Record<string, unknown> {
  const next: Record<string, unknown> = { ...v, index_type: t };
  if (t !== 'bbq_disk') for (const key of IVF_ONLY_KEYS) delete next[key];
  return next;
}

function providerVariants(w: Workload): { label: string; raw: unknown }[] {
  return PROVIDERS.map((p) => {
    const { instance_families: families, price_usd_per_gb_ram_hour: echPrice, region, ...rest } = w.deployment;
    const same = p === w.deployment.provider;
    const deployment = {
      ...rest,
      provider: p,
      // Families, region and the Elastic Cloud price belong to the workload's own provider.
      ...(same && families ? { instance_families: families } : {}),
      ...(same && region ? { region } : {}),
      ...(p === 'elastic-cloud' && echPrice !== undefined ? { price_usd_per_gb_ram_hour: echPrice } : {}),
    };
    return { label: p, raw: { ...w, deployment } };
  });
}
