import { describe, expect, it } from 'vitest';
import { loadFormulaBook } from '../../src/data/formulas.js';
import { INDEX_TYPES } from '../../src/data/index-types.js';
import { parseVersion } from '../../src/model/version.js';
import { sizeOne } from './helpers.js';

describe('formulas/ data files', () => {
  const book = loadFormulaBook();

  it('give every constant and formula a source and a valid version range', () => {
    const entries = [...book.constants.values(), ...book.formulas.values()];
    expect(entries.length).toBeGreaterThan(60);
    for (const e of entries) {
      expect(e.source.length, e.id).toBeGreaterThan(10);
      expect(parseVersion(e.es_versions.min), e.id).toBeDefined();
      expect(parseVersion(e.es_versions.max), e.id).toBeDefined();
    }
  });

  it('carry both constant sets for every vector formula', () => {
    const ids = [...book.formulas.keys()];
    for (const id of ids.filter((i) => i.startsWith('vectors.codec.'))) {
      expect(ids, id).toContain(id.replace('vectors.codec.', 'vectors.docs.'));
    }
    for (const type of INDEX_TYPES) expect(book.constants.has(`vectors.resident_files.${type}`), type).toBe(true);
  });

  it('is frozen', () => {
    const f = book.formulas.get('vectors.codec.int8.code_bytes')!;
    expect(Object.isFrozen(f)).toBe(true);
  });

  it('every basis entry of a sizing names its source and every formula shows its inputs and result', () => {
    const { result } = sizeOne({
      documents: 1000,
      vector: { field: 'v', dims: 768, index_type: 'bbq_disk' },
      growth: { monthly_rate: 0.02, months: 6 },
    });
    const ids = new Set<string>();
    for (const b of result.basis) {
      expect(ids.has(b.id), b.id).toBe(false);
      ids.add(b.id);
      expect(b.source.length, b.id).toBeGreaterThan(5);
      if (b.kind === 'formula') {
        expect(b.expression, b.id).toBeDefined();
        expect(b.inputs, b.id).toBeDefined();
        expect(typeof b.result, b.id).toBe('number');
      }
    }
    for (const id of ['vectors.ivf.ram_bytes[v.low]', 'vectors.ivf.ram_bytes[v.high]', 'vectors.ivf.ram_bytes[v.planned]', 'shards.primaries', 'shards.routing_default', 'shards.split_factor', 'shards.routing_shards', 'storage.source_bytes']) {
      expect(ids.has(id), id).toBe(true);
    }
  });
});
