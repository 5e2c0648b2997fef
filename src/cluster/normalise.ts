/**
 * Comparable forms of what the cluster returns and what esplan sends. Elasticsearch answers in
 * its own way: settings come back as strings, template settings nested under `index`, cluster
 * settings flat or nested, and read-backs carry fields nobody sent (created_date, version...).
 * Every object is reduced to a flat map of dotted key → string so a diff compares like with like.
 */
import { createHash } from 'node:crypto';

export type FlatMap = Record<string, string>;
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Leaves as strings: 3, 3.0 and "3" compare equal, as Elasticsearch treats them. */
function leaf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(leaf).join(', ')}]`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    // "3.0" and "3" are the same number to Elasticsearch; canonicalise plain decimals only.
    return /^-?\d+(\.\d+)?$/.test(value) ? String(Number(value)) : value;
  }
  return String(value);
}

/** {a: {b: 1}, "c.d": 2} → {"a.b": "1", "c.d": "2"}; flat and nested forms give the same map. */
export function flatten(value: unknown, prefix = '', out: FlatMap = nullObject()): FlatMap {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out[prefix] = '{}';
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  if (prefix) out[prefix] = leaf(value);
  return out;
}

/** Index settings as Elasticsearch stores them: every key under `index.`. */
export function flattenIndexSettings(settings: unknown): FlatMap {
  const flat = flatten(settings ?? {});
  const out: FlatMap = nullObject();
  for (const [k, v] of Object.entries(flat)) out[k.startsWith('index.') ? k : `index.${k}`] = v;
  return out;
}

/** Cluster settings: flat keys, list values joined, null meaning unset (dropped). */
export function flattenClusterSettings(settings: unknown): FlatMap {
  // A list setting reads back as an array or as the comma-separated string it was set with.
  const joinLists = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(String).join(',')
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, joinLists(x)]))
        : v;
  const flat = flatten(joinLists(settings ?? {}));
  for (const [k, v] of Object.entries(flat)) if (v === 'null') delete flat[k];
  return flat;
}

/**
 * An object for keys that come from data (field names, setting keys): no prototype, so "__proto__"
 * is an ordinary key (a plain object would take it as its prototype and drop it).
 */
function nullObject<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** JSON with sorted keys, for hashes that do not depend on key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: { [k: string]: Json } = nullObject();
    for (const k of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return (value ?? null) as Json;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
