/** The tolerances `esplan check` compares a live cluster with (formulas/check.json), each sourced there. */
import { join } from 'node:path';
import { z } from 'zod';
import { formulasDir } from './paths.js';
import { readDataFile } from './read-data-file.js';

const share = z.number().min(0).max(1);

const checkFileSchema = z.strictObject({
  format_version: z.literal(1),
  description: z.string(),
  constants: z.array(
    z.strictObject({
      id: z.string().min(1),
      kind: z.enum(['constant', 'policy']),
      description: z.string().min(1),
      // A share (tolerances) or a version ("9.1": the first that reports a stat).
      value: z.union([share, z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'must be a version such as 9.1')]),
      source: z.string().min(10),
    }),
  ),
});

export interface CheckPolicy {
  vectorRamTolerance: number;
  heapTolerance: number;
  ramTolerance: number;
  diskTolerance: number;
  /** First versions reporting what check measures: off-heap vector stats, DiskBBQ's files. */
  offHeapStatsSince: string;
  diskBbqFilesSince: string;
}

let cached: CheckPolicy | undefined;

export function loadCheckPolicy(): CheckPolicy {
  if (cached) return cached;
  const file = readDataFile(join(formulasDir, 'check.json'), checkFileSchema);
  const get = (id: string): number | string => {
    const e = file.constants.find((c) => c.id === id);
    if (!e) throw new Error(`formulas/check.json has no ${id}`);
    return e.value;
  };
  const num = (id: string): number => {
    const v = get(id);
    if (typeof v !== 'number') throw new Error(`formulas/check.json: ${id} must be a number`);
    return v;
  };
  const version = (id: string): string => {
    const v = get(id);
    if (typeof v !== 'string') throw new Error(`formulas/check.json: ${id} must be a version`);
    return v;
  };
  cached = Object.freeze({
    vectorRamTolerance: num('check.vector_ram_tolerance'),
    heapTolerance: num('check.heap_tolerance'),
    ramTolerance: num('check.ram_tolerance'),
    diskTolerance: num('check.disk_tolerance'),
    offHeapStatsSince: version('check.off_heap_stats_since'),
    diskBbqFilesSince: version('check.disk_bbq_files_since'),
  });
  return cached;
}
