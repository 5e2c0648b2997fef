import { describe, expect, it } from 'vitest';
import { sizeWorkload } from '../../src/sizing/size-workload.js';
import { oneFieldWorkload } from './helpers.js';
import { modelData } from '../helpers/model-data.js';

describe('the vector constant set in the basis', () => {
  it.each([
    ['codec', 'int8 dims+16', 'vector-sizing-calculator.md'],
    ['docs', 'int8 dims+4', 'approximate-knn-search.md'],
  ] as const)('%s: names the set, its per-vector constants and its source', (set, constants, source) => {
    const w = oneFieldWorkload({ documents: 10, vector: { field: 'v', dims: 64, index_type: 'flat' } });
    const note = sizeWorkload(w, { constants: set, data: modelData }).basis.find((b) => b.id === 'vectors.constants');
    expect(note).toMatchObject({ kind: 'policy', result: set });
    expect(note?.description).toContain(constants);
    expect(note?.source).toContain(source);
  });
});
