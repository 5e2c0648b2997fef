/**
 * Side-by-side plans for one workload: every index type, or every provider. Each variant is the
 * same workload with one thing changed, validated again, then sized and priced like any plan.
 *
 * Index types: every vector field set to each type; with several fields, then each field alone set
 * to each type while every other field is held at the type it has (its own, or the default `auto`
 * resolves to, made explicit), the comparison the wizard shows for that field.
 */
import { INDEX_TYPES, type IndexType } from '../data/index-types.js';
import type { Plan } from '../model/plan.js';
import { UserError } from '../model/problems.js';
import { IVF_ONLY_KEYS, PROVIDERS, type VectorField, type Workload } from '../model/workload.js';
import type { SizingData } from '../data/model-data.js';
import { plannedIndexType } from '../sizing/size-workload.js';
import { buildPlan, type PlanOptions } from './build-plan.js';

export const COMPARE_KINDS = ['index-types', 'providers'] as const;
export type CompareKind = (typeof COMPARE_KINDS)[number];

/** A vector field kept at one index type while another field's type varies. */
export interface HeldField {
  field: string;
  index_type: IndexType;
  /** The workload leaves the field to `auto`: this is the default for its version and license. */
  is_default: boolean;
}

export interface CompareRow {
  label: string;
  plan?: Plan;
  /** Why this variant has no plan (not valid for the version, license or shape, or nothing fits). */
  error?: string;
  /** index-types: the type this variant sets. */
  index_type?: IndexType;
  /** index-types: the one field this variant sets; absent when it sets every field of a multi-field workload. */
  field?: string;
  /** index-types, with `field`: the other fields and the types they are held at. */
  held?: HeldField[];
}

interface Variant {
  label: string;
  raw: unknown;
  index_type?: IndexType;
  field?: string;
  held?: HeldField[];
}

export function compareVariants(workload: Workload, kind: CompareKind, options: PlanOptions): CompareRow[] {
  const variants = kind === 'index-types' ? indexTypeVariants(workload, options.data) : providerVariants(workload);
  return variants.map(({ raw, ...row }) => {
    try {
      return { ...row, plan: buildPlan(options.data.parseWorkload(raw), options) };
    } catch (err) {
      if (err instanceof UserError) return { ...row, error: err.problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ') };
      throw err;
    }
  });
}

function indexTypeVariants(w: Workload, data: SizingData): Variant[] {
  if ((w.vectors ?? []).length === 0) {
    throw new UserError({ path: '--compare', message: 'index-types needs at least one vector field in the workload' });
  }
  const only = (w.vectors ?? []).length === 1 ? (w.vectors ?? [])[0] : undefined;
  const everyField: Variant[] = INDEX_TYPES.map((t) => ({
    label: t,
    index_type: t,
    ...(only ? { field: only.field, held: [] } : {}),
    raw: { ...w, vectors: (w.vectors ?? []).map((v) => withType(v, t)) },
  }));
  if (only) return everyField;
  const onePerField = (w.vectors ?? []).flatMap((field, i) => {
    const held = heldFields(w, i, data);
    return INDEX_TYPES.map((t): Variant => ({ label: `${field.field}: ${t}`, index_type: t, field: field.field, held, raw: withFieldType(w, i, t, data) }));
  });
  return [...everyField, ...onePerField];
}

/** Every field but `index`, at the type the workload plans for it (a default made explicit). */
export function heldFields(w: Workload, index: number, data: Pick<SizingData, 'indexTypes' | 'limits'>): HeldField[] {
  return (w.vectors ?? []).flatMap((_, j) => (j === index ? [] : [heldField(w, j, data)]));
}

function heldField(w: Workload, j: number, data: Pick<SizingData, 'indexTypes' | 'limits'>): HeldField {
  const v = (w.vectors ?? [])[j] as VectorField;
  return { field: v.field, index_type: plannedIndexType(w, v, data).index_type, is_default: v.index_type === 'auto' };
}

/** The workload with field `index` on type `t` and every other field held at its planned type. */
function withFieldType(w: Workload, index: number, t: IndexType, data: SizingData): Record<string, unknown> {
  return { ...w, vectors: (w.vectors ?? []).map((v, j) => withType(v, j === index ? t : heldField(w, j, data).index_type)) };
}

/** A field on index type `t`, without the bbq_disk-only keys when `t` is another type. */
function withType(v: VectorField, t: IndexType): Record<string, unknown> {
  const next: Record<string, unknown> = { ...v, index_type: t };
  if (t !== 'bbq_disk') for (const key of IVF_ONLY_KEYS) delete next[key];
  return next;
}

function providerVariants(w: Workload): Variant[] {
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
