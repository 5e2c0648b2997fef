import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { relative, sep } from 'node:path';
import type { z } from 'zod';
import { formatPath } from '../model/problems.js';
import { packageRoot } from './paths.js';

/**
 * Data files the build has already checked against their schemas, as package-relative path →
 * SHA-256 of the content. scripts/bundle.mjs writes this into the bundle the CLI runs; anywhere
 * else (tests, tsc output) it does not exist and every file is checked on load. Only files whose
 * check returned exactly what the file holds are listed, so skipping the check for an unchanged
 * file returns the same value; a file edited after the build no longer matches and is checked.
 * Checking the catalogs and formulas took about a sixth of `esplan recommend --json`.
 */
declare const __ESPLAN_CHECKED_DATA__: Readonly<Record<string, string>> | undefined;
const checkedAtBuild: Readonly<Record<string, string>> | undefined =
  typeof __ESPLAN_CHECKED_DATA__ === 'undefined' ? undefined : __ESPLAN_CHECKED_DATA__;

/** What the build learns from each check (scripts/bundle.mjs listens; nothing else does). */
export interface DataCheck {
  file: string;
  sha256: string;
  unchanged: boolean;
}
let onCheck: ((check: DataCheck) => void) | undefined;

export function recordDataChecks(listener: ((check: DataCheck) => void) | undefined): void {
  onCheck = listener;
}

/**
 * Reads one of esplan's own data files (formulas/, catalogs/) and checks it against its schema.
 * A broken data file is a bug in the package, not a user mistake, so it throws a plain Error
 * that names the file and every problem.
 */
export function readDataFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let text: string;
  let raw: unknown;
  try {
    text = readFileSync(file, 'utf8');
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`data file ${file} cannot be read: ${(err as Error).message}`, { cause: err });
  }
  const key = relative(packageRoot, file).split(sep).join('/');
  if (checkedAtBuild && checkedAtBuild[key] === sha256(text)) return deepFreeze(raw as z.output<S>);

  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${formatPath(i.path) || '(root)'}: ${i.message}`);
    throw new Error(`data file ${file} is invalid:\n${lines.join('\n')}`);
  }
  onCheck?.({ file: key, sha256: sha256(text), unchanged: isDeepStrictEqual(parsed.data, raw) });
  return deepFreeze(parsed.data);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
