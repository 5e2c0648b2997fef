/**
 * The check flow: connect, read the cluster (read-snapshot.ts, read-only), audit it against the
 * plan (audit.ts, pure), optionally write the calibration file, and report. It returns an outcome;
 * the CLI maps it to an exit code. Nothing is ever written to the cluster. Everything printed passes
 * through the caller's (redacting) writers; text from the cluster passes the sanitiser.
 */
import { loadApplyPolicy } from '../../data/apply-policy.js';
import { loadModelData } from '../../data/model-data.js';
import { loadCheckPolicy } from '../../data/check-policy.js';
import { writeFileAtomic } from '../../data/write-user-file.js';
import type { Plan } from '../../model/plan.js';
import { UserError } from '../../model/problems.js';
import { safeJson, sanitise } from '../../model/sanitise.js';
import { calibrationFromMeasurements } from '../../sizing/calibration.js';
import { connectionWarnings, type Connection } from '../connection.js';
import { describeClusterError } from '../errors.js';
import { connectWithProgress } from '../connect.js';
import { ClusterError, type ClusterHttp } from '../http.js';
import { observeRoot } from '../observe.js';
import { checkClusterVersion } from '../preflight.js';
import { checkSavedPlanCluster, type SavedApplyPlan } from '../saved-plan.js';
import { auditCluster, type AuditResult } from './audit.js';
import { readSnapshot } from './read-snapshot.js';
import { renderCheck } from './render.js';
import type { ClusterSnapshot } from './snapshot.js';

export type CheckOutcome = 'match' | 'findings';

export interface CheckOptions {
  json: boolean;
  diskUsage: boolean;
  /** --write-calibration FILE (the target was checked by the CLI). */
  writeCalibration?: string;
  overwrite: boolean;
  /** Where the plan came from, for the report: the workload or plan file. */
  planSource: string;
}

export interface CheckIo {
  stdout: (t: string) => void;
  stderr: (t: string) => void;
  color: boolean;
  columns?: number;
}

/** check's JSON document (format_version 1): keys are a contract, only ever extended. */
export interface CheckDocument {
  format_version: 1;
  result: CheckOutcome;
  cluster: ClusterSnapshot['cluster'];
  read_at: string;
  plan: { source: string; esplan_version: string; indices: string[]; calibration?: { file: string; created: string } };
  findings: AuditResult['findings'];
  vectors: AuditResult['vectors'];
  calibration_written?: { file: string; entries: number };
  warnings: string[];
}

export async function runCheck(args: {
  plan: Plan;
  saved?: SavedApplyPlan;
  connection: Connection;
  options: CheckOptions;
  io: CheckIo;
  esplanVersion: string;
  /** For tests: a ClusterHttp instead of the real client. */
  http?: ClusterHttp;
  now?: () => Date;
}): Promise<CheckOutcome> {
  const { plan, saved, connection: conn, options, io } = args;
  const policy = loadApplyPolicy();
  const progress = (t: string) => io.stderr(`${t}\n`);
  const fail = (err: ClusterError): UserError => new UserError(describeClusterError(err, conn));
  const warnings = connectionWarnings(conn);
  for (const w of warnings) io.stderr(`warning: ${w}\n`);
  // Said already; only those added later are printed at the end.
  const early = warnings.length;

  const http = await connectWithProgress(conn, progress, args.http);
  try {
    let snapshot: ClusterSnapshot;
    try {
      const root = await observeRoot(http);
      checkClusterVersion(root.version, policy, 'check');
      checkSavedPlanCluster(saved, root, 'connect to the cluster the plan was made for, or check against a plan made for this one');
      progress(`esplan: checking Elasticsearch ${sanitise(root.version, 40)} cluster ${sanitise(root.clusterName, 120)} against the plan (read-only)`);
      snapshot = await readSnapshot(http, root, {
        indexNames: plan.indices.map((i) => i.name),
        diskUsage: options.diskUsage,
        progress,
        ...(args.now ? { now: args.now } : {}),
      });
    } catch (err) {
      if (err instanceof ClusterError) throw fail(err);
      throw err;
    }

    const audit = auditCluster(snapshot, plan, { sizing: loadModelData(), policy: loadCheckPolicy() });
    const outcome: CheckOutcome = audit.findings.length === 0 ? 'match' : 'findings';

    let written: CheckDocument['calibration_written'];
    if (options.writeCalibration !== undefined) {
      const calibration = calibrationFromMeasurements(audit.measured, { created: snapshot.read_at, esplanVersion: args.esplanVersion, cluster: snapshot.cluster });
      if (calibration.entries.length === 0) {
        warnings.push(`--write-calibration: no vector field was measurable (${audit.vectors.length} field(s) read); ${options.writeCalibration} was not written`);
      } else {
        writeFileAtomic(options.writeCalibration, `${JSON.stringify(calibration, null, 2)}\n`, {
          flag: '--write-calibration',
          overwriteFlag: '--overwrite',
          overwrite: options.overwrite,
        });
        written = { file: options.writeCalibration, entries: calibration.entries.length };
        progress(`esplan: wrote ${calibration.entries.length} calibration entr${calibration.entries.length === 1 ? 'y' : 'ies'} to ${sanitise(options.writeCalibration)} (use it with: esplan recommend --calibration ${sanitise(options.writeCalibration)})`);
      }
    }

    const doc: CheckDocument = {
      format_version: 1,
      result: outcome,
      cluster: snapshot.cluster,
      read_at: snapshot.read_at,
      plan: {
        source: options.planSource,
        esplan_version: plan.esplan_version,
        indices: plan.indices.map((i) => i.name),
        ...(plan.calibration ? { calibration: { file: plan.calibration.file, created: plan.calibration.created } } : {}),
      },
      findings: audit.findings,
      vectors: audit.vectors,
      ...(written ? { calibration_written: written } : {}),
      warnings,
    };
    if (options.json) io.stdout(`${safeJson(doc, 2)}\n`);
    else io.stdout(renderCheck(doc, snapshot, { color: io.color, width: io.columns }));
    for (const w of warnings.slice(early)) io.stderr(`warning: ${w}\n`);
    return outcome;
  } finally {
    await http.close().catch(() => undefined);
  }
}

