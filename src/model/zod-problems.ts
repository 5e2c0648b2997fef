/**
 * zod issues turned into problems a user can act on: the path as the file spells it, the value
 * that was wrong, and a fix where the mistake shows one. Shared by workload and --catalog files.
 */
import type { z } from 'zod';
import { didYouMean } from './did-you-mean.js';
import { displayValue } from './display-text.js';
import { formatPath, type Problem } from './problems.js';

/**
 * zod reports every failed check of a value (-5 is both negative and below 1); the user needs one
 * line per value. Checks that only run once the basics pass (the cross-field rules) are distinct
 * problems even at the same path, so they are kept.
 */
export function onePerPath(problems: Array<Problem & { custom: boolean }>): Problem[] {
  const basic = new Set(problems.filter((p) => !p.custom).map((p) => p.path));
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const { custom, ...p } of problems) {
    // A rule that re-checks a value its basic check already refused would say the same thing twice.
    if (custom ? basic.has(p.path) : seen.has(p.path)) continue;
    seen.add(p.path);
    out.push(p);
  }
  return out;
}

export function toProblems(issue: z.core.$ZodIssue, raw: unknown, schema: z.ZodType): Array<Problem & { custom: boolean }> {
  const path = formatPath(issue.path);
  const custom = issue.code === 'custom';
  const got = valueAt(raw, issue.path);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, issue.path);
    return issue.keys.map((key) => {
      const guess = didYouMean(key, known);
      return {
        path: formatPath([...issue.path, key]),
        message: 'is not a known key',
        fix: guess ? `did you mean ${guess}?` : known.length ? `known keys here: ${known.join(', ')}` : 'remove it',
        custom,
      };
    });
  }
  if (got === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    const values = issue.code === 'invalid_value' ? issue.values.map((v) => JSON.stringify(v)) : [];
    const choices = values.length === 0 ? '' : values.length === 1 ? `: ${values[0]}` : `: one of ${values.join(', ')}`;
    return [{ path, message: 'is required', fix: `add ${path || 'it'}${choices}`, custom }];
  }
  // YAML's .nan and .inf parse to numbers JSON cannot hold; no workload value can be one.
  if (typeof got === 'number' && !Number.isFinite(got)) {
    return [{ path, message: `must be a finite number, not ${yamlSpelling(got)}`, custom }];
  }
  if (issue.code === 'invalid_value' && 'values' in issue && !isOwnMessage(issue.message)) {
    const values = (issue.values as unknown[]).map((v) => JSON.stringify(v));
    return [{ path, message: `${displayValue(got)} is not allowed`, fix: `use one of ${values.join(', ')}`, custom }];
  }
  if (issue.code === 'invalid_value' || issue.code === 'invalid_union') {
    return [{ path, message: `${displayValue(got)} ${isOwnMessage(issue.message) ? issue.message : 'is not allowed'}`, custom }];
  }
  const fix = issue.code === 'invalid_type' ? typeFix(issue.expected, got) : undefined;
  return [{ path, message: describeValue(issue, got), ...(fix ? { fix } : {}), custom }];
}

// 20_000_000 and 6,000 are strings to YAML 1.2 (and to JSON, quoted); so are yes, no, on and off,
// which YAML 1.1 read as booleans.
const GROUPED_NUMBER = /^-?\d{1,3}([_,]\d{3})+(\.\d+)?$/;
const YAML11_BOOLEAN = /^(y|yes|n|no|on|off|true|false)$/i;

/** A fix for the type mistakes people make most, when the value shows which one it is. */
function typeFix(expected: string, got: unknown): string | undefined {
  if (typeof got !== 'string') return undefined;
  if ((expected === 'number' || expected === 'int') && GROUPED_NUMBER.test(got)) {
    return `write it without separators: ${got.replace(/[_,]/g, '')}`;
  }
  if (expected === 'boolean' && YAML11_BOOLEAN.test(got)) return 'write true or false';
  return undefined;
}

function describeValue(issue: z.core.$ZodIssue, got: unknown): string {
  const msg = issue.message;
  if (issue.code === 'invalid_type') {
    const expected = issue.expected === 'int' ? 'a whole number' : article(issue.expected);
    return `${isOwnMessage(msg) ? msg : `must be ${expected}`} (got ${typeName(got)})`;
  }
  if (issue.code === 'too_big' || issue.code === 'too_small') {
    if (Array.isArray(got)) {
      const n = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
      const limit = `${issue.code === 'too_big' ? 'at most' : 'at least'} ${n} ${n === 1 ? 'item' : 'items'}`;
      return isOwnMessage(msg) ? msg : `must have ${limit}`;
    }
    return `${displayValue(got)} ${isOwnMessage(msg) ? msg : friendlyBound(issue)}`;
  }
  if (issue.code === 'invalid_format') {
    return `${displayValue(got)} ${isOwnMessage(msg) ? msg : 'has the wrong format'}`;
  }
  return msg;
}

/** zod's built-in messages start like this; ours (from the schema) say what the value should be. */
export function isOwnMessage(msg: string): boolean {
  return !/^(Invalid|Too (big|small)|Unrecognized)/.test(msg);
}

function friendlyBound(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_big' && issue.origin === 'string') return `is longer than ${String(issue.maximum)} characters`;
  if (issue.code === 'too_small' && issue.origin === 'string') return 'must not be empty';
  if (issue.code === 'too_big') return `is above the maximum of ${String(issue.maximum)}`;
  if (issue.code === 'too_small') {
    return issue.inclusive ? `is below the minimum of ${String(issue.minimum)}` : `must be above ${String(issue.minimum)}`;
  }
  return issue.message;
}

function article(type: string): string {
  switch (type) {
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping';
    default:
      return `a ${type}`;
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${displayValue(v)}`;
}

/** `NaN (YAML .nan)`: the JavaScript name, and how it was most likely written in a YAML file. */
function yamlSpelling(n: number): string {
  if (Number.isNaN(n)) return 'NaN (YAML .nan)';
  return n > 0 ? 'Infinity (YAML .inf)' : '-Infinity (YAML -.inf)';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** The keys the schema allows at a path, for "did you mean" on unknown keys. */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: unknown = schema;
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
