/**
 * The per-vector correction of int8/int4 codes (codec constants) follows the quantizer the version
 * writes: Elasticsearch 9.4 moved int8_hnsw/int4_hnsw/int8_flat/int4_flat to the Lucene 10.4 OSQ
 * formats (ES94ScalarQuantizedVectorsFormat, elastic/elasticsearch#139594), whose correction is 3
 * floats plus an int component sum = 16 bytes; earlier versions write the Lucene99 scalar quantizer's
 * single float offset = 4 bytes. The docs set keeps the published +4 at every version.
 */
import { describe, expect, it } from 'vitest';
import { fileBytes, sizeOne } from './helpers.js';

const V = 1_000_000;
const veq = (version: string, index_type: 'int8_hnsw' | 'int4_hnsw' | 'int8_flat' | 'int4_flat', dims = 768, set: 'codec' | 'docs' = 'codec') =>
  fileBytes(sizeOne({ documents: V, version, vector: { field: 'v', dims, index_type } }, set).field, 'veq');

describe('int8/int4 correction bytes by version (codec constants)', () => {
  it('9.4: D + 16 and ceil(D/2) + 16', () => {
    expect(veq('9.4', 'int8_hnsw')).toBe(V * (768 + 16)); // 784,000,000
    expect(veq('9.4', 'int4_hnsw')).toBe(V * (384 + 16)); // 400,000,000
    expect(veq('9.4', 'int8_flat', 1024)).toBe(V * 1040);
  });

  it('9.3 and earlier: D + 4 and ceil(D/2) + 4', () => {
    expect(veq('9.3', 'int8_hnsw')).toBe(V * (768 + 4)); // 772,000,000
    expect(veq('9.3', 'int4_hnsw')).toBe(V * (384 + 4)); // 388,000,000
    expect(veq('9.0', 'int4_flat', 1024)).toBe(V * (512 + 4)); // 516,000,000
    expect(veq('8.14', 'int8_flat', 1024)).toBe(V * (1024 + 4)); // 1,028,000,000
  });

  it('the docs set keeps +4 at every version', () => {
    expect(veq('9.4', 'int8_hnsw', 768, 'docs')).toBe(V * 772);
    expect(veq('9.3', 'int4_hnsw', 768, 'docs')).toBe(V * 388);
  });

  it('records the version boundary in the basis', () => {
    const { result } = sizeOne({ documents: V, version: '9.3', vector: { field: 'v', dims: 768, index_type: 'int8_hnsw' } });
    expect(result.basis.find((b) => b.id === 'vectors.codec.osq_scalar_quantization_since')?.result).toBe('9.4');
    expect(result.basis.some((b) => b.id === 'vectors.codec.int8_legacy.code_bytes[v]')).toBe(true);
  });
});
