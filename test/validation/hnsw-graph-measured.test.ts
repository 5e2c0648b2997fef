/**
 * The expected HNSW graph model against published .vex-size measurements (apache/lucene luceneutil
 * runs, as collected in shared/research/calculator-comparison.md D2). The level-0 fill ratio
 * (formulas/vectors.json hnsw.level0_fill_ratio) is fitted to these rows; each must come out within
 * the tolerance the data file states (fitted_to.tolerance_ratio, 15%).
 *
 * Measured bytes per vector = (index_size - vec_disk) / vectors; luceneutil prints MB as 2^20 bytes.
 * That difference also holds the id field and the metadata files, a few bytes per vector, so the
 * graph itself is a little smaller than the row says.
 */
import { describe, expect, it } from 'vitest';
import { loadFormulaBook } from '../../src/data/formulas.js';
import { Derivation } from '../../src/sizing/derivation.js';
import { graphBytesPerVector } from '../../src/sizing/vectors.js';

const TOLERANCE = 0.15;

/** The model, one segment of this many vectors. */
const model = (segment_vectors: number, m: number, group_varint: boolean) =>
  graphBytesPerVector(new Derivation(loadFormulaBook()), 'test', { segment_vectors, m, group_varint });

describe('hnsw.level0_fill_ratio is fitted to the published measurements', () => {
  it('apache/lucene#15169: 1M x 768, maxConn 32, 1 segment, group-varint: ~40.1 B/vector measured, model 45.4', () => {
    // measured: index_size 3349.44 MB - vec_disk 3311.157 MB = 38.283 MB (the -4 bits row);
    //   38.283 * 1,048,576 / 1,000,000 = 40.14 B/vector
    // model (fill 0.25, Lucene 10.3+ group-varint: 1/4 flag byte per value, 1-4 value bytes by 2^8, 2^16, 2^24):
    //   level 0: cap 2*32 = 64, degree 0.25 * 64 = 16, gap 1,000,000 / 16 = 62,500
    //     bytes/value = 1 + e^(-256/62,500) + e^(-65,536/62,500) + e^(-2^24/62,500) + 0.25
    //                 = 1 + 0.99591 + 0.35045 + 0 + 0.25 = 2.59636
    //     node = ceil(log2(65) / 7) = 1 count byte + 16 * 2.59636 + 2 offset bytes = 44.5417
    //   upper: degree 0.25 * 32 = 8, gap 125,000: 1 + 0.99795 + 0.59201 + 0.25 = 2.83997
    //     node = 1 + 8 * 2.83997 + 2 = 25.7198, on 1/(32-1) of the vectors: 0.8297
    //   total 44.5417 + 0.8297 = 45.371 B/vector, +13.0% over 40.14
    const measured = (38.283 * 2 ** 20) / 1_000_000;
    expect(measured).toBeCloseTo(40.14, 2);
    const bytes = model(1_000_000, 32, true);
    expect(bytes).toBeCloseTo(45.371, 2);
    expect(Math.abs(bytes / measured - 1)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('apache/lucene#14527: 500k x 768, maxConn 64, 8 segments, VInt: ~77 B/vector measured, model 66.5', () => {
    // The run predates group-varint (#14527 < #14932, merged 2025-07-31), so neighbours are VInts.
    // 8 segments of 500,000 / 8 = 62,500 vectors each.
    // model (fill 0.25, VInt: 1 byte plus one per 7-bit threshold passed, 2^7, 2^14, 2^21, 2^28):
    //   level 0: cap 128, degree 32, gap 62,500 / 32 = 1,953.125
    //     bytes/value = 1 + e^(-128/1,953.125) + e^(-16,384/1,953.125) + ... = 1 + 0.93657 + 0.00023 = 1.93679
    //     node = ceil(log2(129) / 7) = 2 + 32 * 1.93679 + 2 = 65.9773
    //   upper: cap 64, degree 16, gap 3,906.25: 1 + 0.96776 + 0.01508 = 1.98284
    //     node = ceil(log2(65) / 7) = 1 + 31.7255 + 2 = 34.7255, on 1/63 of the vectors: 0.5512
    //   total 65.9773 + 0.5512 = 66.529 B/vector, -13.6% under 77
    const bytes = model(62_500, 64, false);
    expect(bytes).toBeCloseTo(66.529, 2);
    expect(Math.abs(bytes / 77 - 1)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('the data file records both rows, the tolerance, and the 4*m bound stays far above both', () => {
    const fill = loadFormulaBook().constants.get('hnsw.level0_fill_ratio')!;
    expect(fill.value).toBe(0.25);
    expect(fill.fitted_to?.tolerance_ratio).toBe(TOLERANCE);
    expect(fill.fitted_to?.rows.map((r) => [r.vectors, r.segments, r.m, r.encoding, r.measured_bytes_per_vector])).toEqual([
      [1_000_000, 1, 32, 'group_vint', 40.14],
      [500_000, 8, 64, 'vint', 77],
    ]);
    // bound: 4 * 32 = 128 and 4 * 64 = 256 B/vector
    expect(model(1_000_000, 32, true)).toBeLessThan(128);
    expect(model(62_500, 64, false)).toBeLessThan(256);
  });
});
