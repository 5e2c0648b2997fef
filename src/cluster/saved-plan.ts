/**
 * The file `--plan-out` writes and `esplan apply PLAN.json` reads: the Plan, the cluster it was
 * made against (URL without credentials) and the fingerprint of what was observed. No secrets.
 */
import { z } from 'zod';
import { planSchema, type Plan } from '../model/plan.js';
import { UserError } from '../model/problems.js';
import { sanitise } from '../model/sanitise.js';
import { onePerPath, toProblems } from '../model/zod-problems.js';
import { parseWorkload } from '../model/parse-workload.js';
import type { ApplyPlan } from './apply-plan.js';
import type { ObjectDiff } from './diff.js';

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

export function makeSavedPlan(args: { esplanVersion: string; applyPlan: ApplyPlan; plan: Plan; now: Date }): SavedApplyPlan {
  const ap = args.applyPlan;
  return {
    kind: SAVED_PLAN_KIND,
    format_version: 1,
    esplan_version: args.esplanVersion,
    created_at: args.now.toISOString(),
    cluster: ap.cluster,
    fingerprint: ap.fingerprint,
    // Over what will be written and the changes listed below: apply recomputes both and refuses an edited file.
    plan_hash: ap.planHash,
    changes: reviewedChanges(ap.diffs),
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
  const plan = (kind === SAVED_PLAN_KIND ? (parsed.data as SavedApplyPlan).plan : parsed.data) as Plan;
  const checked = { ...plan, workload: reparseWorkload(plan.workload, kind === SAVED_PLAN_KIND ? 'plan.workload' : 'workload', file) };
  if (kind === SAVED_PLAN_KIND) {
    const saved = parsed.data as SavedApplyPlan;
    return { plan: checked, saved: { ...saved, plan: checked } };
  }
  return { plan: checked };
}

/**
 * The workload inside a plan is normalized (every default filled in), so it must pass the
 * workload schema again, and carry the sections apply reads from it: an edited plan whose
 * workload names every index, or lacks its availability, is refused here with the schema's words.
 */
function reparseWorkload(raw: Record<string, unknown>, at: string, file: string): Plan['workload'] {
  const prefix = (p: { path: string; message: string; fix?: string }) => ({ ...p, path: `${file}: ${at}${p.path ? `.${p.path}` : ''}` });
  // The multi-index form carries its index sections in indices[] instead of a top-level index.
  const required = Array.isArray(raw.indices) ? (['availability'] as const) : (['availability', 'index'] as const);
  const missing = required.filter((k) => raw[k] === null || typeof raw[k] !== 'object');
  if (missing.length > 0) {
    throw new UserError(
      missing.map((k) => ({
        path: `${file}: ${at}.${k}`,
        message: 'is missing: the workload in a plan has every default filled in, so this plan was edited or is not from esplan',
        fix: 'make the plan again (esplan recommend --json, or esplan apply --dry-run --plan-out FILE)',
      })),
    );
  }
  try {
    return parseWorkload(raw) as unknown as Plan['workload'];
  } catch (err) {
    if (err instanceof UserError) throw new UserError(err.problems.map(prefix));
    throw err;
  }
}

/** A workload has a corpus and no sizing; a plan has both (its workload sits under "workload"). */
function isWorkloadDocument(doc: unknown): boolean {
  return doc !== null && typeof doc === 'object' && ('corpus' in doc || 'indices' in doc) && !('sizing' in doc);
}

/** The reviewed changes as a saved plan and the JSON output record them. */
export function reviewedChanges(diffs: readonly ObjectDiff[]) {
  return diffs.map((d) => ({ kind: d.kind, name: d.name, action: d.action, changes: d.changes }));
}

/**
 * A saved plan belongs to one cluster: the first reply's uuid must be its. `fix` says what else the
 * user can do (apply: make a new plan; check: check against one made for this cluster).
 */
export function checkSavedPlanCluster(saved: SavedApplyPlan | undefined, root: { clusterName: string; clusterUuid: string }, fix: string): void {
  if (!saved || saved.cluster.uuid === root.clusterUuid) return;
  throw new UserError({
    path: '--url',
    message: `points at cluster ${sanitise(root.clusterName, 120)} (${sanitise(root.clusterUuid, 80)}), but the saved plan was made for ${sanitise(saved.cluster.name, 120)} (${sanitise(saved.cluster.uuid, 80)})`,
    fix,
  });
}
