/** Every exit code esplan uses, in one place (documented in the README). */
export const ExitCode = {
  /** The command did what was asked. */
  Ok: 0,
  /** Bad input, a failed request, or a bug: nothing (more) was written. */
  Error: 1,
  /** A CI check failed (e.g. --max-monthly-usd) or changes are pending (apply --dry-run). */
  CheckFailed: 2,
  /** The user aborted (Ctrl-C, or declined a confirmation). */
  Aborted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
