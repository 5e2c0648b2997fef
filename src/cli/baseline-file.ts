/**
 * --baseline FILE: the plan a change is compared with, as `recommend --json` (or apply --plan-out)
 * wrote it, by this esplan or another version. Read if it carries what the diff needs; refused,
 * naming the key, if not.
 */
import { baselineSchema, type Baseline } from '../model/baseline.js';
import { displayText, displayValue } from '../model/display-text.js';
import { formatPath, UserError, type Problem } from '../model/problems.js';
import { SAVED_PLAN_KIND } from '../cluster/saved-plan.js';
import { readStructuredFile } from './workload-file.js';

const MAKE_FIX = 'make the baseline with esplan recommend --workload FILE --json > BASELINE.json (commit it beside the workload)';

export function readBaselineFile(file: string): Baseline {
  const raw = readStructuredFile(file, 'plan');
  const shown = displayText(file);
  const doc = raw as Record<string, unknown>;
  // A saved apply plan (apply --plan-out) carries the plan it was made from.
  const plan = doc.kind === SAVED_PLAN_KIND && doc.plan !== null && typeof doc.plan === 'object' ? (doc.plan as Record<string, unknown>) : doc;
  if (!('esplan_version' in plan) || !('tiers' in plan)) {
    const what = 'corpus' in plan || 'indices' in plan ? 'a workload file' : typeof doc.kind === 'string' ? `an esplan file of kind ${displayValue(doc.kind)}` : 'not a plan';
    throw new UserError({ path: shown, message: `is ${what}, not a plan from esplan recommend --json`, fix: MAKE_FIX });
  }
  if (plan.format_version !== 1) {
    throw new UserError({
      path: `${shown}: format_version`,
      message: `is ${displayValue(plan.format_version)}, written by esplan ${displayValue(plan.esplan_version)}; this esplan reads plans of format_version 1`,
      fix: 'make the baseline again with this esplan version (esplan recommend --json), or run the esplan version that wrote it',
    });
  }
  const parsed = baselineSchema.safeParse(plan);
  if (parsed.success) return parsed.data;
  const prefix = plan === doc ? '' : 'plan.';
  const problems: Problem[] = parsed.error.issues.slice(0, 5).map((i) => ({
    path: `${shown}: ${prefix}${formatPath(i.path) || '(root)'}`,
    message: i.code === 'invalid_type' && valueAt(plan, i.path) === undefined ? 'is missing: the diff needs it' : i.message,
  }));
  problems.push({
    path: shown,
    message: `is a plan of esplan ${displayValue(plan.esplan_version)} this esplan cannot compare with`,
    fix: MAKE_FIX,
  });
  throw new UserError(problems);
}

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = doc;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}
