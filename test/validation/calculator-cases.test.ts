/**
 * The Vector Sizing Calculator's own test cases (elastic/docs-builder
 * src/Elastic.Documentation.Site/Assets/web-components/VectorSizingCalculator/calculations.test.ts
 * @ 099e57b3): the published calculator's expected bytes for edge dims, element types, DiskBBQ at
 * 1M vectors and file residency. All exact: they are integer byte counts. Sized as 9.4: the
 * calculator's int8/int4 +16 correction is the Lucene 10.4 OSQ quantizer Elasticsearch writes from
 * 9.4 (vectors.codec.osq_scalar_quantization_since; 9.3 and earlier write +4), and 9.4 has every
 * element type the calculator offers (bfloat16 is GA in 9.3).
 */
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { UserError } from '../../src/model/problems.js';
import { fileBytes, sizeOne } from '../sizing/helpers.js';

const V = 1_000_000;
const one = (vector: Parameters<typeof sizeOne>[0]['vector']) =>
  sizeOne({ documents: V, version: '9.4', license: 'enterprise', vector }).field;

describe('raw bytes per vector at 768 dims (flat, no quantization)', () => {
  // calculator: float 768*4, bfloat16 768*2, byte 768, bit ceil(768/8) = 96
  const cases: Array<['float' | 'bfloat16' | 'byte' | 'bit', number]> = [
    ['float', 3072],
    ['bfloat16', 1536],
    ['byte', 768],
    ['bit', 96],
  ];
  for (const [element_type, perVector] of cases) {
    it(`${element_type}: V x ${perVector}`, () => {
      const field = one({ field: 'v', dims: 768, element_type, index_type: 'flat' });
      expect(field.disk_bytes).toBe(V * perVector);
    });
  }
});

describe('correction bytes at small and odd dims', () => {
  it('int8 at 100 dims: 116 bytes per vector (D + 16)', () => {
    expect(fileBytes(one({ field: 'v', dims: 100, index_type: 'int8_hnsw' }), 'veq')).toBe(V * 116);
  });
  it('bbq at 100 and 65 dims: ceil(D/64)*8 + 14 = 16 + 14 = 30 bytes per vector', () => {
    expect(fileBytes(one({ field: 'v', dims: 100, index_type: 'bbq_hnsw' }), 'veb')).toBe(V * 30);
    expect(fileBytes(one({ field: 'v', dims: 65, index_type: 'bbq_hnsw' }), 'veb')).toBe(V * 30);
  });
  it('int4 at 101 dims (calculator: 51 + 16) is rejected, as Elasticsearch requires even dims for int4', () => {
    // dense-vector.md: "int4 quantization requires an even number of vector dimensions"
    const parse = (dims: number) =>
      parseWorkload({
        corpus: { documents: V, source_bytes_per_document: 1 },
        vectors: [{ field: 'v', dims, index_type: 'int4_hnsw' }],
      });
    let problems: unknown;
    try {
      parse(101);
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      problems = (e as UserError).problems;
    }
    expect(problems).toEqual([expect.objectContaining({ path: 'vectors[0].dims', message: expect.stringMatching(/odd/) })]);
    // the next even dims size as the calculator's formula says: ceil(102/2) + 16 = 67
    expect(parse(102).vectors![0]!.dims).toBe(102);
    expect(fileBytes(one({ field: 'v', dims: 102, index_type: 'int4_hnsw' }), 'veq')).toBe(V * 67);
  });
});

describe('DiskBBQ at 1M vectors', () => {
  // nc = ceil(1,000,000 / 384) = 2,605
  it('768 dims: centroids 2,605 x 784, 1-bit clusters V x 2 x 112, RAM band with ceil of 5% and 10%', () => {
    const field = one({ field: 'v', dims: 768, index_type: 'bbq_disk' });
    expect(fileBytes(field, 'cenivf')).toBe(2_042_320); // 2,605 * (768 + 16)
    expect(fileBytes(field, 'clivf')).toBe(224_000_000); // 1,000,000 * 2 * (96 + 16)
    expect(fileBytes(field, 'vec')).toBe(V * 768 * 4);
    // min 2,042,320 + ceil(0.05 * 224,000,000) = 13,242,320; max 2,042,320 + 22,400,000 = 24,442,320
    expect(field.ram_band).toEqual({ low_bytes: 13_242_320, high_bytes: 24_442_320 });
  });
  it('256 dims: 4-bit clusters V x 2 x (128 + 16), centroids 2,605 x 272', () => {
    const field = one({ field: 'v', dims: 256, index_type: 'bbq_disk' });
    expect(fileBytes(field, 'clivf')).toBe(288_000_000);
    expect(fileBytes(field, 'cenivf')).toBe(708_560);
  });
});

describe('file residency (component breakdown)', () => {
  it('int8_hnsw: .vec on disk only, .veq and .vex resident', () => {
    const field = one({ field: 'v', dims: 768, index_type: 'int8_hnsw' });
    expect(field.files.map((f) => [f.ext, f.resident])).toEqual([
      ['vec', false],
      ['veq', true],
      ['vex', true],
    ]);
  });
  it('flat float: .vec resident', () => {
    const field = one({ field: 'v', dims: 768, index_type: 'flat' });
    expect(field.files.map((f) => [f.ext, f.resident])).toEqual([['vec', true]]);
  });
  it('bbq_disk: .vec no, .cenivf yes, .clivf partial', () => {
    const field = one({ field: 'v', dims: 768, index_type: 'bbq_disk' });
    const by = Object.fromEntries(field.files.map((f) => [f.ext, f]));
    expect(field.files.map((f) => f.ext)).toEqual(['vec', 'cenivf', 'clivf']);
    expect(by.vec!.resident).toBe(false);
    expect(by.cenivf!.resident).toBe(true);
    expect(by.cenivf!.resident_bytes).toBeUndefined();
    // partial: only the planned share of the posting lists is counted resident
    expect(by.clivf!.resident_bytes).toBeGreaterThan(0);
    expect(by.clivf!.resident_bytes).toBeLessThan(by.clivf!.bytes);
  });
  it('disk is the sum of the files for every index type', () => {
    for (const index_type of ['int8_hnsw', 'bbq_hnsw', 'int4_flat', 'bbq_disk'] as const) {
      const field = one({ field: 'v', dims: 768, index_type });
      expect(field.disk_bytes).toBe(field.files.reduce((s, f) => s + f.bytes, 0));
    }
  });
});
