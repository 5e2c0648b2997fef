/**
 * The expected HNSW graph model (formulas/vectors.json vectors.hnsw.*): Lucene writes each node's
 * neighbours sorted and delta-encoded as VInts, so the graph is smaller than the published 4*m
 * bytes per vector, more so for large m.
 */
import { describe, expect, it } from 'vitest';
import { fileBytes, sizeOne } from './helpers.js';

/** Expected VInt bytes for an exponential gap with this mean, as the model states it. */
const vint = (gap: number) => 1 + [128, 16384, 2097152, 268435456].reduce((s, t) => s + Math.exp(-t / gap), 0);

describe('expected HNSW graph', () => {
  it('1M vectors, m=16: about 57.4 bytes per vector against the 64-byte bound', () => {
    const { field } = sizeOne({ documents: 1_000_000, vector: { field: 'v', dims: 768, index_type: 'int8_hnsw', m: 16 } });
    // segment: min(1,000,000, floor(5 GiB / 4,096)) = 1,000,000 vectors
    // level 0: degree 0.6 * 2 * 16 = 19.2, gap 1,000,000 / 19.2 = 52,083.3, VInt 2.7276 bytes
    //   node = ceil(log2(33) / 7) + 19.2 * 2.7276 + 2 offset bytes = 1 + 52.37 + 2 = 55.37
    // upper levels: degree 9.6, gap 104,166.7, VInt 2.8532; node = 1 + 27.39 + 2 = 30.39, 1/15 of vectors
    const level0 = 1 + 19.2 * vint(1_000_000 / 19.2) + 2;
    const upper = 1 + 9.6 * vint(1_000_000 / 9.6) + 2;
    const expected = 1_000_000 * (level0 + upper / 15);
    expect(expected / 1_000_000).toBeCloseTo(57.4, 1);
    expect(fileBytes(field, 'vex')).toBe(Math.ceil(expected));
    expect(field.graph_bound_bytes).toBe(64_000_000);
  });

  it('falls further below the bound as m grows', () => {
    const ratio = (m: number) => {
      const { field } = sizeOne({ documents: 5_000_000, vector: { field: 'v', dims: 128, index_type: 'hnsw', m } });
      return fileBytes(field, 'vex') / field.graph_bound_bytes!;
    };
    expect(ratio(16)).toBeLessThan(1);
    expect(ratio(64)).toBeLessThan(ratio(16));
    expect(ratio(128)).toBeLessThan(ratio(64));
  });

  it('caps neighbour-id gaps at a max-size merged segment', () => {
    // Beyond floor(5 GiB / 4,096) = 1,310,720 vectors per segment the per-vector graph cost stops growing.
    const perVector = (documents: number) => {
      const { field } = sizeOne({ documents, vector: { field: 'v', dims: 128, index_type: 'hnsw' } });
      return fileBytes(field, 'vex') / documents;
    };
    expect(perVector(20_000_000)).toBeCloseTo(perVector(2_000_000), 5);
    expect(perVector(100_000)).toBeLessThan(perVector(1_310_720));
  });

  it('flat and DiskBBQ types have no graph', () => {
    for (const index_type of ['flat', 'int8_flat', 'bbq_disk'] as const) {
      const { field } = sizeOne({ documents: 1000, vector: { field: 'v', dims: 128, index_type } });
      expect(field.files.some((f) => f.ext === 'vex')).toBe(false);
      expect(field.graph_bound_bytes).toBeUndefined();
    }
  });
});
