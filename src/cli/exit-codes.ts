/**
 * Every exit code esplan uses, in one place (documented in the README and docs/apply.md).
 * Commands return an outcome; this table turns it into the process exit code.
 */
import type { ApplyOutcome } from '../cluster/apply-view.js';
import type { CheckOutcome } from '../cluster/check/run-check.js';

export const ExitCode = {
  /** The command did what was asked. */
  Ok: 0,
  /** Bad input, a refused or failed apply, a failed request, or a bug. */
  Error: 1,
  /** A CI check failed (e.g. --max-monthly-usd), changes are pending (apply --dry-run), or check has findings. */
  CheckFailed: 2,
  /** The user aborted: Ctrl-C or SIGTERM (during apply's writes too), or declined a confirmation. */
  Aborted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** `esplan apply`'s outcomes. */
export const APPLY_EXIT_CODES: Record<ApplyOutcome, ExitCode> = {
  applied: ExitCode.Ok,
  'no-changes': ExitCode.Ok,
  'dry-run': ExitCode.CheckFailed,
  refused: ExitCode.Error,
  failed: ExitCode.Error,
  aborted: ExitCode.Aborted,
};

/** `esplan check`'s outcomes: findings are a failed check, as a CI gate reads it. */
export const CHECK_EXIT_CODES: Record<CheckOutcome, ExitCode> = {
  match: ExitCode.Ok,
  findings: ExitCode.CheckFailed,
};
