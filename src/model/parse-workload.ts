import type { z } from 'zod';
import { loadIndexTypes } from '../data/index-types.js';
import { loadLimits } from '../data/limits.js';
import { didYouMean } from './did-you-mean.js';
import { formatPath, UserError, type Problem } from './problems.js';
import { buildWorkloadSchema, type Workload, type WorkloadSchema } from './workload.js';

let schema: WorkloadSchema | undefined;

/** The workload schema against the limits in formulas/ (built once). */
export function workloadSchema(): WorkloadSchema {
  schema ??= buildWorkloadSchema(loadLimits(), loadIndexTypes());
  return schema;
}

/** Validates a parsed workload document; every problem is reported at once. */
export function parseWorkload(raw: unknown, origin = 'workload'): Workload {
  const result = workloadSchema().safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => toProblems(issue, raw));
  throw new UserError(problems.length ? problems : [{ path: origin, message: 'is not a valid workload' }]);
}

function toProblems(issue: z.core.$ZodIssue, raw: unknown): Problem[] {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(issue.path);
    return issue.keys.map((key) => {
      const guess = didYouMean(key, known);
      return {
        path: path ? `${path}.${key}` : key,
        message: 'is not a known key',
        fix: guess ? `did you mean ${guess}?` : known.length ? `known keys here: ${known.join(', ')}` : 'remove it',
      };
    });
  }
  if (issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined) {
    return [{ path, message: 'is required', fix: `add ${path || 'it'}` }];
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    const got = valueAt(raw, issue.path);
    const values = (issue.values as unknown[]).map((v) => JSON.stringify(v));
    return [{ path, message: `${JSON.stringify(got)} is not allowed`, fix: `use one of ${values.join(', ')}` }];
  }
  if (issue.code === 'invalid_union') {
    return [{ path, message: `${JSON.stringify(valueAt(raw, issue.path))} ${issue.message.replace(/^Invalid input:?\s*/i, 'is invalid')}` }];
  }
  return [{ path, message: describeValue(issue, raw) }];
}

function describeValue(issue: z.core.$ZodIssue, raw: unknown): string {
  const got = valueAt(raw, issue.path);
  const msg = issue.message;
  if (issue.code === 'too_big' || issue.code === 'too_small' || issue.code === 'invalid_format') {
    const shown = typeof got === 'string' ? JSON.stringify(got) : String(got);
    if (Array.isArray(got)) return `${msg.replace(/^Too (big|small): expected array to have/, 'must have')}`;
    return `${shown} ${friendly(msg)}`;
  }
  if (issue.code === 'invalid_type') return `${friendly(msg)} (got ${typeName(got)})`;
  return msg;
}

function friendly(msg: string): string {
  return msg
    .replace(/^Too big: expected (number|string) to be <=?\s*/, 'is above the maximum of ')
    .replace(/^Too small: expected (number|string) to be >=?\s*/, 'is below the minimum of ')
    .replace(/^Too small: expected number to be >\s*/, 'must be above ')
    .replace(/^Invalid input: expected (\w+), received \w+$/, 'must be a $1')
    .replace(/^Invalid string: must match pattern .*$/, 'has the wrong format');
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** The keys the schema allows at a path, for "did you mean" on unknown keys. */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let node: unknown = workloadSchema();
  for (const key of [...path, undefined]) {
    node = unwrap(node);
    if (key === undefined) break;
    const def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return [];
    if (typeof key === 'number') node = def.element;
    else node = (def.shape as Record<string, unknown> | undefined)?.[key as string];
  }
  const shape = (node as { _zod?: { def?: { shape?: Record<string, unknown> } } })._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(node: unknown): unknown {
  let cur = node as { _zod?: { def?: Record<string, unknown> } } | undefined;
  for (let i = 0; i < 10 && cur?._zod?.def; i++) {
    const def = cur._zod.def;
    const next = def.innerType ?? def.in ?? (def.type === 'pipe' ? def.in : undefined);
    if (!next) break;
    cur = next as typeof cur;
  }
  return cur;
}
