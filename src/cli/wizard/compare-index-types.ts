/**
 * The index-type comparison the wizard shows for each vector field: the same workload planned once
 * per candidate type through the real pipeline, so RAM, disk and cost are the figures `recommend`
 * would print, next to the recall band Elastic documents for each type. Every other vector field
 * is held at the type it has (as chosen, or its default made explicit), so the rows differ only
 * by the compared field.
 */
import type { IndexType } from '../../data/index-types.js';
import { loadSizingData } from '../../data/model-data.js';
import { loadRecallBands, type RecallBand } from '../../data/recall-bands.js';
import { parseWorkload, workloadSchema } from '../../model/parse-workload.js';
import { formatProblem, UserError } from '../../model/problems.js';
import type { Plan } from '../../model/plan.js';
import { IVF_ONLY_KEYS, type VectorField, type Workload } from '../../model/workload.js';
import type { HeldField } from '../../recommend/compare.js';
import { plannedIndexType } from '../../sizing/size-workload.js';
import { diskBbqBandShares } from '../render/disk-bbq-band.js';
import { getAt, withValue, type Raw } from './draft.js';
import { formatPercent } from './parse-answer.js';

export type PlanBuilder = (workload: Workload) => Plan;

export interface IndexTypeOption {
  index_type: IndexType;
  band: RecallBand;
  /** Off-heap RAM for this field, all copies. */
  ram_bytes: number;
  /**
   * bbq_disk only: RAM for this field, all copies, with the low and high share of the posting lists
   * resident (plan ram_band; shares from the plan's basis when it carries them), and the share the
   * plan budgets (ram_bytes).
   */
  ram_band?: { low_bytes: number; high_bytes: number; low_share?: number; high_share?: number; planned_share?: number };
  /** Disk for this field, all copies. */
  disk_bytes: number;
  /** The whole plan's monthly cost with this type; null when the catalog has no price. */
  monthly_usd: number | null;
  /** What `auto` resolves to on this version and license. */
  is_default: boolean;
}

export interface Comparison {
  field: string;
  /** Every other vector field and the type it has in every row. */
  held: HeldField[];
  options: IndexTypeOption[];
  /** Types the schema allows but the pipeline could not plan (e.g. no instance fits), with why. */
  unplannable: { index_type: IndexType; why: string }[];
  /** Undefined when no type could be planned. */
  recommended: IndexType | undefined;
  reason: string;
  recall_target: number;
}

/** Where a vector field sits in a workload: `['vectors', j]`, or `['indices', i, 'vectors', j]` in the several-index form. */
export type VectorAt = readonly ['vectors', number] | readonly ['indices', number, 'vectors', number];

/** A field number means the single-index form's `vectors[index]`. */
function vectorAt(at: number | VectorAt): VectorAt {
  return typeof at === 'number' ? ['vectors', at] : at;
}

/** Every vector field of a workload or draft, index after index, where it sits. */
export function vectorPaths(w: object): VectorAt[] {
  const indices = (w as { indices?: unknown }).indices;
  const fields = (list: unknown) => (Array.isArray(list) ? list : []);
  if (Array.isArray(indices)) {
    return indices.flatMap((entry, i) => fields((entry as { vectors?: unknown } | null)?.vectors).map((_, j): VectorAt => ['indices', i, 'vectors', j]));
  }
  return fields((w as { vectors?: unknown }).vectors).map((_, j): VectorAt => ['vectors', j]);
}

/** The field's name, with its index when there are several (names repeat across indices). */
function fieldLabel(w: Workload, at: VectorAt): string {
  const field = (getAt(w as unknown as Raw, at) as VectorField).field;
  if (at[0] === 'vectors') return field;
  const index = getAt(w as unknown as Raw, ['indices', at[1], 'index', 'name']);
  return `${field} in ${String(index)}`;
}

/** The draft with the field at `at` (a number: `vectors[at]`) set to `type`, minus the keys that type does not take. */
export function withIndexType(raw: Raw, at: number | VectorAt, type: IndexType | 'auto'): Raw {
  const path = vectorAt(at);
  let next = withValue(raw, [...path, 'index_type'], type);
  if (type !== 'bbq_disk') for (const key of IVF_ONLY_KEYS) next = withValue(next, [...path, key], undefined);
  return next;
}

/** The plan's sizing of the index the field at `at` belongs to (one copy; `copies` says how many). */
function indexSizing(plan: Plan, at: VectorAt): Plan['sizing'] {
  if (at[0] === 'vectors') return plan.sizing;
  const indices = (plan as { indices?: readonly { sizing: Plan['sizing'] }[] }).indices;
  return indices?.[at[1]]?.sizing ?? plan.sizing;
}

export function compareIndexTypes(raw: Raw, at: number | VectorAt, buildPlan: PlanBuilder): Comparison | undefined {
  const bands = loadRecallBands();
  const base = parseWorkload(raw);
  const path = vectorAt(at);
  const field = getAt(base as unknown as Raw, path) as VectorField | undefined;
  if (!field) return undefined;
  const data = loadSizingData();
  const autoType = plannedIndexType(base, { ...field, index_type: 'auto' }, data).index_type;
  // Every other field, in every index, at the type the workload plans for it.
  const others = vectorPaths(base).filter((q) => q.join('/') !== path.join('/'));
  const held: HeldField[] = others.map((q) => {
    const v = getAt(base as unknown as Raw, q) as VectorField;
    return { field: fieldLabel(base, q), index_type: plannedIndexType(base, v, data).index_type, is_default: v.index_type === 'auto' };
  });
  // The other fields at their held types, written out: a default is the same plan either way, and
  // the rows then say exactly what they hold.
  const heldRaw = others.reduce((r, q, k) => withIndexType(r, q, (held[k] as HeldField).index_type), raw);
  const label = fieldLabel(base, path);
  const options: IndexTypeOption[] = [];
  const unplannable: Comparison['unplannable'] = [];
  for (const band of bands.bands) {
    const candidate = withIndexType(heldRaw, path, band.index_type);
    // The schema decides what this field may use (version, license, element type, dims).
    const parsed = workloadSchema().safeParse(candidate);
    if (!parsed.success) continue;
    let plan: Plan;
    try {
      plan = buildPlan(parsed.data);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      unplannable.push({ index_type: band.index_type, why: err.problems.map(formatProblem).join('; ') });
      continue;
    }
    const sizing = indexSizing(plan, path);
    const sized = sizing.vectors.find((v) => v.field === field.field);
    if (!sized) continue;
    const shares = diskBbqBandShares(plan);
    options.push({
      index_type: band.index_type,
      band,
      ram_bytes: sized.ram_bytes * sizing.copies,
      ...(sized.ram_band
        ? {
            ram_band: {
              low_bytes: sized.ram_band.low_bytes * sizing.copies,
              high_bytes: sized.ram_band.high_bytes * sizing.copies,
              ...(shares ? { low_share: shares.low, high_share: shares.high } : {}),
              ...(sized.resident_fraction !== undefined ? { planned_share: sized.resident_fraction } : {}),
            },
          }
        : {}),
      disk_bytes: sized.disk_bytes * sizing.copies,
      monthly_usd: plan.monthly_usd,
      is_default: band.index_type === autoType,
    });
  }
  if (options.length === 0) return { field: label, held, options, unplannable, recommended: undefined, reason: '', recall_target: 0 };
  const target = base.search.recall_target ?? bands.recommendation.default_recall_target;
  const { pick, reason } = recommend(options, target);
  const rank = ranking(options);
  const ordered = [pick, ...options.filter((o) => o !== pick).sort(rank)];
  return { field: label, held, options: ordered, unplannable, recommended: pick.index_type, reason, recall_target: target };
}

type Ranking = (a: IndexTypeOption, b: IndexTypeOption) => number;

const byRecall: Ranking = (a, b) => b.band.reaches - a.band.reaches;
const byRam: Ranking = (a, b) => a.ram_bytes - b.ram_bytes;
const byUsd: Ranking = (a, b) => (a.monthly_usd ?? Number.POSITIVE_INFINITY) - (b.monthly_usd ?? Number.POSITIVE_INFINITY);

function then(...rankings: Ranking[]): Ranking {
  return (a, b) => {
    for (const r of rankings) {
      const d = r(a, b);
      if (d !== 0 && !Number.isNaN(d)) return d;
    }
    return 0;
  };
}

/**
 * formulas/recall-bands.json `recommendation.rule`: the cheapest plan, an equal cost going to the
 * higher recall band, then to the least vector RAM; without prices, the least vector RAM, then
 * the higher band.
 */
function ranking(options: readonly IndexTypeOption[]): Ranking {
  return options.every((o) => o.monthly_usd !== null) ? then(byUsd, byRecall, byRam) : then(byRam, byRecall);
}

function verb(stem: string, count: number): string {
  return count === 1 ? `${stem}s` : stem;
}

/** formulas/recall-bands.json `recommendation.rule`. */
function recommend(options: IndexTypeOption[], target: number): { pick: IndexTypeOption; reason: string } {
  const rank = ranking(options);
  const reaching = options.filter((o) => o.band.reaches >= target);
  const priced = options.every((o) => o.monthly_usd !== null);
  if (reaching.length === 0) {
    const best = Math.max(...options.map((o) => o.band.reaches));
    const pick = [...options.filter((o) => o.band.reaches === best)].sort(rank)[0] as IndexTypeOption;
    return {
      pick,
      reason: `no compared type is documented to reach ${formatPercent(target)} recall; ${pick.index_type} has the highest band (${pick.band.label})`,
    };
  }
  const pick = [...reaching].sort(rank)[0] as IndexTypeOption;
  const what = priced ? 'the cheapest plan' : 'the least vector RAM';
  // Types as cheap (or, unpriced, as small) as the pick that lost on their lower band.
  const tied = reaching.filter((o) => o !== pick && (priced ? byUsd(o, pick) === 0 : byRam(o, pick) === 0) && o.band.reaches < pick.band.reaches);
  const tie = tied.length > 0 ? `; ${tied.map((o) => o.index_type).join(', ')} ${verb(priced ? 'cost' : 'need', tied.length)} the same with a lower recall band` : '';
  return {
    pick,
    reason: `${what} among the types expected to reach your ${formatPercent(target)} recall target (${pick.index_type}: ${pick.band.label})${tie}`,
  };
}
