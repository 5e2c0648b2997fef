import { describe, expect, it } from 'vitest';
import { sizeWorkload } from '../../src/sizing/size-workload.js';
import { oneFieldWorkload, sizeOne } from './helpers.js';
import { modelData } from '../helpers/model-data.js';

describe('storage and growth', () => {
  it('grows documents to the horizon with compound monthly growth', () => {
    const { result } = sizeOne({
      documents: 20_000_000,
      vector: { field: 'v', dims: 64, index_type: 'flat' },
      growth: { monthly_rate: 0.03, months: 12 },
    });
    // 20,000,000 * 1.03^12 = 20,000,000 * 1.4257608868... = 28,515,217.7 -> 28,515,218
    expect(result.sizing.documents).toBe(28_515_218);
    expect(result.sizing.horizon_months).toBe(12);
  });

  it('counts _source with the index overhead assumption, overridable by the workload', () => {
    const base = { documents: 1000, source_bytes_per_document: 6000, vector: { field: 'v', dims: 64, index_type: 'flat' as const } };
    // 1000 * 6000 * (1 + 0.2) = 7,200,000
    expect(sizeOne(base).result.sizing.source_bytes).toBe(7_200_000);
    const w = oneFieldWorkload(base);
    const overridden = sizeWorkload({ ...w, assumptions: { ...w.assumptions, index_overhead_ratio: 0.5 } }, { constants: 'codec', data: modelData });
    // 1000 * 6000 * 1.5 = 9,000,000
    expect(overridden.sizing.source_bytes).toBe(9_000_000);
    expect(overridden.basis.find((b) => b.id === 'storage.index_overhead_ratio')?.source).toMatch(/workload/);
  });

  it('adds vectors kept in _source as JSON before 9.2, with a warning', () => {
    const vector = { field: 'v', dims: 768, index_type: 'int8_hnsw' as const };
    const old = sizeOne({ documents: 1000, vector, version: '9.1', license: 'basic' }).result;
    // 1000 vectors * 768 dims * 12 bytes of JSON text = 9,216,000
    expect(old.sizing.source_vector_bytes).toBe(9_216_000);
    // 1000 * 1 byte * 1.2 + 9,216,000
    expect(old.sizing.source_bytes).toBe(1200 + 9_216_000);
    expect(old.warnings.map((w) => w.code)).toContain('VECTORS_IN_SOURCE');
    const current = sizeOne({ documents: 1000, vector, version: '9.2' }).result;
    expect(current.sizing.source_vector_bytes).toBe(0);
    expect(current.warnings.map((w) => w.code)).not.toContain('VECTORS_IN_SOURCE');
  });

  it('totals one copy and all copies', () => {
    const { result } = sizeOne({ documents: 1000, replicas: 2, vector: { field: 'v', dims: 64, index_type: 'flat' } });
    const s = result.sizing;
    expect(s.copies).toBe(3);
    expect(s.primary_disk_bytes).toBe(s.source_bytes + s.vector_disk_bytes);
    expect(s.total_disk_bytes).toBe(3 * s.primary_disk_bytes);
    expect(s.total_ram_bytes).toBe(3 * s.vector_ram_bytes);
    // flat float: 1000 * 64 * 4 raw bytes, all resident
    expect(s.vector_ram_bytes).toBe(256_000);
  });
});

describe('warnings and index type resolution', () => {
  it('warns about unquantized float vectors of 384 dims or more', () => {
    const codes = (dims: number, index_type: 'hnsw' | 'int8_hnsw') =>
      sizeOne({ documents: 10, vector: { field: 'v', dims, index_type } }).result.warnings.map((w) => w.code);
    expect(codes(384, 'hnsw')).toContain('FLOAT_VECTORS_UNQUANTIZED');
    expect(codes(383, 'hnsw')).not.toContain('FLOAT_VECTORS_UNQUANTIZED');
    expect(codes(384, 'int8_hnsw')).not.toContain('FLOAT_VECTORS_UNQUANTIZED');
  });

  it('resolves auto to each version default and says why', () => {
    const auto = (version: string, license: 'basic' | 'enterprise', dims: number, element_type: 'float' | 'byte' = 'float') =>
      sizeOne({ documents: 10, version, license, vector: { field: 'v', dims, element_type } }).field;
    expect(auto('8.14', 'enterprise', 1024).index_type).toBe('int8_hnsw');
    expect(auto('9.0', 'basic', 1024).index_type).toBe('int8_hnsw');
    expect(auto('9.1', 'basic', 1024).index_type).toBe('bbq_hnsw');
    expect(auto('9.1', 'basic', 383).index_type).toBe('int8_hnsw');
    expect(auto('9.4', 'basic', 1024).index_type).toBe('bbq_hnsw');
    expect(auto('9.4', 'enterprise', 1024).index_type).toBe('bbq_disk');
    expect(auto('9.4', 'enterprise', 1024, 'byte').index_type).toBe('hnsw');
    const small = auto('9.4', 'enterprise', 32);
    expect(small.index_type).toBe('int8_hnsw');
    expect(small.index_type_reason).toMatch(/64 dims/);
    expect(auto('9.2', 'basic', 1024).index_type_reason).toMatch(/9\.2 default/);
  });

  it('names the constant set in basis', () => {
    for (const set of ['codec', 'docs'] as const) {
      const { result } = sizeOne({ documents: 10, vector: { field: 'v', dims: 64, index_type: 'int8_hnsw' } }, set);
      expect(result.sizing.constants).toBe(set);
      expect(result.basis.find((b) => b.id === 'vectors.constants')?.result).toBe(set);
      expect(result.basis.some((b) => b.id.startsWith(`vectors.${set}.int8.code_bytes`))).toBe(true);
    }
  });
});
