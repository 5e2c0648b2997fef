/**
 * The apply flow, as a sequence of separate steps: observe (observe.ts), the pure apply plan
 * (apply-plan.ts), its views (apply-view.ts), confirmation, execution (execute.ts) and the report.
 * It returns an outcome; the CLI maps it to an exit code (src/cli/exit-codes.ts). Everything
 * printed passes through the caller's (redacting) writers.
 */
import { loadApplyPolicy } from '../data/apply-policy.js';
import { buildApplyPlan } from './apply-plan.js';
import { connectionWarnings } from './connection.js';
import { applyJson, renderApplyPlan, type ApplyOutcome } from './apply-view.js';
import { writeFileAtomic } from '../data/write-user-file.js';
import { loadIndexTypes } from '../data/index-types.js';
import type { Plan } from '../model/plan.js';
import { AbortedError, UserError, formatProblem } from '../model/problems.js';
import { safeJson, sanitise } from '../model/sanitise.js';
import type { Connection } from './connection.js';
import { loadInference } from '../data/inference.js';
import { desiredState, inferenceResolver, planWorkload, plannedIndices, templateNames } from './desired.js';
import type { ObjectDiff } from './diff.js';
import { describeClusterError } from './errors.js';
import { connectWithProgress } from './connect.js';
import { executeWrites, type WriteReport, type WriteResult, type WriteStatus } from './execute.js';
import { ClusterError, type ClusterHttp } from './http.js';
import { observeCluster, observeLicense, observeRoot } from './observe.js';
import { checkClusterVersion, checkIndexOptions, checkWorkloadFitsCluster, objectLabel } from './preflight.js';
import { renderReport } from './render.js';
import { checkSavedPlanCluster, makeSavedPlan, type SavedApplyPlan } from './saved-plan.js';

export interface ApplyOptions {
  dryRun: boolean;
  yes: boolean;
  json: boolean;
  force: boolean;
  takeOwnership: boolean;
  planOut?: string;
  /** --overwrite: --plan-out may replace an existing file (checked up front by the CLI). */
  overwrite?: boolean;
}

export interface ApplyIo {
  stdout: (t: string) => void;
  stderr: (t: string) => void;
  color: boolean;
  interactive: boolean;
  /** Asks for the typed confirmation; resolves to what the user typed. */
  ask: (question: string) => Promise<string>;
}

/** How each write ended, as the progress line says it. */
const DONE: Record<WriteStatus, string> = {
  written: 'written, read back, matches',
  unverified: 'written, NOT verified',
  failed: 'failed',
  refused: 'not written (changed since the plan was made)',
  'not attempted': 'not attempted',
};

/** Where SIGINT and SIGTERM are heard; tests pass their own. */
export interface Signals {
  /** Starts listening; returns the function that stops. */
  on: (handler: (name: string) => void) => () => void;
  /** Leaves at once with this code (after a second signal). */
  exit: (code: number) => void;
}

export function processSignals(): Signals {
  return {
    on: (handler) => {
      const names = ['SIGINT', 'SIGTERM'] as const;
      const listeners = names.map((name) => [name, () => handler(name)] as const);
      for (const [name, l] of listeners) process.on(name, l);
      return () => {
        for (const [name, l] of listeners) process.off(name, l);
      };
    },
    exit: (code) => process.exit(code),
  };
}

export async function runApply(args: {
  plan: Plan;
  saved?: SavedApplyPlan;
  connection: Connection;
  options: ApplyOptions;
  io: ApplyIo;
  esplanVersion: string;
  /** For tests: a ClusterHttp instead of the real client. */
  http?: ClusterHttp;
  signals?: Signals;
}): Promise<ApplyOutcome> {
  const { plan, saved, connection: conn, options, io } = args;
  const policy = loadApplyPolicy();
  const progress = (t: string) => io.stderr(`${t}\n`);
  const fail = (err: ClusterError): UserError => new UserError(describeClusterError(err, conn));
  // Said before anything is sent (--insecure), and carried into the JSON warnings.
  const earlyWarnings = connectionWarnings(conn);
  for (const w of earlyWarnings) io.stderr(`warning: ${w}\n`);

  const http = await connectWithProgress(conn, progress, args.http);
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
    checkSavedPlanCluster(saved, root, 'connect to the cluster the plan was made for, or make a new plan');

    const workload = planWorkload(plan);
    const indices = plannedIndices(plan);
    const inference = loadInference();
    const slmName = templateNames((indices[0] as { name: string }).name).slm;
    progress(`esplan: observing Elasticsearch ${version} cluster ${clusterName}`);
    let observed;
    try {
      // A plan for a newer version or a higher licence than the cluster runs stops here, before anything else is read.
      const mismatch = checkWorkloadFitsCluster(workload, root.version, await observeLicense(http), policy.licenseRank);
      if (mismatch.length > 0) {
        // With the version, say which of the plan's features the cluster lacks.
        const features = mismatch.some((p) => p.path === 'elasticsearch.version') ? checkIndexOptions(plan, root.version, loadIndexTypes(), policy) : [];
        throw new UserError([...mismatch, ...features]);
      }
      observed = await observeCluster(http, root, {
        componentTemplates: indices.flatMap((i) => [templateNames(i.name).settings, templateNames(i.name).mappings]),
        slmPolicies: workload.snapshots ? [slmName] : [],
        repositories: workload.snapshots ? [workload.snapshots.repository] : [],
        // Every semantic_text endpoint is looked up before planning, so a missing one is refused with nothing written.
        inferenceEndpoints: [...new Set(desiredState(plan, [], policy, inferenceResolver(plan, inference)).inference.flatMap((f) => (f.inference_id === undefined ? [] : [f.inference_id])))],
      });
    } catch (err) {
      if (err instanceof ClusterError) throw fail(err);
      throw err;
    }

    const ap = buildApplyPlan({
      plan,
      observed,
      policy,
      indexTypes: loadIndexTypes(),
      inference,
      saved,
      flags: { force: options.force, takeOwnership: options.takeOwnership },
      url: conn.url,
      warnings: earlyWarnings,
    });
    // The JSON keeps the cluster's values exactly; safeJson writes the characters a terminal would act on as \u escapes.
    const emitJson = (result: ApplyOutcome, report?: WriteReport) => io.stdout(`${safeJson(applyJson(ap, result, report), 2)}\n`);

    const planText = renderApplyPlan(ap, io.color);
    if (options.json) io.stderr(planText);
    else io.stdout(planText);
    // The connection warnings were printed before connecting; the rest follow the plan.
    for (const w of ap.warnings.slice(earlyWarnings.length)) io.stderr(`warning: ${w}\n`);
    for (const n of ap.notes) io.stderr(`note: ${n}\n`);

    if (ap.refusals.length > 0) {
      if (options.json) emitJson('refused');
      for (const p of ap.refusals) io.stderr(`refused: ${formatProblem(p)}\n`);
      io.stderr('esplan: nothing was written.\n');
      return 'refused';
    }
    // A refused plan is not worth saving; one with nothing to do still records the fingerprint.
    if (options.planOut) {
      const doc = makeSavedPlan({ esplanVersion: args.esplanVersion, applyPlan: ap, plan, now: new Date() });
      writeFileAtomic(options.planOut, `${JSON.stringify(doc, null, 2)}\n`, { flag: '--plan-out', overwriteFlag: '--overwrite', overwrite: options.overwrite === true });
      progress(`esplan: saved the plan to ${sanitise(options.planOut)} (apply it with: esplan apply ${sanitise(options.planOut)})`);
    }

    if (!ap.pending) {
      if (options.json) emitJson('no-changes');
      else io.stderr('esplan: no changes: the cluster already matches the plan.\n');
      return 'no-changes';
    }
    if (options.dryRun) {
      if (options.json) emitJson('dry-run');
      else io.stderr('esplan: dry run: nothing was written; changes are pending (exit 2).\n');
      return 'dry-run';
    }
    if (!options.yes) {
      if (!io.interactive) {
        throw new UserError({
          path: '--yes',
          message: 'is needed: there is no terminal to confirm the changes at, so nothing was written',
          fix: 'review the plan above (or with --dry-run), then run again with --yes',
        });
      }
      const answer = await io.ask(`\nApply these ${ap.summary.create + ap.summary.update} change(s) to ${clusterName}? Only "yes" is accepted: `);
      if (answer.trim() !== 'yes') throw new AbortedError('apply declined: nothing was written');
    }

    // From the first write on, every way out prints where the cluster stands: failures, replies
    // esplan cannot read and interrupts (the current request is finished, then the run stops).
    const signals = args.signals ?? processSignals();
    let interrupted = false;
    const done: WriteResult[] = [];
    let current: ObjectDiff | undefined;
    const stopSignals = signals.on((name) => {
      if (!interrupted) {
        interrupted = true;
        io.stderr(`esplan: interrupted (${name}): finishing the current request, then stopping (${name} again abandons it)\n`);
        return;
      }
      // A second signal abandons the request in flight: report it as unknown and leave now.
      const results: WriteResult[] = ap.diffs
        .filter((d) => d.action !== 'unchanged')
        .map((d) => {
          const finished = done.find((r) => r.kind === d.kind && r.name === d.name);
          if (finished) return finished;
          const action = d.action as 'create' | 'update';
          return d === current
            ? { kind: d.kind, name: d.name, action, status: 'unverified' as const, error: 'abandoned while in flight: the write may or may not have reached the cluster; run apply again to see its state' }
            : { kind: d.kind, name: d.name, action, status: 'not attempted' as const };
        });
      const abandoned: WriteReport = { ok: false, interrupted: true, results };
      if (options.json) emitJson('aborted', abandoned);
      io.stderr(renderReport(abandoned));
      signals.exit(130);
    });
    let report: WriteReport;
    try {
      report = await executeWrites(http, ap.diffs, observed, {
        interrupted: () => interrupted,
        onStart: (d: ObjectDiff) => {
          current = d;
          progress(`esplan: ${d.action === 'create' ? 'creating' : 'updating'} ${objectLabel(d.kind, d.name)} ...`);
        },
        onDone: (r) => {
          done.push(r);
          progress(`esplan: ${objectLabel(r.kind, r.name)}: ${DONE[r.status]}`);
        },
      });
    } finally {
      stopSignals();
    }
    if (interrupted && report.ok) report = { ...report, ok: false, interrupted: true };
    const outcome: ApplyOutcome = report.ok ? 'applied' : report.interrupted ? 'aborted' : 'failed';
    if (options.json) emitJson(outcome, report);
    io.stderr(renderReport(report));
    const failed = report.results.find((r) => r.status !== 'written' && r.status !== 'not attempted');
    if (failed?.cause) io.stderr(`error: ${formatProblem(describeClusterError(failed.cause, conn))}\n`);
    return outcome;
  } finally {
    await http.close().catch(() => undefined);
  }
}
