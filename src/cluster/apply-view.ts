/**
 * The views of an apply plan: the human text a reviewer types `yes` to, and the one JSON document
 * `--json` prints. Both render the same ApplyPlan value (apply-plan.ts) and write report.
 */
import { nameList, sanitise } from '../model/sanitise.js';
import type { ApplyPlan } from './apply-plan.js';
import type { WriteReport } from './execute.js';
import { renderDiffs } from './render.js';

/** What apply ended with; the CLI maps it to an exit code (src/cli/exit-codes.ts). */
export type ApplyOutcome = 'applied' | 'no-changes' | 'dry-run' | 'refused' | 'failed' | 'aborted';

export function renderApplyPlan(ap: ApplyPlan, color: boolean): string {
  const { zoneInfo } = ap;
  const header =
    `Cluster ${sanitise(ap.cluster.name, 120)} (Elasticsearch ${sanitise(ap.cluster.version, 40)}) at ${sanitise(ap.cluster.url)}: ` +
    `${zoneInfo.dataNodeCount} data node(s) in ${zoneInfo.zones.length} zone(s)${zoneInfo.zones.length ? ` (${nameList(zoneInfo.zones)})` : ''}\n\n`;
  return header + renderDiffs(ap.diffs, color);
}

export function applyJson(ap: ApplyPlan, result: ApplyOutcome, report?: WriteReport) {
  return {
    format_version: 1,
    result,
    cluster: ap.cluster,
    plan_hash: ap.planHash,
    fingerprint: ap.fingerprint.digest,
    summary: ap.summary,
    changes: ap.diffs.map((d) => ({ kind: d.kind, name: d.name, action: d.action, owned_by_esplan: d.ownedByEsplan ?? null, changes: d.changes })),
    warnings: ap.warnings,
    notes: ap.notes,
    refusals: ap.refusals.map((p) => ({ ...p })),
    ...(report ? { writes: report.results.map((r) => ({ kind: r.kind, name: r.name, action: r.action, status: r.status, error: r.error ?? null })) } : {}),
  };
}
