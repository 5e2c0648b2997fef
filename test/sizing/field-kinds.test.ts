/**
 * Sizing of the non-vector field kinds (formulas/fields.json). Expected values are worked out by
 * hand from the figures in formulas/fields.json, written beside each assertion.
 */
import { describe, expect, it } from 'vitest';
import { semanticTextSizingSchema, keywordFieldSizingSchema, sparseVectorSizingSchema, textFieldSizingSchema } from '../../src/model/plan.js';
import { sourceCodecSavedBytes } from '../../src/sizing/codec.js';
import { Derivation } from '../../src/sizing/derivation.js';
import { semanticTextChunks, sizeSemanticTextField } from '../../src/sizing/semantic-text.js';
import { sizeSparseVectorField } from '../../src/sizing/sparse-vectors.js';
import { sizeKeywordField, sizeTextField } from '../../src/sizing/text-fields.js';
import { modelData } from '../helpers/model-data.js';

const newD = () => new Derivation(modelData.formulas);
const dense = modelData.inference.dense_defaults;

describe('text fields', () => {
  it('sizes the inverted index from words, with norms, and every multi-field', () => {
    const d = newD();
    const { sizing, warnings } = sizeTextField(d, { field: 'body', words_per_document: 100, analyzer: 'standard', multi_fields: ['shingles', 'search_as_you_type'] }, 1000);
    // 100 words * 6.8 bytes/word = 680 bytes/document
    expect(sizing.text_bytes_per_document).toBeCloseTo(680, 9);
    // ceil(1000 * (680 * 0.5 + 1)) = 341,000
    expect(sizing.inverted_index_bytes).toBe(341_000);
    // shingles: ceil(1000 * 680 * 0.75) = 510,000; search_as_you_type: ceil(1000 * 680 * 3) = 2,040,000
    expect(sizing.multi_fields).toEqual([
      { kind: 'shingles', disk_bytes: 510_000 },
      { kind: 'search_as_you_type', disk_bytes: 2_040_000 },
    ]);
    // 341,000 + 510,000 + 2,040,000
    expect(sizing.disk_bytes).toBe(2_891_000);
    // text.resident_share 0
    expect(sizing.ram_bytes).toBe(0);
    expect(warnings).toEqual([]);
    expect(() => textFieldSizingSchema.parse(sizing)).not.toThrow();
    const ids = d.basis.map((b) => b.id);
    expect(ids).toContain('text.inverted_index_bytes[body]');
    expect(ids).toContain('text.multi_field_bytes[body.shingles]');
    expect(d.basis.find((b) => b.id === 'text.inverted_index_bytes_per_text_byte')?.source).toMatch(/derived/);
  });

  it('counts a keyword multi-field up to ignore_above and warns when values are longer', () => {
    const short = sizeTextField(newD(), { field: 'title', bytes_per_document: 60, analyzer: 'english', multi_fields: ['keyword'] }, 1000);
    // ceil(1000 * min(60, 256) * 1.5) = 90,000; inverted index ceil(1000 * (60 * 0.5 + 1)) = 31,000
    expect(short.sizing.multi_fields).toEqual([{ kind: 'keyword', disk_bytes: 90_000 }]);
    expect(short.sizing.disk_bytes).toBe(121_000);
    expect(short.warnings).toEqual([]);
    const long = sizeTextField(newD(), { field: 'body', bytes_per_document: 5000, analyzer: 'standard', multi_fields: ['keyword'] }, 1000);
    // ceil(1000 * min(5000, 256) * 1.5) = 384,000
    expect(long.sizing.multi_fields[0]!.disk_bytes).toBe(384_000);
    expect(long.warnings.map((w) => w.code)).toEqual(['KEYWORD_MULTI_FIELD_IGNORED']);
    expect(long.warnings[0]!.message).toMatch(/body/);
  });
});

describe('keyword fields', () => {
  it('sizes terms and doc values per value byte plus a per-value overhead', () => {
    const given = sizeKeywordField(newD(), { field: 'tags', bytes_per_value: 10, values_per_document: 2.5 }, 1000);
    // values ceil(1000 * 2.5) = 2500; ceil(2500 * (10 * 1.5 + 2)) = 42,500
    expect(given.sizing.value_count).toBe(2500);
    expect(given.sizing.disk_bytes).toBe(42_500);
    expect(given.sizing.ram_bytes).toBe(0);
    expect(() => keywordFieldSizingSchema.parse(given.sizing)).not.toThrow();
    const defaulted = sizeKeywordField(newD(), { field: 'id', values_per_document: 1 }, 1000);
    // keyword.default_bytes_per_value 20: ceil(1000 * (20 * 1.5 + 2)) = 32,000
    expect(defaulted.sizing.bytes_per_value).toBe(20);
    expect(defaulted.sizing.disk_bytes).toBe(32_000);
  });
});

describe('sparse_vector fields', () => {
  it('sizes postings per token, all planned resident, and says pruning does not shrink them', () => {
    const d = newD();
    const { sizing } = sizeSparseVectorField(d, { field: 'ml.tokens', per_document: 1 }, 1_000_000);
    // default 247 tokens: 1,000,000 * 1 * 247 = 247,000,000 tokens; * 1.6 B = 395,200,000 bytes
    expect(sizing.tokens_per_document).toBe(247);
    expect(sizing.token_count).toBe(247_000_000);
    expect(sizing.disk_bytes).toBe(395_200_000);
    // sparse_vector.resident_share 1
    expect(sizing.ram_bytes).toBe(395_200_000);
    expect(() => sparseVectorSizingSchema.parse(sizing)).not.toThrow();
    const pruning = d.basis.find((b) => b.id === 'sparse_vector.pruning_note');
    expect(pruning?.description).toMatch(/query only/);
    expect(pruning?.description).toMatch(/size does not change/);
  });

  it('takes the measured tokens and values per document when given', () => {
    const { sizing } = sizeSparseVectorField(newD(), { field: 's', tokens_per_document: 100, per_document: 3 }, 1000);
    // ceil(1000 * 3 * 100) = 300,000 tokens; ceil(300,000 * 1.6) = 480,000
    expect(sizing.disk_bytes).toBe(480_000);
  });
});

describe('semantic_text chunking', () => {
  const chunks = (words: number, chunking?: Parameters<typeof semanticTextChunks>[1]['chunking'], version = '9.4') =>
    semanticTextChunks(newD(), { field: 'c', words_per_document: words, ...(chunking ? { chunking } : {}) }, 1000, version, modelData.limits.chunking.default_size);

  it('defaults to the sentence strategy: ceil((W - 20) / (250 - 20)), at least 1', () => {
    // (1000 - 20) / 230 = 4.26 -> 5
    expect(chunks(1000)).toEqual({ strategy: 'sentence', chunks_per_document: 5, chunk_count: 5000 });
    // (250 - 20) / 230 = 1 -> 1; (251 - 20) / 230 = 1.004 -> 2
    expect(chunks(250).chunks_per_document).toBe(1);
    expect(chunks(251).chunks_per_document).toBe(2);
    // fewer words than the overlap: still one chunk
    expect(chunks(5).chunks_per_document).toBe(1);
  });

  it('sentence_overlap 0 and a small max_chunk_size (overlap capped at half a chunk)', () => {
    // no overlap: ceil(1000 / 100) = 10
    expect(chunks(1000, { strategy: 'sentence', max_chunk_size: 100, sentence_overlap: 0 }).chunks_per_document).toBe(10);
    // max 20, one sentence of 20 words capped at 10: ceil((1000 - 10) / 10) = 99
    expect(chunks(1000, { strategy: 'sentence', max_chunk_size: 20 }).chunks_per_document).toBe(99);
  });

  it('word strategy: ceil((W - overlap) / (max - overlap)); the pre-8.16 default is word 250/100', () => {
    // (1000 - 50) / (200 - 50) = 6.33 -> 7
    expect(chunks(1000, { strategy: 'word', max_chunk_size: 200, overlap: 50 }).chunks_per_document).toBe(7);
    // 8.15: word 250/100: (1000 - 100) / 150 = 6
    expect(chunks(1000, undefined, '8.15')).toEqual({ strategy: 'word', chunks_per_document: 6, chunk_count: 6000 });
  });

  it('strategy none is one chunk per document', () => {
    expect(chunks(5000, { strategy: 'none' })).toEqual({ strategy: 'none', chunks_per_document: 1, chunk_count: 1000 });
  });
});

describe('semantic_text fields', () => {
  const field = { field: 'content', words_per_document: 1000 };

  it('sparse (ELSER): postings for every chunk plus per-chunk offsets', () => {
    const d = newD();
    const r = sizeSemanticTextField(d, modelData, {
      field,
      endpoint: { inference_id: '.elser-2-elasticsearch', kind: 'sparse', source: 'default' },
      dense_defaults: dense,
      documents: 1000,
      version: '9.2',
      license: 'basic',
      constants: 'codec',
    });
    // 5 chunks per document (see chunking), 5000 chunks; offsets 5000 * 16 = 80,000
    // postings: 1000 * 5 * 247 = 1,235,000 tokens * 1.6 = 1,976,000, all resident
    expect(r.vector).toBeUndefined();
    expect(r.sizing).toMatchObject({ kind: 'sparse', chunks_per_document: 5, chunk_count: 5000, tokens_per_chunk: 247, offsets_disk_bytes: 80_000 });
    expect(r.sizing.embedding_disk_bytes).toBe(1_976_000);
    expect(r.sizing.ram_bytes).toBe(1_976_000);
    expect(r.sizing.disk_bytes).toBe(2_056_000);
    expect(() => semanticTextSizingSchema.parse(r.sizing)).not.toThrow();
    expect(d.basis.map((b) => b.id)).toContain('sparse_vector.pruning_note');
  });

  it('dense on 9.4: bbq_hnsw over bfloat16, sized as a vector field with one vector per chunk', () => {
    const d = newD();
    const r = sizeSemanticTextField(d, modelData, {
      field,
      endpoint: { inference_id: '.jina-embeddings-v5-text-small', kind: 'dense', dims: 1024, element_type: 'float', source: 'default' },
      dense_defaults: dense,
      documents: 1000,
      version: '9.4',
      license: 'enterprise',
      constants: 'codec',
    });
    expect(r.vector).toBeDefined();
    const v = r.vector!;
    // enterprise 9.4 would give dense_vector bbq_disk; semantic_text maps bbq_hnsw itself
    expect(v.index_type).toBe('bbq_hnsw');
    expect(v.element_type).toBe('bfloat16');
    expect(v.vector_count).toBe(5000);
    // bfloat16 raw vectors: 5000 * 1024 * 2 bytes = 10,240,000 in .vec
    expect(v.files.find((f) => f.ext === 'vec')?.bytes).toBe(10_240_000);
    expect(r.sizing).toMatchObject({ kind: 'dense', dims: 1024, element_type: 'bfloat16', index_type: 'bbq_hnsw', offsets_disk_bytes: 80_000 });
    expect(r.sizing.ram_bytes).toBe(v.ram_bytes);
    expect(r.sizing.disk_bytes).toBe(80_000 + v.disk_bytes);
    expect(() => semanticTextSizingSchema.parse(r.sizing)).not.toThrow();
  });

  it('dense before 9.1 takes the version default (int8_hnsw) and keeps float', () => {
    const r = sizeSemanticTextField(newD(), modelData, {
      field,
      endpoint: { inference_id: 'my-e5', kind: 'dense', dims: 384, element_type: 'float', source: 'workload' },
      dense_defaults: dense,
      documents: 10,
      version: '9.0',
      license: 'basic',
      constants: 'codec',
    });
    expect(r.vector?.index_type).toBe('int8_hnsw');
    expect(r.vector?.element_type).toBe('float');
  });
});

describe('codec', () => {
  it('credits best_compression 15% of _source and the default codec nothing, recording nothing', () => {
    const d = newD();
    expect(sourceCodecSavedBytes(d, 'default', 1000, 6000)).toBe(0);
    expect(d.basis).toEqual([]);
    // floor(1000 * 6000 * 0.15) = 900,000
    expect(sourceCodecSavedBytes(d, 'best_compression', 1000, 6000)).toBe(900_000);
    expect(d.basis.map((b) => b.id)).toEqual(['codec.best_compression_source_credit', 'codec.source_saved_bytes']);
  });
});
