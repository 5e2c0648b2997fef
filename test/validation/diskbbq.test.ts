/**
 * DiskBBQ figures beyond the calculator example in test/sizing/worked-examples.test.ts: the RAM
 * guidance of the published kNN tuning page, which differs from the calculator draft esplan follows.
 */
import { describe, expect, it } from 'vitest';
import { fileBytes, sizeOne } from '../sizing/helpers.js';
import { GB } from './sources.js';

describe('approximate-knn-search.md @ 74c05cc2: "1-5% of the index structure size (centroids and quantized vector data)"', () => {
  // The page's DiskBBQ formulas for 10M x 768 (docs constants):
  //   clusters 10,000,000 / 384 = 26,041.67; centroids 26,041.67 * (768*4 + 768 + 14) = 100,364,583.3
  //   quantized 10,000,000 * ((768/8 + 14 + 2) * 2) = 2,240,000,000
  //   index structure = 2,340,364,583.3 bytes = 2.34 GB; 1% = 23,403,646, 5% = 117,018,229.
  const { field } = sizeOne(
    { documents: 10_000_000, version: '9.2', license: 'enterprise', vector: { field: 'v', dims: 768, index_type: 'bbq_disk' } },
    'docs',
  );
  const structure = fileBytes(field, 'cenivf') + fileBytes(field, 'clivf');

  it('esplan reproduces the index structure size: 2.34 GB', () => {
    // esplan rounds the centroid file up to whole bytes: 100,364,584 + 2,240,000,000
    expect(structure).toBe(2_340_364_584);
    expect((structure / GB).toFixed(2)).toBe('2.34');
  });

  it('esplan plans more RAM than the page\'s 1-5% band (known difference: it follows the calculator\'s rule)', () => {
    // The calculator draft (docs-builder @ 87824b3f) keeps all centroids plus 5-10% of the posting
    // lists resident; esplan plans at its low end: 100,364,584 + 0.05 * 2,240,000,000 = 212,364,584,
    // i.e. 9.07% of the structure, above the page's 5% (117,018,229). Recorded in docs/validation.md.
    expect(field.ram_bytes).toBe(100_364_584 + 0.05 * 2_240_000_000);
    expect(field.ram_bytes).toBeGreaterThan(0.05 * structure);
    // Even the low end of esplan's band is above the page's 5%: the two guidances do not overlap here.
    expect(field.ram_band!.low_bytes).toBeGreaterThan(0.05 * structure);
  });
});

describe('the DiskBBQ band is 5% and 10% of the posting lists plus all centroids (calculator rule), and the plan says which share it budgets', () => {
  // codec constants, 10M x 768: centroids ceil(10,000,000 / 384) = 26,042 * (768 + 16) = 20,416,928;
  // posting lists 10,000,000 * 2 * (96 + 16) = 2,240,000,000
  //   low  = 20,416,928 + 0.05 * 2,240,000,000 = 132,416,928 (0.123 GiB)
  //   high = 20,416,928 + 0.10 * 2,240,000,000 = 244,416,928 (0.228 GiB)
  const sized = (resident_fraction?: number) =>
    sizeOne({
      documents: 10_000_000,
      version: '9.2',
      license: 'enterprise',
      vector: { field: 'v', dims: 768, index_type: 'bbq_disk', ...(resident_fraction !== undefined ? { resident_fraction } : {}) },
    }).field;

  it('default: the plan budgets the low end, 5%, and says so', () => {
    const field = sized();
    expect(field.ram_band).toEqual({ low_bytes: 132_416_928, high_bytes: 244_416_928 });
    expect(field.ram_bytes).toBe(132_416_928);
    expect(field.resident_fraction).toBe(0.05);
  });

  it('a workload resident_fraction moves the planned point but not the band', () => {
    const field = sized(0.08);
    // 20,416,928 + 0.08 * 2,240,000,000 = 199,616,928
    expect(field.ram_bytes).toBe(199_616_928);
    expect(field.resident_fraction).toBe(0.08);
    expect(field.ram_band).toEqual({ low_bytes: 132_416_928, high_bytes: 244_416_928 });
  });

  it('HNSW fields carry no resident share', () => {
    const { field } = sizeOne({ documents: 1000, vector: { field: 'v', dims: 768, index_type: 'bbq_hnsw' } });
    expect(field.resident_fraction).toBeUndefined();
    expect(field.ram_band).toBeUndefined();
  });
});
