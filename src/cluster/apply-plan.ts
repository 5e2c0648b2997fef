/**
 * The apply plan as a value: a pure function from what was observed of the cluster, the Plan, the
 * apply policy and (when applying a saved plan) the saved plan, to the diffs, refusals, warnings,
 * notes, fingerprint and staleness apply acts on. No I/O: tests build it from plain objects.
 * The views (apply-view.ts) render it; execution (execute.ts) carries it out.
 */
import type { ApplyPolicy } from '../data/apply-policy.js';
import type { IndexTypesData } from '../data/index-types.js';
import type { Plan } from '../model/plan.js';
import type { Problem } from '../model/problems.js';
import { nameList, sanitise } from '../model/sanitise.js';
import type { InferenceData } from '../data/inference.js';
import { desiredState, inferenceResolver, planWorkload, type DesiredState } from './desired.js';
import { diffState, type ObjectDiff } from './diff.js';
import { changedParts, fingerprint, type Fingerprint } from './fingerprint.js';
import { canonicalJson, sha256 } from './normalise.js';
import type { Observed } from './observe.js';
import { checkAwareness, checkIndexOptions, checkInferenceEndpoints, checkOverlaps, checkOwnership, checkSnapshots, zonesOnDataNodes } from './preflight.js';
import { summarize, type Summary } from './render.js';
import { reviewedChanges, type SavedApplyPlan } from './saved-plan.js';

export interface ApplyPlanInput {
  plan: Plan;
  observed: Observed;
  policy: ApplyPolicy;
  indexTypes: IndexTypesData;
  /** formulas/inference.json: semantic_text's default endpoint when a field names none. */
  inference?: InferenceData;
  /** The saved plan being applied, when `esplan apply PLAN.json` was given one. */
  saved?: SavedApplyPlan;
  flags: { force: boolean; takeOwnership: boolean };
  /** The URL (no credentials) the cluster was reached at. */
  url: string;
  /** Warnings known before the cluster was asked anything (connectionWarnings). */
  warnings?: readonly string[];
}

export type Staleness =
  /** No saved plan: the diff was computed just now. */
  | { kind: 'live' }
  /** The saved plan's fingerprint matches what was observed. */
  | { kind: 'fresh' }
  /** The cluster changed, but already holds what the plan writes (it was applied already). */
  | { kind: 'already-applied'; changed: string[] }
  /** The cluster changed and writes are pending: the reviewed diff cannot be trusted. */
  | { kind: 'stale'; changed: string[] };

export interface ApplyPlan {
  cluster: { url: string; name: string; uuid: string; version: string };
  zoneInfo: ReturnType<typeof zonesOnDataNodes>;
  desired: DesiredState;
  diffs: ObjectDiff[];
  fingerprint: Fingerprint;
  /** Hash over what will be written and the changes shown for review; a saved plan records it. */
  planHash: string;
  staleness: Staleness;
  refusals: Problem[];
  warnings: string[];
  notes: string[];
  summary: Summary;
  /** Whether any write is pending. */
  pending: boolean;
}

/** `plan_hash`: exactly what will be written (each object's body) and the changes a reviewer saw. */
export function reviewHash(desired: DesiredState, changes: unknown): string {
  return sha256(canonicalJson({ objects: desired.objects.map((o) => [o.kind, o.name, o.body]), changes } as never)).slice(0, 16);
}

export function buildApplyPlan(input: ApplyPlanInput): ApplyPlan {
  const { plan, observed, policy, saved, flags } = input;
  const workload = planWorkload(plan);
  const attribute = workload.availability.awareness_attribute;
  const zoneInfo = zonesOnDataNodes(observed, attribute);
  const desired = desiredState(plan, zoneInfo.zones, policy, input.inference ? inferenceResolver(plan, input.inference) : undefined);
  const diffs = diffState(desired, observed);
  const fp = fingerprint(observed, desired);
  const changes = reviewedChanges(diffs);
  const planHash = reviewHash(desired, changes);
  const summary = summarize(diffs);
  const pending = summary.create + summary.update > 0;

  const refusals: Problem[] = [];
  let staleness: Staleness = { kind: 'live' };
  if (saved) {
    const created = sanitise(saved.created_at, 40);
    if (saved.fingerprint.digest === fp.digest) staleness = { kind: 'fresh' };
    else staleness = pending ? { kind: 'stale', changed: changedParts(saved.fingerprint, fp) } : { kind: 'already-applied', changed: changedParts(saved.fingerprint, fp) };
    if (staleness.kind === 'stale') {
      refusals.push({
        path: 'plan',
        message: `is stale: the cluster changed since the plan was made at ${created} (changed: ${nameList(staleness.changed, 20)})`,
        fix: 'make a fresh plan (esplan apply --dry-run --plan-out FILE), review it, and apply that',
      });
    } else {
      // The file is what a reviewer approved: what it would write now and the changes it lists must be what it said.
      if (staleness.kind === 'fresh' && canonicalJson(saved.changes as never) !== canonicalJson(changes as never)) {
        refusals.push({
          path: 'changes',
          message: `differ from what applying the plan would change now, although the cluster is as observed at ${created}: the saved plan was edited after it was made`,
          fix: 'make a fresh plan (esplan apply --dry-run --plan-out FILE), review it, and apply that',
        });
      }
      if (reviewHash(desired, saved.changes) !== saved.plan_hash) {
        refusals.push({
          path: 'plan_hash',
          message: `does not match what the plan would write (${sanitise(saved.plan_hash, 40)} saved, ${reviewHash(desired, saved.changes)} now): the saved plan was edited after it was made`,
          fix: 'make a fresh plan (esplan apply --dry-run --plan-out FILE), review it, and apply that',
        });
      }
    }
  }

  const overlaps = checkOverlaps(desired, observed, policy);
  refusals.push(
    ...checkIndexOptions(plan, observed.version, input.indexTypes, policy),
    ...checkAwareness(plan, observed, flags),
    ...checkOwnership(diffs, observed, desired.indexName, flags),
    ...overlaps.refusals,
    ...checkSnapshots(plan, observed),
    ...checkInferenceEndpoints(desired, observed),
  );
  const warnings = [...(input.warnings ?? []), ...overlaps.warnings];
  if (flags.force && plan.zones > 1 && (zoneInfo.missing.length > 0 || zoneInfo.zones.length < plan.zones)) {
    warnings.push(
      `--force: writing forced awareness over ${zoneInfo.zones.length} zone(s) (${nameList(zoneInfo.zones)}) although the plan needs ${plan.zones}` +
        (zoneInfo.missing.length ? ` and data nodes ${nameList(zoneInfo.missing)} lack node.attr.${sanitise(attribute, 80)}` : '') +
        '; expect unassigned replicas',
    );
  }
  const notes: string[] = [];
  if (staleness.kind === 'already-applied') {
    notes.push(`the cluster changed since the plan was made at ${sanitise(saved?.created_at ?? '', 40)}, but already matches it`);
  }
  if (diffs.some((d) => d.action !== 'unchanged' && (d.kind === 'component_template' || d.kind === 'index_template'))) {
    const patterns = desired.indexNames.map((n) => `${sanitise(n, 120)}, ${sanitise(n, 120)}-*`).join('; ');
    notes.push(`templates apply only to indices created from now on: existing indices matching ${patterns} keep their shards and mappings (reindex or split to adopt the plan)`);
  }

  return {
    cluster: { url: input.url, name: observed.clusterName, uuid: observed.clusterUuid, version: observed.version },
    zoneInfo,
    desired,
    diffs,
    fingerprint: fp,
    planHash,
    staleness,
    refusals,
    warnings,
    notes,
    summary,
    pending,
  };
}
