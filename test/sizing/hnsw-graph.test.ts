/**
 * The expected HNSW graph model (formulas/vectors.json vectors.hnsw.*): Lucene writes each node's
 * neighbours sorted and delta-encoded, as VInts before Lucene 10.3 and as group-varints from 10.3
 * (Elasticsearch 9.2), so the graph is smaller than the published 4*m bytes per vector, more so for
 * large m.
 */
import { describe, expect, it } from 'vitest';
import { fileBytes, sizeOne } from './helpers.js';

/** Expected VInt bytes for an exponential gap with this mean, as the model states it. */
const vint = (gap: number) => 1 + [128, 16384, 2097152, 268435456].reduce((s, t) => s + Math.exp(-t / gap), 0);
/** Expected group-varint bytes per value: 1-4 bytes by 2^8, 2^16, 2^24 plus a quarter flag byte. */
const groupVint = (gap: number) => 1 + [256, 65536, 16777216].reduce((s, t) => s + Math.exp(-t / gap), 0) + 0.25;

describe('expected HNSW graph', () => {
  it('1M vectors, m=16, Elasticsearch 9.4 (Lucene 10.4, group-varint): about 26.7 bytes per vector against the 64-byte bound', () => {
    const { field, result } = sizeOne({ documents: 1_000_000, vector: { field: 'v', dims: 1024, index_type: 'bbq_hnsw', m: 16 } });
    // segment: min(1,000,000, floor(5 GiB / 4,096)) = 1,000,000 vectors; fill 0.25 (fitted, see
    // test/validation/hnsw-graph-measured.test.ts)
    // level 0: degree 0.25 * 2 * 16 = 8, gap 1,000,000 / 8 = 125,000
    //   bytes/value = 1 + e^(-256/125,000) + e^(-65,536/125,000) + e^(-2^24/125,000) + 0.25
    //               = 1 + 0.99795 + 0.59201 + 0 + 0.25 = 2.83997
    //   node = ceil(log2(33) / 7) = 1 + 8 * 2.83997 + 2 offset bytes = 25.7197
    // upper levels: degree 4, gap 250,000: 1 + 0.99898 + 0.76941 + 0.25 = 3.01838
    //   node = 1 + 12.0735 + 2 = 15.0735, on 1/15 of the vectors: 1.0049
    // total 26.7246 B/vector (before: 57.40 with plain VInt and fill 0.6)
    const level0 = 1 + 8 * groupVint(125_000) + 2;
    const upper = 1 + 4 * groupVint(250_000) + 2;
    const expected = 1_000_000 * (level0 + upper / 15);
    expect(expected / 1_000_000).toBeCloseTo(26.72, 2);
    expect(fileBytes(field, 'vex')).toBe(Math.ceil(expected));
    expect(field.graph_bound_bytes).toBe(64_000_000);
    expect(result.basis.find((b) => b.id === 'lucene.hnsw_group_varint_since')?.result).toBe('9.2');
  });

  it('Elasticsearch 9.1 (Lucene 10.2) writes plain VInt neighbour lists: about 27.0 bytes per vector', () => {
    const { field } = sizeOne({ documents: 1_000_000, version: '9.1', vector: { field: 'v', dims: 768, index_type: 'int8_hnsw', m: 16 } });
    // level 0: degree 8, gap 125,000: VInt = 1 + e^(-128/125,000) + e^(-16,384/125,000) + e^(-2^21/125,000) + ...
    //   = 1 + 0.99898 + 0.87715 + 0.00000 = 2.87613; node = 1 + 8 * 2.87613 + 2 = 26.0090
    // upper: degree 4, gap 250,000: 1 + 0.99949 + 0.93655 + 0.00023 = 2.93627; node = 1 + 11.7451 + 2 = 14.7451,
    //   / 15 = 0.9830; total 26.992 B/vector
    const level0 = 1 + 8 * vint(125_000) + 2;
    const upper = 1 + 4 * vint(250_000) + 2;
    const expected = 1_000_000 * (level0 + upper / 15);
    expect(expected / 1_000_000).toBeCloseTo(26.99, 2);
    expect(fileBytes(field, 'vex')).toBe(Math.ceil(expected));
  });

  it('switches encoding exactly at 9.2, the first Elasticsearch on Lucene 10.3', () => {
    const vex = (version: string) =>
      fileBytes(sizeOne({ documents: 1_000_000, version, vector: { field: 'v', dims: 768, index_type: 'int8_hnsw', m: 16 } }).field, 'vex');
    expect(vex('9.1')).toBe(Math.ceil(1_000_000 * (1 + 8 * vint(125_000) + 2 + (1 + 4 * vint(250_000) + 2) / 15)));
    expect(vex('9.2')).toBe(Math.ceil(1_000_000 * (1 + 8 * groupVint(125_000) + 2 + (1 + 4 * groupVint(250_000) + 2) / 15)));
    expect(vex('9.3')).toBe(vex('9.2'));
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
