/**
 * Diagnostics rather than the first exception: every user-facing failure is a list of problems,
 * each naming where it is (a workload path, a flag, a file) and how to fix it.
 */
import { displayValue } from './display-text.js';

export interface Problem {
  /** Where: `vectors[0].dims`, `--format`, a file name. Empty for the whole input. */
  path: string;
  /** What is wrong, with the offending value where it helps. */
  message: string;
  /** What to do instead, when there is something useful to say. */
  fix?: string;
}

/** A mistake the user can correct. Printed without a stack trace; exits with `exitCode`. */
export class UserError extends Error {
  readonly problems: readonly Problem[];
  readonly exitCode: number;

  constructor(problems: Problem | readonly Problem[], exitCode = 1) {
    const list = Array.isArray(problems) ? problems : [problems as Problem];
    super(list.map(formatProblem).join('\n'));
    this.name = 'UserError';
    this.problems = list;
    this.exitCode = exitCode;
  }
}

/** The user chose to stop (Ctrl-C, declined confirmation). */
export class AbortedError extends Error {
  constructor(message = 'aborted') {
    super(message);
    this.name = 'AbortedError';
  }
}

export function formatProblem(p: Problem): string {
  const where = p.path ? `${p.path}: ` : '';
  const fix = p.fix ? ` (fix: ${p.fix})` : '';
  return `${where}${p.message}${fix}`;
}

/**
 * `['vectors', 0, 'dims']` → `vectors[0].dims`. Keys the user invented (unknown keys, record keys)
 * may hold anything, so those that are not plain identifiers are shown quoted and cut short.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z0-9_@-]{1,64}$/.test(String(part))) out += out ? `.${String(part)}` : String(part);
    else out += `[${displayValue(String(part), 40)}]`;
  }
  return out;
}
