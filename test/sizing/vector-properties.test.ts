import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { IndexType } from '../../src/data/index-types.js';
import type { ConstantSet } from '../../src/model/workload.js';
import { fileBytes, sizeOne } from './helpers.js';

type Element = 'float' | 'bfloat16' | 'byte' | 'bit';

/** Index types each element type accepts (quantization only for float and bfloat16). */
const TYPES_FOR: Record<Element, IndexType[]> = {
  float: ['hnsw', 'int8_hnsw', 'int4_hnsw', 'bbq_hnsw', 'flat', 'int8_flat', 'int4_flat', 'bbq_flat', 'bbq_disk'],
  bfloat16: ['hnsw', 'int8_hnsw', 'int4_hnsw', 'bbq_hnsw', 'flat', 'int8_flat', 'int4_flat', 'bbq_flat', 'bbq_disk'],
  byte: ['hnsw', 'flat'],
  bit: ['hnsw', 'flat'],
};

/** The smallest valid dims at or above `dims` for this element and index type. */
function validDims(element: Element, type: IndexType, dims: number): number {
  let d = Math.max(dims, type.startsWith('bbq') ? 64 : 1);
  if (element === 'bit') d = Math.ceil(d / 8) * 8;
  if (type.startsWith('int4')) d += d % 2;
  return d;
}

const combo = fc
  .constantFrom<Element>('float', 'bfloat16', 'byte', 'bit')
  .chain((element) => fc.record({ element: fc.constant(element), type: fc.constantFrom(...TYPES_FOR[element]) }));
const constants = fc.constantFrom<ConstantSet>('codec', 'docs');

function size(element: Element, type: IndexType, dims: number, documents: number, set: ConstantSet, m = 16) {
  return sizeOne(
    {
      documents,
      version: '9.4',
      license: 'enterprise',
      // Fixed bits: by default DiskBBQ switches from 4 to 1 bit at 384 dims (as Elasticsearch
      // does), which legitimately shrinks posting lists; the property is about one configuration.
      vector: { field: 'v', dims, element_type: element, index_type: type, ...(type === 'bbq_disk' ? { bits: 1 as const } : { m }) },
    },
    set,
  ).field;
}

describe('vector sizing properties', () => {
  it('more vectors never need less RAM or disk', () => {
    fc.assert(
      fc.property(combo, constants, fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 50_000_000 }), fc.integer({ min: 1, max: 50_000_000 }), ({ element, type }, set, rawDims, a, b) => {
        const dims = validDims(element, type, rawDims);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const small = size(element, type, dims, lo, set);
        const big = size(element, type, dims, hi, set);
        expect(big.ram_bytes).toBeGreaterThanOrEqual(small.ram_bytes);
        expect(big.disk_bytes).toBeGreaterThanOrEqual(small.disk_bytes);
      }),
      { seed: 20261105, numRuns: 150 },
    );
  });

  it('more dims never need less RAM or disk', () => {
    fc.assert(
      fc.property(combo, constants, fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 1, max: 96 }), fc.integer({ min: 1, max: 20_000_000 }), ({ element, type }, set, rawDims, step, documents) => {
        const dims = validDims(element, type, rawDims);
        const more = validDims(element, type, dims + step);
        const small = size(element, type, dims, documents, set);
        const big = size(element, type, more, documents, set);
        expect(big.ram_bytes).toBeGreaterThanOrEqual(small.ram_bytes);
        expect(big.disk_bytes).toBeGreaterThanOrEqual(small.disk_bytes);
      }),
      { seed: 20261106, numRuns: 150 },
    );
  });

  it('for one field, RAM orders bbq < int4 < int8 < float (HNSW and flat alike)', () => {
    fc.assert(
      fc.property(constants, fc.integer({ min: 32, max: 2048 }), fc.integer({ min: 1, max: 20_000_000 }), fc.constantFrom('hnsw', 'flat'), fc.integer({ min: 2, max: 64 }), (set, half, documents, structure, m) => {
        const dims = half * 2; // even and >= 64: valid for every quantization
        const ram = (q: string) => size('float', (q === 'float' ? structure : `${q}_${structure}`) as IndexType, dims, documents, set, m).ram_bytes;
        expect(ram('bbq')).toBeLessThan(ram('int4'));
        expect(ram('int4')).toBeLessThan(ram('int8'));
        expect(ram('int8')).toBeLessThan(ram('float'));
      }),
      { seed: 20261107, numRuns: 100 },
    );
  });

  it('quantized types need more disk than the float vectors alone', () => {
    const quantized: IndexType[] = ['int8_hnsw', 'int4_hnsw', 'bbq_hnsw', 'int8_flat', 'int4_flat', 'bbq_flat', 'bbq_disk'];
    fc.assert(
      fc.property(constants, fc.constantFrom(...quantized), fc.integer({ min: 32, max: 2048 }), fc.integer({ min: 1, max: 20_000_000 }), (set, type, half, documents) => {
        const dims = half * 2;
        const q = size('float', type, dims, documents, set);
        const plain = size('float', 'flat', dims, documents, set);
        expect(q.disk_bytes).toBeGreaterThan(plain.disk_bytes);
        expect(fileBytes(q, 'vec')).toBe(fileBytes(plain, 'vec'));
      }),
      { seed: 20261108, numRuns: 100 },
    );
  });

  it('RAM is never more than disk, and the resident files add up to it', () => {
    fc.assert(
      fc.property(combo, constants, fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 20_000_000 }), ({ element, type }, set, rawDims, documents) => {
        const f = size(element, type, validDims(element, type, rawDims), documents, set);
        expect(f.ram_bytes).toBeLessThanOrEqual(f.disk_bytes);
        expect(f.disk_bytes).toBe(f.files.reduce((s, x) => s + x.bytes, 0));
        const resident = f.files.filter((x) => x.resident).reduce((s, x) => s + (x.resident_bytes ?? x.bytes), 0);
        expect(f.ram_bytes).toBe(resident);
        if (f.graph_bound_bytes !== undefined) expect(fileBytes(f, 'vex')).toBeLessThanOrEqual(f.graph_bound_bytes * 1.1);
      }),
      { seed: 20261109, numRuns: 150 },
    );
  });
});
