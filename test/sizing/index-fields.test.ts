/**
 * How an index's new field kinds enter its totals (issue 13): the generic overhead ratio covers
 * only the _source bytes no text or keyword field describes, semantic_text chunks are nested
 * Lucene documents, best_compression credits _source, and TENANT_FLAT_INDEX fires on the
 * largest tenant's vectors. Expected values are worked by hand beside each assertion.
 */
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { buildPlan } from '../../src/recommend/build-plan.js';
import { sizeWorkload } from '../../src/sizing/size-workload.js';
import { modelData } from '../helpers/model-data.js';

const base = {
  name: 'fields',
  elasticsearch: { version: '9.2', license: 'enterprise' },
  corpus: { documents: 1_000_000, source_bytes_per_document: 4000 },
  availability: { zones: 3, replicas: 1 },
  deployment: { provider: 'aws', region: 'us-east-1' },
};
const size = (extra: Record<string, unknown>) => sizeWorkload(parseWorkload({ ...base, ...extra }), { constants: 'codec', data: modelData });

describe('an index with text, keyword and semantic_text fields', () => {
  it('applies the overhead ratio (0.2, storage.index_overhead_ratio) only to the _source bytes no field describes', () => {
    const s = size({ text_fields: [{ field: 'body', bytes_per_document: 3000 }] }).sizing;
    // 1,000,000 x (4000 + 0.2 x (4000 - 3000)) = 4,200,000,000; without the field: 1,000,000 x 4000 x 1.2 = 4,800,000,000
    expect(s.source_bytes).toBe(4_200_000_000);
    expect(size({}).sizing.source_bytes).toBe(4_800_000_000);
    // The text's own index structures are added to the disk beside _source.
    expect(s.primary_disk_bytes).toBe(s.source_bytes + s.text_fields![0]!.disk_bytes);
  });

  it('counts every semantic_text chunk as a hidden nested Lucene document', () => {
    const s = size({ semantic_text: [{ field: 'body_semantic', words_per_document: 1200 }] }).sizing;
    // sentence strategy, 250 words, 1 sentence (20 words) overlap: ceil((1200 - 20) / (250 - 20)) = 6 chunks
    expect(s.semantic_text![0]!.chunks_per_document).toBe(6);
    expect(s.semantic_text![0]!.inference_id).toBe('.elser-2-elasticsearch');
    expect(s.lucene_docs).toBe(1_000_000 * (1 + 6));
  });

  it('credits best_compression with 15% of _source (codec.best_compression_source_credit)', () => {
    const plain = size({}).sizing;
    const compressed = size({ index: { codec: 'best_compression' } }).sizing;
    // floor(1,000,000 x 4000 x 0.15) = 600,000,000 bytes saved, one copy
    expect(plain.primary_disk_bytes - compressed.primary_disk_bytes).toBe(600_000_000);
  });
});

describe('TENANT_FLAT_INDEX', () => {
  const codes = (share: number) =>
    buildPlan(parseWorkload({ ...base, vectors: [{ field: 'emb', dims: 768 }], tenancy: { field: 'tenant', tenants: 1000, largest_tenant_share: share } }), {
      data: modelData,
      esplanVersion: 'test',
    }).warnings.map((w) => w.code);

  it('fires when the largest tenant holds fewer than ~100k vectors (formulas/topology.json bbq_flat_filter_vectors)', () => {
    // 1,000,000 vectors x 0.001 = 1,000 vectors: below 100,000
    expect(codes(0.001)).toContain('TENANT_FLAT_INDEX');
    // 1,000,000 x 0.2 = 200,000 vectors: above it
    expect(codes(0.2)).not.toContain('TENANT_FLAT_INDEX');
  });
});
