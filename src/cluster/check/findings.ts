/**
 * A finding of `esplan check`: one way the cluster differs from its plan. `code` and the detail keys
 * are a contract (CI scripts match on them); `message` is for people. Details are flat JSON values.
 */
import { sanitise } from '../../model/sanitise.js';

export const FINDING_CODES = [
  'AWARENESS_MISSING',
  'SHARD_COPIES_SHARE_ZONE',
  'SHARD_UNASSIGNED',
  'NODES_DIFFER_FROM_PLAN',
  'INDEX_MISSING',
  'INDEX_SETTINGS_DRIFT',
  'SHARD_SIZE_OUT_OF_RANGE',
  'VECTOR_RAM_ABOVE_PLAN',
  'VECTOR_CACHE_TOO_SMALL',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export type DetailValue = string | number | boolean | null | string[] | number[];

export interface Finding {
  code: FindingCode;
  /** error: the plan's promise (availability, capacity) is broken now; warning: it will be, or the cluster is not what was planned. */
  severity: 'error' | 'warning';
  message: string;
  [detail: string]: DetailValue;
}

export function finding(code: FindingCode, severity: Finding['severity'], message: string, details: Record<string, DetailValue> = {}): Finding {
  return { code, severity, message, ...details };
}

/** A name from the cluster, made safe for a message (the JSON details keep the exact value). */
export const shown = (name: string): string => sanitise(name, 120);

const GIB = 1024 ** 3;
export function gib(bytes: number): string {
  return `${(bytes / GIB).toFixed(bytes < 10 * GIB ? 2 : 1)} GiB`;
}
