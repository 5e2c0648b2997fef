/**
 * The file `--plan-out` writes and `esplan apply PLAN.json` reads: the Plan, the cluster it was
 * made against (URL without credentials) and the fingerprint of what was observed. No secrets.
 */
import { z } from 'zod';
import { planSchema, type Plan } from '../model/plan.js';
import { UserError } from '../model/problems.js';
import { onePerPath, toProblems } from '../model/zod-problems.js';
import type { ObjectDiff } from './diff.js';
import type { Fingerprint } from './fingerprint.js';

export const SAVED_PLAN_KIND = 'esplan-apply-plan';

const savedPlanSchema = z.strictObject({
  kind: z.literal(SAVED_PLAN_KIND),
  format_version: z.literal(1),
  esplan_version: z.string(),
  created_at: z.string(),
  cluster: z.strictObject({ url: z.string(), name: z.string(), uuid: z.string(), version: z.string() }),
  fingerprint: z.strictObject({ digest: z.string(), parts: z.record(z.string(), z.string()) }),
  plan_hash: z.string(),
  changes: z.array(z.unknown()),
  plan: planSchema,
});
export type SavedApplyPlan = z.output<typeof savedPlanSchema>;

export function makeSavedPlan(args: {
  esplanVersion: string;
  cluster: SavedApplyPlan['cluster'];
  fingerprint: Fingerprint;
  planHash: string;
  diffs: readonly ObjectDiff[];
  plan: Plan;
  now: Date;
}): SavedApplyPlan {
  return {
    kind: SAVED_PLAN_KIND,
    format_version: 1,
    esplan_version: args.esplanVersion,
    created_at: args.now.toISOString(),
    cluster: args.cluster,
    fingerprint: args.fingerprint,
    plan_hash: args.planHash,
    changes: args.diffs.map((d) => ({ kind: d.kind, name: d.name, action: d.action, changes: d.changes })),
    plan: args.plan,
  };
}

/** A document given as `esplan apply FILE`: a saved apply plan, or a Plan from `recommend --json`. */
export function readPlanDocument(doc: unknown, file: string): { plan: Plan; saved?: SavedApplyPlan } {
  const kind = (doc as { kind?: unknown }).kind;
  if (kind !== SAVED_PLAN_KIND && isWorkloadDocument(doc)) {
    throw new UserError({ path: file, message: 'is a workload file, not a plan', fix: `esplan apply --workload ${file} --url https://host:9200` });
  }
  const schema = kind === SAVED_PLAN_KIND ? savedPlanSchema : planSchema;
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    const issues = onePerPath(parsed.error.issues.flatMap((i) => toProblems(i, doc, schema)))
      .slice(0, 5)
      .map((p) => ({ ...p, path: `${file}: ${p.path || '(root)'}` }));
    throw new UserError([
      ...issues,
      {
        path: file,
        message: kind === SAVED_PLAN_KIND ? 'is not a valid saved apply plan' : 'is neither a saved apply plan (--plan-out) nor a plan from esplan recommend --json',
        fix: 'make it again with esplan apply --dry-run --plan-out FILE',
      },
    ]);
  }
  if (kind === SAVED_PLAN_KIND) {
    const saved = parsed.data as SavedApplyPlan;
    return { plan: saved.plan, saved };
  }
  return { plan: parsed.data as Plan };
}

/** A workload has a corpus and no sizing; a plan has both (its workload sits under "workload"). */
function isWorkloadDocument(doc: unknown): boolean {
  return doc !== null && typeof doc === 'object' && 'corpus' in doc && !('sizing' in doc);
}
