/**
 * Sizing for the example-workload tests: the sizing engine once it is built; until then a crude,
 * deterministic stand-in derived from the workload (the recommender's checks do not depend on
 * how accurate the sizing is, only on the numbers it is given).
 */
import type { Workload } from '../../src/model/workload.js';
import { sizeWorkload, type SizingResult } from '../../src/sizing/size-workload.js';
import { sizingFixture } from './sizing-fixture.js';

export function exampleSizing(workload: Workload): SizingResult {
  try {
    return sizeWorkload(workload, { constants: 'codec' });
  } catch (err) {
    if (!(err instanceof Error) || !/not built yet/.test(err.message)) throw err;
  }
  const g = workload.corpus.growth;
  const docs = workload.corpus.documents * (1 + g.monthly_rate) ** g.months;
  let ram = 0;
  let disk = docs * workload.corpus.source_bytes_per_document * 1.5;
  for (const v of workload.vectors) {
    const n = docs * v.per_document;
    // Stand-in bytes per vector: a quarter of float for quantized HNSW, 1/20 for DiskBBQ.
    const perVector = v.index_type === 'bbq_disk' ? v.dims / 5 : v.dims;
    ram += n * perVector;
    disk += n * v.dims * 5;
  }
  const primaries = Math.max(1, Math.ceil(disk / 40e9));
  return sizingFixture({ ramBytes: Math.ceil(ram), diskBytes: Math.ceil(disk), primaries, replicas: workload.availability.replicas });
}
