/**
 * What every command that talks to a cluster (apply, check) shares at the CLI edge: the connection
 * flags with their help, and writers that redact every credential, also in the escaped form the
 * sanitiser would give a secret holding control or bidi characters.
 */
import type { Command } from 'commander';
import { redactSecrets } from '../cluster/connection.js';
import { escapeUnsafe } from '../model/sanitise.js';
import { UserError, type Problem } from '../model/problems.js';
import type { Plan } from '../model/plan.js';
import { checkWriteTarget } from '../data/write-user-file.js';
import { loadModelData } from '../data/model-data.js';
import { buildPlan } from '../recommend/build-plan.js';
import { readPlanDocument, type SavedApplyPlan } from '../cluster/saved-plan.js';
import { ESPLAN_VERSION } from './version.js';
import { readStructuredFile, readWorkloadFile } from './workload-file.js';
import { positiveSeconds } from './options.js';

export function addConnectionOptions(command: Command): Command {
  return command
    .option('--url <url>', 'cluster URL (env ES_URL)')
    .option('--api-key <key>', 'API key, base64 id:key (env ES_API_KEY)')
    .option('--username <user>', 'user for basic auth (env ES_USERNAME)')
    .option('--password <password>', 'password for basic auth (env ES_PASSWORD; prefer the variable: flags show in ps)')
    .option('--ca-cert <file>', 'PEM file of the CA that signed the cluster certificate (env ES_CA_CERT)')
    .option('--insecure', 'do not verify the TLS certificate (test clusters only)')
    .option('--timeout <seconds>', 'per-request timeout in seconds', positiveSeconds);
}

export function withEscapedForms(secrets: readonly string[]): string[] {
  return [...new Set(secrets.flatMap((s) => [s, escapeUnsafe(s)]))];
}

/** A writer that never lets a credential through; `secrets` is read at each write, so it may grow. */
export function scrubbed(write: (t: string) => void, secrets: () => readonly string[]): (t: string) => void {
  return (t) => write(redactSecrets(t, withEscapedForms(secrets())));
}

/**
 * Rethrows `err` with every credential redacted: a UserError's problems (after `onUserError`, which
 * apply and check use to print their one JSON document first), or any other error's message and
 * stack.
 */
export function rethrowRedacted(err: unknown, secrets: readonly string[], onUserError?: (problems: Problem[]) => void): never {
  if (err instanceof UserError) {
    const all = withEscapedForms(secrets);
    const problems = err.problems.map((p) => ({
      path: redactSecrets(p.path, all),
      message: redactSecrets(p.message, all),
      fix: p.fix && redactSecrets(p.fix, all),
    }));
    onUserError?.(problems);
    throw new UserError(problems, err.exitCode);
  }
  if (err instanceof Error) {
    err.message = redactSecrets(err.message, secrets);
    if (err.stack) err.stack = redactSecrets(err.stack, secrets);
  }
  throw err;
}

/**
 * The plan a cluster command works from: a plan file (saved by apply --plan-out, or recommend
 * --json) or a workload to plan from, never both. `need` says what the plan is for, in the message
 * when neither is given.
 */
export function loadPlanInput(
  planFile: string | undefined,
  workload: string | undefined,
  need: { message: string; fix: string },
): { plan: Plan; saved?: SavedApplyPlan; source: string } {
  if (planFile !== undefined && workload !== undefined) {
    throw new UserError({ path: '--workload', message: `cannot be combined with a plan file (${planFile})`, fix: 'give one or the other' });
  }
  if (planFile !== undefined) return { ...readPlanDocument(readStructuredFile(planFile, 'plan'), planFile), source: planFile };
  if (workload !== undefined) return { plan: buildPlan(readWorkloadFile(workload), { esplanVersion: ESPLAN_VERSION, data: loadModelData() }), source: workload };
  throw new UserError({ path: '--workload', ...need });
}

/**
 * A file a cluster command writes (apply --plan-out, check --write-calibration): checked before
 * connecting, never one of the inputs; `--overwrite` without such a flag is a mistake.
 */
export function checkOutputTarget(
  target: string | undefined,
  flag: string,
  overwrite: boolean | undefined,
  inputs: { planFile?: string; planWhat: string; workload?: string },
): void {
  if (target !== undefined) {
    const protectedFiles = [
      ...(inputs.planFile !== undefined ? [{ path: inputs.planFile, what: inputs.planWhat }] : []),
      ...(inputs.workload !== undefined ? [{ path: inputs.workload, what: 'workload file' }] : []),
    ];
    checkWriteTarget(target, { flag, overwriteFlag: '--overwrite', overwrite: Boolean(overwrite), protectedFiles });
  } else if (overwrite) {
    throw new UserError({ path: '--overwrite', message: `only applies to ${flag}`, fix: `add ${flag} FILE, or drop --overwrite` });
  }
}
