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
