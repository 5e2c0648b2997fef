import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { formatPath } from '../model/problems.js';

/**
 * Reads one of esplan's own data files (formulas/, catalogs/) and checks it against its schema.
 * A broken data file is a bug in the package, not a user mistake, so it throws a plain Error
 * that names the file and every problem.
 */
export function readDataFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`data file ${file} cannot be read: ${(err as Error).message}`, { cause: err });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${formatPath(i.path) || '(root)'}: ${i.message}`);
    throw new Error(`data file ${file} is invalid:\n${lines.join('\n')}`);
  }
  return deepFreeze(parsed.data);
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
