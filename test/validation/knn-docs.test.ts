/**
 * Figures from Elastic's kNN tuning page and dense_vector reference that are not already pinned by
 * test/sizing/worked-examples.test.ts: the int8 "40GB -> extra 10GB, 50GB disk, 10GB RAM" example
 * and the disk-increase percentages for int8 / int4 / bbq.
 */
import { describe, expect, it } from 'vitest';
import type { ConstantSet } from '../../src/model/workload.js';
import { fileBytes, sizeOne } from '../sizing/helpers.js';
import { GB } from './sources.js';

type Quantized = 'int8_flat' | 'int4_flat' | 'bbq_flat';
const codeFile: Record<Quantized, 'veq' | 'veb'> = { int8_flat: 'veq', int4_flat: 'veq', bbq_flat: 'veb' };

/** Quantized bytes as a share of raw float bytes, as esplan sizes them. */
function diskIncrease(dims: number, index_type: Quantized, set: ConstantSet): number {
  const { field } = sizeOne({ documents: 1000, vector: { field: 'v', dims, index_type } }, set);
  return fileBytes(field, codeFile[index_type]) / fileBytes(field, 'vec');
}

describe('approximate-knn-search.md: "40GB of floating point vectors" int8 example', () => {
  // Source: SOURCES.knnTuning: "when int8 quantizing 40GB of floating point vectors an extra 10GB of
  // data will be stored for the quantized vectors. The total disk usage amounts to 50GB, but the
  // memory usage for fast search will be reduced to 10GB."
  // The page gives no dims; 40GB = 40e9 bytes of float vectors is 40e9 / (4 * dims) vectors, a whole
  // number at 512 and 1024 dims. Expected: 40e9 / 4 = 10e9 bytes of 1-byte codes.
  // Tolerance: the figures are whole GB, so anything that rounds to them is a match:
  // extra and RAM in [9.5e9, 10.5e9), total disk in [49.5e9, 50.5e9). The per-vector correction
  // (+4 docs, +16 codec) is what moves esplan off the round figure.
  // int8_flat isolates the example: the page counts vectors only, no HNSW graph.
  const cases: Array<[number, ConstantSet, number]> = [
    // [dims, constant set, expected extra bytes by hand]
    [1024, 'docs', 9_765_625 * (1024 + 4)], // 40e9/4096 = 9,765,625 vectors; * 1028 = 10,039,062,500
    [1024, 'codec', 9_765_625 * (1024 + 16)], // * 1040 = 10,156,250,000
    [512, 'docs', 19_531_250 * (512 + 4)], // 40e9/2048 = 19,531,250 vectors; * 516 = 10,078,125,000
    [512, 'codec', 19_531_250 * (512 + 16)], // * 528 = 10,312,500,000
  ];
  for (const [dims, set, extra] of cases) {
    it(`${dims} dims, ${set} constants: 40GB raw + ~10GB int8 = ~50GB disk, ~10GB RAM`, () => {
      const documents = 40 * GB / (4 * dims);
      const { field } = sizeOne({ documents, vector: { field: 'v', dims, index_type: 'int8_flat' } }, set);
      expect(fileBytes(field, 'vec')).toBe(40 * GB);
      expect(fileBytes(field, 'veq')).toBe(extra);
      expect(fileBytes(field, 'veq')).toBeGreaterThanOrEqual(9.5 * GB);
      expect(fileBytes(field, 'veq')).toBeLessThan(10.5 * GB);
      expect(field.disk_bytes).toBe(40 * GB + extra);
      expect(field.disk_bytes).toBeGreaterThanOrEqual(49.5 * GB);
      expect(field.disk_bytes).toBeLessThan(50.5 * GB);
      expect(field.ram_bytes).toBe(extra);
    });
  }
});

describe('dense-vector.md: "disk usage will increase by ~25% for int8, ~12.5% for int4, and ~3.1% for bbq"', () => {
  // Source: SOURCES.denseVector (quantization note). approximate-knn-search.md says "by up to 25%,
  // 12.5%, or 3.125%". These are the code-only ratios 1/4, 1/8 and 1/32 of the 4 bytes a float takes;
  // the per-vector correction the same pages add to the RAM formulas (+4/+4/+14 docs, +16/+16/+14 codec,
  // bbq padded to 64 bits) is left out of them.
  // Tolerance: we read "~X%" as within +-10% of X (27.5% / 13.75% / 3.41% at the top).
  // int8 and int4 are inside at every dims from 384 (where Elastic recommends quantizing) to 4096;
  // bbq is inside only from 1536 dims: below that the 14-byte correction is more than 10% of the
  // 1-bit code. That is a documented known difference (docs/validation.md), pinned below.
  // Expected ratios by hand, codec constants (int8 (D+16)/4D, int4 (D/2+16)/4D, bbq (ceil(D/64)*8+14)/4D):
  const codec: Array<[number, number, number, number]> = [
    [384, 400 / 1536, 208 / 1536, 62 / 1536], // 26.04%, 13.54%, 4.04%
    [768, 784 / 3072, 400 / 3072, 110 / 3072], // 25.52%, 13.02%, 3.58%
    [1024, 1040 / 4096, 528 / 4096, 142 / 4096], // 25.39%, 12.89%, 3.47%
    [1536, 1552 / 6144, 784 / 6144, 206 / 6144], // 25.26%, 12.76%, 3.35%
    [4096, 4112 / 16384, 2064 / 16384, 526 / 16384], // 25.10%, 12.60%, 3.21%
  ];
  for (const [dims, int8, int4, bbq] of codec) {
    it(`${dims} dims (codec): ${(int8 * 100).toFixed(2)}% / ${(int4 * 100).toFixed(2)}% / ${(bbq * 100).toFixed(2)}%`, () => {
      expect(diskIncrease(dims, 'int8_flat', 'codec')).toBeCloseTo(int8, 12);
      expect(diskIncrease(dims, 'int4_flat', 'codec')).toBeCloseTo(int4, 12);
      expect(diskIncrease(dims, 'bbq_flat', 'codec')).toBeCloseTo(bbq, 12);
      const esplan = {
        int8: diskIncrease(dims, 'int8_flat', 'codec'),
        int4: diskIncrease(dims, 'int4_flat', 'codec'),
        bbq: diskIncrease(dims, 'bbq_flat', 'codec'),
      };
      expect(esplan.int8).toBeGreaterThanOrEqual(0.25 * 0.9);
      expect(esplan.int8).toBeLessThanOrEqual(0.25 * 1.1);
      expect(esplan.int4).toBeGreaterThanOrEqual(0.125 * 0.9);
      expect(esplan.int4).toBeLessThanOrEqual(0.125 * 1.1);
      // known difference below 1536 dims: outside the +-10% reading of "~3.1%" (KD-1)
      expect(esplan.bbq <= 0.031 * 1.1).toBe(dims >= 1536);
    });
  }

  it('docs constants exceed "up to 25%, 12.5%, 3.125%" by exactly the correction bytes / raw bytes', () => {
    // docs formulas: int8 D+4, int4 D/2+4, bbq D/8+14 per vector against 4D raw bytes, so the excess
    // over the ceiling is 4/(4D), 4/(4D) and 14/(4D): at 1024 dims 0.098%, 0.098% and 0.342%.
    for (const dims of [384, 768, 1024, 1536, 4096]) {
      expect(diskIncrease(dims, 'int8_flat', 'docs') - 0.25).toBeCloseTo(4 / (4 * dims), 12);
      expect(diskIncrease(dims, 'int4_flat', 'docs') - 0.125).toBeCloseTo(4 / (4 * dims), 12);
      expect(diskIncrease(dims, 'bbq_flat', 'docs') - 0.03125).toBeCloseTo(14 / (4 * dims), 12);
    }
  });
});
