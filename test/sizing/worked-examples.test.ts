/**
 * Elastic's own worked examples, reproduced exactly. Expected values are the published figures;
 * the arithmetic that yields them is written next to each.
 */
import { describe, expect, it } from 'vitest';
import { fileBytes, GiB, MiB, sizeOne } from './helpers.js';

describe('docs constants (approximate-knn-search.md)', () => {
  it('1M x 1024 float HNSW m=16 is 4,160,000,000 bytes', () => {
    const { field } = sizeOne(
      { documents: 1_000_000, vector: { field: 'v', dims: 1024, index_type: 'hnsw', m: 16 } },
      'docs',
    );
    // raw: 1,000,000 * 1024 * 4 = 4,096,000,000; graph: 1,000,000 * 4 * 16 = 64,000,000
    expect(fileBytes(field, 'vec')).toBe(4_096_000_000);
    expect(field.graph_bound_bytes).toBe(64_000_000);
    expect(fileBytes(field, 'vec') + field.graph_bound_bytes!).toBe(4_160_000_000);
    // "= 3.87GB" in the doc: 4,160,000,000 / 2^30 = 3.874...
    expect(((fileBytes(field, 'vec') + field.graph_bound_bytes!) / GiB).toFixed(2)).toBe('3.87');
  });

  it('uses dims+4, dims/2+4 and dims/8+14 for int8, int4 and bbq', () => {
    // 1 vector of 1024 dims: int8 1024+4 = 1028; int4 512+4 = 516; bbq 128+14 = 142
    const per = (index_type: 'int8_flat' | 'int4_flat' | 'bbq_flat', ext: string) =>
      fileBytes(sizeOne({ documents: 1, vector: { field: 'v', dims: 1024, index_type } }, 'docs').field, ext);
    expect(per('int8_flat', 'veq')).toBe(1028);
    expect(per('int4_flat', 'veq')).toBe(516);
    expect(per('bbq_flat', 'veb')).toBe(142);
  });
});

describe('docs constants for DiskBBQ (approximate-knn-search.md formulas)', () => {
  it('10M x 768: float plus int8 centroids and 1-bit posting lists', () => {
    const { field } = sizeOne({ documents: 10_000_000, vector: { field: 'v', dims: 768, index_type: 'bbq_disk' }, version: '9.2' }, 'docs');
    // clusters = 10,000,000 / 384 = 26,041.67; centroid bytes per cluster = 768*4 + 768 + 14 = 3,854
    // centroids = ceil(26,041.67 * 3,854) = ceil(100,364,583.3) = 100,364,584
    expect(fileBytes(field, 'cenivf')).toBe(100_364_584);
    // quantized vectors = 10,000,000 * ((768/8 + 14 + 2) * 2) = 10,000,000 * 224 = 2,240,000,000
    expect(fileBytes(field, 'clivf')).toBe(2_240_000_000);
  });
});

describe('codec constants (Vector Sizing Calculator quick-reference table)', () => {
  // dims: [float dims*4, int8 dims+16, int4 ceil(dims/2)+16, bbq ceil(dims/64)*8+14]
  const table: Array<[number, number, number, number, number]> = [
    [384, 1536, 400, 208, 62], // 384*4; 384+16; 192+16; 6*8+14
    [768, 3072, 784, 400, 110], // 768*4; 768+16; 384+16; 12*8+14
    [1024, 4096, 1040, 528, 142], // 1024*4; 1024+16; 512+16; 16*8+14
    [1536, 6144, 1552, 784, 206], // 1536*4; 1536+16; 768+16; 24*8+14
  ];
  for (const [dims, float, int8, int4, bbq] of table) {
    it(`${dims} dims: ${float} / ${int8} / ${int4} / ${bbq} bytes per vector`, () => {
      const one = (index_type: 'flat' | 'int8_flat' | 'int4_flat' | 'bbq_flat') =>
        sizeOne({ documents: 1, vector: { field: 'v', dims, index_type } }).field;
      expect(fileBytes(one('flat'), 'vec')).toBe(float);
      expect(fileBytes(one('int8_flat'), 'veq')).toBe(int8);
      expect(fileBytes(one('int4_flat'), 'veq')).toBe(int4);
      expect(fileBytes(one('bbq_flat'), 'veb')).toBe(bbq);
      // flat types keep only what they search in RAM: raw vectors for flat, codes otherwise
      expect(one('flat').ram_bytes).toBe(float);
      expect(one('int8_flat').ram_bytes).toBe(int8);
      expect(one('bbq_flat').ram_bytes).toBe(bbq);
    });
  }

  it('1M x 1024 int8 HNSW needs about 1.03 GiB of RAM and 4.84 GiB of disk', () => {
    const { field } = sizeOne({ documents: 1_000_000, vector: { field: 'v', dims: 1024, index_type: 'int8_hnsw' } });
    // RAM: 1,000,000 * (1024 + 16) + 1,000,000 * 4 * 16 = 1,040,000,000 + 64,000,000 = 1,104,000,000 = 1.028 GiB
    const ramWithBound = fileBytes(field, 'veq') + field.graph_bound_bytes!;
    expect(ramWithBound).toBe(1_104_000_000);
    expect((ramWithBound / GiB).toFixed(2)).toBe('1.03');
    // Disk: 4,096,000,000 raw + 1,040,000,000 codes + 64,000,000 graph = 5,200,000,000 = 4.843 GiB
    const diskWithBound = fileBytes(field, 'vec') + fileBytes(field, 'veq') + field.graph_bound_bytes!;
    expect((diskWithBound / GiB).toFixed(2)).toBe('4.84');
    // The plan uses the expected graph, which the delta-encoded graph keeps below the bound.
    expect(field.ram_bytes).toBeGreaterThan(1_040_000_000);
    expect(field.ram_bytes).toBeLessThan(ramWithBound);
  });

  it('10M x 768 BBQ HNSW needs about 1.62 GiB; unquantized HNSW about 29.2 GiB', () => {
    const bbq = sizeOne({ documents: 10_000_000, vector: { field: 'v', dims: 768, index_type: 'bbq_hnsw' } }).field;
    // 10,000,000 * (12*8 + 14) + 10,000,000 * 64 = 1,100,000,000 + 640,000,000 = 1,740,000,000 = 1.6205 GiB
    expect(fileBytes(bbq, 'veb') + bbq.graph_bound_bytes!).toBe(1_740_000_000);
    expect(((fileBytes(bbq, 'veb') + bbq.graph_bound_bytes!) / GiB).toFixed(2)).toBe('1.62');
    const hnsw = sizeOne({ documents: 10_000_000, vector: { field: 'v', dims: 768, index_type: 'hnsw' } }).field;
    // 10,000,000 * 768 * 4 + 640,000,000 = 31,360,000,000 = 29.206 GiB
    expect(((fileBytes(hnsw, 'vec') + hnsw.graph_bound_bytes!) / GiB).toFixed(1)).toBe('29.2');
  });

  it('10M x 768 DiskBBQ needs a 126-233 MiB RAM band', () => {
    const { field } = sizeOne({
      documents: 10_000_000,
      vector: { field: 'v', dims: 768, index_type: 'bbq_disk' },
      version: '9.2',
      license: 'enterprise',
    });
    // clusters = ceil(10,000,000 / 384) = 26,042; centroids = 26,042 * (768 + 16) = 20,416,928
    expect(fileBytes(field, 'cenivf')).toBe(20_416_928);
    // posting lists = 10,000,000 * 2 * (ceil(768/8) + 16) = 10,000,000 * 2 * 112 = 2,240,000,000
    expect(fileBytes(field, 'clivf')).toBe(2_240_000_000);
    // low = 20,416,928 + 0.05 * 2,240,000,000 = 132,416,928 = 126.28 MiB
    // high = 20,416,928 + 0.10 * 2,240,000,000 = 244,416,928 = 233.09 MiB
    expect(field.ram_band).toEqual({ low_bytes: 132_416_928, high_bytes: 244_416_928 });
    expect(Math.round(field.ram_band!.low_bytes / MiB)).toBe(126);
    expect(Math.round(field.ram_band!.high_bytes / MiB)).toBe(233);
    // the plan point is the documented 5% resident fraction, inside the band
    expect(field.ram_bytes).toBe(132_416_928);
    // disk: raw 10,000,000 * 3,072 + centroids + posting lists
    expect(field.disk_bytes).toBe(30_720_000_000 + 20_416_928 + 2_240_000_000);
  });

  it('DiskBBQ follows bits (9.4+) and resident_fraction', () => {
    const { field, result } = sizeOne({
      documents: 10_000_000,
      vector: { field: 'v', dims: 768, index_type: 'bbq_disk', bits: 4, resident_fraction: 0.1 },
      version: '9.4',
    });
    // posting lists at 4 bits: 10,000,000 * 2 * (768*4/8 + 16) = 10,000,000 * 2 * 400 = 8,000,000,000
    expect(fileBytes(field, 'clivf')).toBe(8_000_000_000);
    // 20,416,928 + 0.1 * 8,000,000,000
    expect(field.ram_bytes).toBe(820_416_928);
    expect(result.warnings).toEqual([]);
  });

  it('ignores bits before 9.4 with a warning', () => {
    const { field, result } = sizeOne({
      documents: 1000,
      vector: { field: 'v', dims: 768, index_type: 'bbq_disk', bits: 4 },
      version: '9.3',
    });
    // default 1 bit at 768 dims: 1000 * 2 * (96 + 16)
    expect(fileBytes(field, 'clivf')).toBe(224_000);
    expect(result.warnings.map((w) => w.code)).toContain('BBQ_DISK_BITS_IGNORED');
  });
});
