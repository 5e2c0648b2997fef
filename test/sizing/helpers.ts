import { parseWorkload } from '../../src/model/parse-workload.js';
import type { VectorSizing } from '../../src/model/plan.js';
import type { ConstantSet, Workload, WorkloadInput } from '../../src/model/workload.js';
import { sizeWorkload, type SizingResult } from '../../src/sizing/size-workload.js';
import { modelData } from '../helpers/model-data.js';

type VectorInput = NonNullable<WorkloadInput['vectors']>[number];

export interface OneFieldCase {
  documents: number;
  vector: VectorInput;
  version?: string;
  license?: 'basic' | 'platinum' | 'enterprise';
  source_bytes_per_document?: number;
  replicas?: number;
  growth?: { monthly_rate: number; months: number };
}

/** A validated workload with one vector field and no growth unless asked. */
export function oneFieldWorkload(c: OneFieldCase): Workload {
  return parseWorkload({
    name: 'test',
    elasticsearch: { version: c.version ?? '9.4', license: c.license ?? 'enterprise' },
    corpus: {
      documents: c.documents,
      source_bytes_per_document: c.source_bytes_per_document ?? 1,
      growth: c.growth ?? { monthly_rate: 0, months: 0 },
    },
    vectors: [c.vector],
    availability: { replicas: c.replicas ?? 1 },
  });
}

export function sizeOne(c: OneFieldCase, constants: ConstantSet = 'codec'): { result: SizingResult; field: VectorSizing } {
  const result = sizeWorkload(oneFieldWorkload(c), { constants, data: modelData });
  return { result, field: result.sizing.vectors[0]! };
}

export function fileBytes(field: VectorSizing, ext: string): number {
  const file = field.files.find((f) => f.ext === ext);
  if (!file) throw new Error(`${field.field} has no ${ext} file`);
  return file.bytes;
}

export const GiB = 2 ** 30;
export const MiB = 2 ** 20;
