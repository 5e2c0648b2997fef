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
    z.strictObject({ id: z.string().min(1), kind: z.enum(['constant', 'policy']), description: z.string().min(1), value: share, source: z.string().min(10) }),
  ),
});

export interface CheckPolicy {
  vectorRamTolerance: number;
  heapTolerance: number;
  ramTolerance: number;
  diskTolerance: number;
}

let cached: CheckPolicy | undefined;

export function loadCheckPolicy(): CheckPolicy {
  if (cached) return cached;
  const file = readDataFile(join(formulasDir, 'check.json'), checkFileSchema);
  const get = (id: string): number => {
    const e = file.constants.find((c) => c.id === id);
    if (!e) throw new Error(`formulas/check.json has no ${id}`);
    return e.value;
  };
  cached = Object.freeze({
    vectorRamTolerance: get('check.vector_ram_tolerance'),
    heapTolerance: get('check.heap_tolerance'),
    ramTolerance: get('check.ram_tolerance'),
    diskTolerance: get('check.disk_tolerance'),
  });
  return cached;
}
