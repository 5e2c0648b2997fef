/**
 * The apply flow: connect, observe, compute desired state, diff, check, show, confirm, write,
 * verify, report. Everything printed passes through the caller's (redacting) writers.
 */
import { writeFileSync } from 'node:fs';
import { loadApplyPolicy } from '../data/apply-policy.js';
import { loadIndexTypes } from '../data/index-types.js';
import type { Plan } from '../model/plan.js';
import { AbortedError, UserError, formatProblem, type Problem } from '../model/problems.js';
import { nameList, safeJson, sanitise } from '../model/sanitise.js';
import { describeAuth, type Connection } from './connection.js';
import { desiredState, planWorkload, templateNames } from './desired.js';
import { diffState, type ObjectDiff } from './diff.js';
import { describeClusterError } from './errors.js';
import { openClusterHttp } from './es-transport.js';
import { executeWrites, type WriteReport } from './execute.js';
import { changedParts, fingerprint } from './fingerprint.js';
import { ClusterError, type ClusterHttp } from './http.js';
import { observeCluster, observeRoot } from './observe.js';
import {
  checkAwareness,
  checkClusterVersion,
  checkIndexOptions,
  checkOverlaps,
  checkOwnership,
  checkSnapshots,
  objectLabel,
  zonesOnDataNodes,
} from './preflight.js';
import { renderDiffs, renderReport, summarize } from './render.js';
import { makeSavedPlan, type SavedApplyPlan } from './saved-plan.js';

export interface ApplyOptions {
  dryRun: boolean;
  yes: boolean;
  json: boolean;
  force: boolean;
  takeOwnership: boolean;
  planOut?: string;
}

export interface ApplyIo {
  stdout: (t: string) => void;
  stderr: (t: string) => void;
  color: boolean;
  interactive: boolean;
  /** Asks for the typed confirmation; resolves to what the user typed. */
  ask: (question: string) => Promise<string>;
}

/** Exit codes of apply, as ExitCode defines them. */
export const APPLY_EXIT = { ok: 0, error: 1, pending: 2 } as const;

export async function runApply(args: {
  plan: Plan;
  saved?: SavedApplyPlan;
  connection: Connection;
  options: ApplyOptions;
  io: ApplyIo;
  esplanVersion: string;
  /** For tests: a ClusterHttp instead of the real client. */
  http?: ClusterHttp;
}): Promise<number> {
  const { plan, saved, connection: conn, options, io } = args;
  const policy = loadApplyPolicy();
  const progress = (t: string) => io.stderr(`${t}\n`);
  const fail = (err: ClusterError): UserError => new UserError(describeClusterError(err, conn));

  progress(`esplan: connecting to ${sanitise(conn.url)} (${sanitise(describeAuth(conn.auth))}${conn.ignoredAuth ? `; ${conn.ignoredAuth} ignored` : ''})`);
  const http =
    args.http ??
    (await openClusterHttp(
      conn,
      { attempts: policy.retryAttempts, backoffMs: policy.retryBackoffMs },
      {
        onRetry: (spec, attempt, e) =>
          progress(`esplan: ${sanitise(spec.what)}: ${e.kind} (${sanitise(e.message.split('\n')[0] ?? '')}); retry ${attempt} of ${policy.retryAttempts}`),
      },
    ));
  try {
    let root;
    try {
      root = await observeRoot(http);
    } catch (err) {
      if (err instanceof ClusterError) throw fail(err);
      throw err;
    }
    checkClusterVersion(root.version, policy);
    // Names and the version as the cluster gave them are shown only through the sanitiser.
    const clusterName = sanitise(root.clusterName, 120);
    const version = sanitise(root.version, 40);
    if (saved && saved.cluster.uuid !== root.clusterUuid) {
      throw new UserError({
        path: '--url',
        message: `points at cluster ${clusterName} (${sanitise(root.clusterUuid, 80)}), but the saved plan was made for ${sanitise(saved.cluster.name, 120)} (${sanitise(saved.cluster.uuid, 80)})`,
        fix: 'connect to the cluster the plan was made for, or make a new plan',
      });
    }

    const workload = planWorkload(plan);
    const names = templateNames(workload.index.name as string);
    progress(`esplan: observing Elasticsearch ${version} cluster ${clusterName}`);
    let observed;
    try {
      observed = await observeCluster(http, root, {
        componentTemplates: [names.settings, names.mappings],
        slmPolicies: workload.snapshots ? [names.slm] : [],
        repositories: workload.snapshots ? [workload.snapshots.repository] : [],
      });
    } catch (err) {
      if (err instanceof ClusterError) throw fail(err);
      throw err;
    }

    const attribute = workload.availability.awareness_attribute;
    const zoneInfo = zonesOnDataNodes(observed, attribute);
    const desired = desiredState(plan, zoneInfo.zones, policy);
    const diffs = diffState(desired, observed);
    const fp = fingerprint(observed, desired);

    // A changed cluster makes the reviewed diff untrustworthy, unless it now needs no writes at all
    // (typically: this very plan was applied already); then re-running it is a no-op, not an error.
    const nothingToWrite = diffs.every((d) => d.action === 'unchanged');
    if (saved && saved.fingerprint.digest !== fp.digest && nothingToWrite) {
      progress(`esplan: the cluster changed since the plan was made at ${sanitise(saved.created_at, 40)}, but already matches it`);
    } else if (saved && saved.fingerprint.digest !== fp.digest) {
      const parts = changedParts(saved.fingerprint, fp);
      throw new UserError({
        path: 'plan',
        message: `is stale: the cluster changed since the plan was made at ${sanitise(saved.created_at, 40)} (changed: ${nameList(parts, 20)})`,
        fix: 'make a fresh plan (esplan apply --dry-run --plan-out FILE), review it, and apply that',
      });
    }

    const flags = { force: options.force, takeOwnership: options.takeOwnership };
    const overlaps = checkOverlaps(desired, observed, policy);
    const types = loadIndexTypes();
    const refusals: Problem[] = [
      ...checkIndexOptions(plan, root.version, types, policy),
      ...checkAwareness(plan, observed, flags),
      ...checkOwnership(diffs, observed, desired.indexName, flags),
      ...overlaps.refusals,
      ...checkSnapshots(plan, observed),
    ];
    const warnings = [...overlaps.warnings];
    if (options.force && plan.zones > 1 && (zoneInfo.missing.length > 0 || zoneInfo.zones.length < plan.zones)) {
      warnings.push(
        `--force: writing forced awareness over ${zoneInfo.zones.length} zone(s) (${nameList(zoneInfo.zones)}) although the plan needs ${plan.zones}` +
          (zoneInfo.missing.length ? ` and data nodes ${nameList(zoneInfo.missing)} lack node.attr.${sanitise(attribute, 80)}` : '') +
          '; expect unassigned replicas',
      );
    }
    const notes: string[] = [];
    if (diffs.some((d) => d.action !== 'unchanged' && (d.kind === 'component_template' || d.kind === 'index_template'))) {
      notes.push(
        `templates apply only to indices created from now on: existing indices matching ${sanitise(desired.indexName, 120)}, ${sanitise(desired.indexName, 120)}-* keep their shards and mappings (reindex or split to adopt the plan)`,
      );
    }

    const summary = summarize(diffs);
    const pending = summary.create + summary.update > 0;
    const cluster = { url: conn.url, name: root.clusterName, uuid: root.clusterUuid, version: root.version };

    const header =
      `Cluster ${clusterName} (Elasticsearch ${version}) at ${sanitise(conn.url)}: ` +
      `${zoneInfo.dataNodeCount} data node(s) in ${zoneInfo.zones.length} zone(s)${zoneInfo.zones.length ? ` (${nameList(zoneInfo.zones)})` : ''}\n\n`;
    const planText = header + renderDiffs(diffs, io.color);
    const jsonDoc = (result: string, report?: WriteReport) => ({
      format_version: 1,
      result,
      cluster,
      plan_hash: desired.planHash,
      fingerprint: fp.digest,
      summary,
      changes: diffs.map((d) => ({ kind: d.kind, name: d.name, action: d.action, owned_by_esplan: d.ownedByEsplan ?? null, changes: d.changes })),
      warnings,
      notes,
      refusals: refusals.map((p) => ({ ...p })),
      ...(report ? { writes: report.results.map((r) => ({ kind: r.kind, name: r.name, action: r.action, status: r.status, error: r.error ?? null })) } : {}),
    });
    // The JSON keeps the cluster's values exactly; safeJson writes the characters a terminal would act on as \u escapes.
    const emitJson = (result: string, report?: WriteReport) => io.stdout(`${safeJson(jsonDoc(result, report), 2)}\n`);

    if (options.json) io.stderr(planText);
    else io.stdout(planText);
    for (const w of warnings) io.stderr(`warning: ${w}\n`);
    for (const n of notes) io.stderr(`note: ${n}\n`);

    if (refusals.length > 0) {
      if (options.json) emitJson('refused');
      for (const p of refusals) io.stderr(`refused: ${formatProblem(p)}\n`);
      io.stderr('esplan: nothing was written.\n');
      return APPLY_EXIT.error;
    }
    // A refused plan is not worth saving; one with nothing to do still records the fingerprint.
    if (options.planOut) {
      const doc = makeSavedPlan({ esplanVersion: args.esplanVersion, cluster, fingerprint: fp, planHash: desired.planHash, diffs, plan, now: new Date() });
      try {
        writeFileSync(options.planOut, `${JSON.stringify(doc, null, 2)}\n`);
      } catch (err) {
        throw new UserError({ path: '--plan-out', message: `${sanitise(options.planOut)} cannot be written: ${sanitise((err as Error).message)}` });
      }
      progress(`esplan: saved the plan to ${sanitise(options.planOut)} (apply it with: esplan apply ${sanitise(options.planOut)})`);
    }

    if (!pending) {
      if (options.json) emitJson('no-changes');
      else io.stderr('esplan: no changes: the cluster already matches the plan.\n');
      return APPLY_EXIT.ok;
    }
    if (options.dryRun) {
      if (options.json) emitJson('dry-run');
      else io.stderr('esplan: dry run: nothing was written; changes are pending (exit 2).\n');
      return APPLY_EXIT.pending;
    }
    if (!options.yes) {
      if (!io.interactive) {
        throw new UserError({
          path: '--yes',
          message: 'is needed: there is no terminal to confirm the changes at, so nothing was written',
          fix: 'review the plan above (or with --dry-run), then run again with --yes',
        });
      }
      const answer = await io.ask(`\nApply these ${summary.create + summary.update} change(s) to ${clusterName}? Only "yes" is accepted: `);
      if (answer.trim() !== 'yes') throw new AbortedError('apply declined: nothing was written');
    }

    const report = await executeWrites(http, diffs, {
      onStart: (d: ObjectDiff) => progress(`esplan: ${d.action === 'create' ? 'creating' : 'updating'} ${objectLabel(d.kind, d.name)} ...`),
      onDone: (r) => progress(`esplan: ${objectLabel(r.kind, r.name)}: ${r.status === 'written' ? 'written, read back, matches' : r.status}`),
    });
    if (options.json) emitJson(report.ok ? 'applied' : 'failed', report);
    io.stderr(renderReport(report));
    const failed = report.results.find((r) => r.status === 'failed');
    if (failed?.cause) io.stderr(`error: ${formatProblem(describeClusterError(failed.cause, conn))}\n`);
    return report.ok ? APPLY_EXIT.ok : APPLY_EXIT.error;
  } finally {
    await http.close().catch(() => undefined);
  }
}
