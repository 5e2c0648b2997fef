import { describe, expect, it } from 'vitest';
import { Derivation } from '../../src/sizing/derivation.js';
import { documentIndexingMs, indexingLoad, nodeIndexingThreads, vectorIndexingMs, type DocumentShape } from '../../src/sizing/ingest.js';
import { inferenceDemand, mlNodesPerZone } from '../../src/sizing/inference-demand.js';
import { modelData } from '../helpers/model-data.js';

const ingest = modelData.ingest;
const types = modelData.indexTypes;
const v = (over: Partial<Parameters<typeof vectorIndexingMs>[0]> = {}) => ({ dims: 768, element_type: 'float' as const, index_type: 'hnsw' as const, m: 32, ef_construction: 100, ...over });

describe('vector indexing cost (formulas/ingest.json)', () => {
  it('float HNSW at the reference setup is the measured 1.76 ms times the merge multiplier', () => {
    // 1.76 ms x (768/768) x (32x100 / 32x100)^0.4 x 1 (float) x 1.67 (merges) = 2.9392 ms
    expect(vectorIndexingMs(v(), ingest, types)).toBeCloseTo(2.9392, 6);
  });

  it('int8_hnsw, 1024 dims, Elasticsearch defaults m 16 / ef_construction 100', () => {
    // 1.76 x 1024/768 x (16x100 / 3200)^0.4 x 0.754 x 1.67
    //   = 1.76 x 1.33333 x 0.757858 x 0.754 x 1.67 = 2.239377 ms
    expect(vectorIndexingMs(v({ dims: 1024, index_type: 'int8_hnsw', m: 16 }), ingest, types)).toBeCloseTo(2.239377, 5);
  });

  it('a larger beam costs more, but less than in proportion', () => {
    const base = vectorIndexingMs(v({ m: 16, ef_construction: 100 }), ingest, types);
    const wide = vectorIndexingMs(v({ m: 16, ef_construction: 400 }), ingest, types);
    // (400/100)^0.4 = 1.741101
    expect(wide / base).toBeCloseTo(1.741101, 5);
  });

  it('flat and DiskBBQ types build no graph: their own per-vector figure, scaled by dims', () => {
    // flat: 0.02 ms x 384/768 = 0.01 ms; bbq_disk: 0.44 ms x 768/768
    expect(vectorIndexingMs(v({ dims: 384, index_type: 'int8_flat' }), ingest, types)).toBeCloseTo(0.01, 9);
    expect(vectorIndexingMs(v({ index_type: 'bbq_disk' }), ingest, types)).toBeCloseTo(0.44, 9);
  });

  it('byte vectors build like int8 codes', () => {
    // 2.9392 x 0.754 = 2.2161568
    expect(vectorIndexingMs(v({ element_type: 'byte' }), ingest, types)).toBeCloseTo(2.2161568, 6);
  });
});

const doc: DocumentShape = {
  text_bytes: 3000,
  sparse_tokens: 250,
  nested_documents: 2,
  vectors: [{ field: 'body', dims: 1024, element_type: 'float', index_type: 'int8_hnsw', m: 16, ef_construction: 100, per_document: 3 }],
};

describe('document indexing cost', () => {
  it('adds the base, text, sparse, nested and vector parts', () => {
    // base 0.064 + text 3 KB x 0.05 = 0.15 + sparse 250 x 0.0009 = 0.225 + nested 2 x 0.064 = 0.128
    // + vectors 3 x 2.239377 = 6.718131  => 7.285131 ms
    const c = documentIndexingMs(doc, ingest, types);
    expect(c.text_ms).toBeCloseTo(0.15, 9);
    expect(c.sparse_ms).toBeCloseTo(0.225, 9);
    expect(c.nested_ms).toBeCloseTo(0.128, 9);
    expect(c.vectors[0]?.ms_per_document).toBeCloseTo(6.718131, 5);
    expect(c.total_ms).toBeCloseTo(7.285131, 5);
  });

  it('every copy indexes every document: threads = docs/s x copies x ms / 1000, recorded in the basis', () => {
    const d = new Derivation(modelData.formulas);
    // 500 docs/s x 2 copies x 7.285131 ms / 1000 = 7.285131 threads
    const load = indexingLoad({ index: 'kb', docs_per_second: 500, copies: 2, document: doc }, ingest, types, d);
    expect(load.threads_needed).toBeCloseTo(7.285131, 5);
    const entry = d.basis.find((b) => b.id === 'ingest.indexing_threads[kb]');
    expect(entry).toMatchObject({ kind: 'formula', inputs: { ingest_docs_per_second: 500, copies: 2 } });
    expect(entry?.result).toBeCloseTo(7.285131, 5);
    expect(d.basis.find((b) => b.id === 'ingest.hnsw_ms_per_vector')?.source).toContain('apache/lucene#14191');
    expect(d.basis.find((b) => b.id === 'ingest.vector_ms[kb][body]')?.result).toBeCloseTo(2.239377, 5);
  });

  it('a node carries its share of the shard copies', () => {
    // 10 threads over 12 shard copies, 3 on the fullest node: 10 x 3 / 12 = 2.5
    expect(nodeIndexingThreads(10, 3, 12)).toBe(2.5);
    expect(nodeIndexingThreads(10, 3, 0)).toBe(0);
  });
});

describe('ML demand of in-cluster inference', () => {
  it('ELSER: allocations for ingest chunks and semantic queries, memory per deployment', () => {
    const d = new Derivation(modelData.formulas);
    // ingest: 100 docs/s x 3 chunks = 300 chunks/s / 1.7 per allocation = 176.5 -> 177
    // queries: 50 qps x 0.1 / 1.7 = 2.94 -> 3; two deployments x 2004 MiB
    const out = inferenceDemand({ model: 'elser', placement: 'ml_nodes', ingest_chunks_per_second: 300, semantic_queries_per_second: 50 }, ingest, d);
    expect(out.kind).toBe('ml_nodes');
    if (out.kind !== 'ml_nodes') return;
    expect(out.demand).toMatchObject({ ingest_allocations: 177, query_allocations: 3, allocations: 180, vcpu_needed: 180, deployments: 2, model_memory_bytes: 2 * 2004 * 2 ** 20 });
    expect(d.basis.find((b) => b.id === 'ingest.inference.allocations')?.result).toBe(180);
  });

  it('E5 has its own rate and no known deployment memory', () => {
    // 30 chunks/s / 3 per allocation = 10; no queries: one deployment
    const out = inferenceDemand({ model: 'e5', placement: 'ml_nodes', ingest_chunks_per_second: 30, semantic_queries_per_second: 0 }, ingest);
    expect(out).toEqual({
      kind: 'ml_nodes',
      demand: { model: 'e5', chunks_per_second_per_allocation: 3, ingest_allocations: 10, query_allocations: 0, allocations: 10, threads_per_allocation: 1, vcpu_needed: 10, deployments: 1 },
    });
  });

  it('an endpoint outside the cluster needs no ML nodes; nothing to embed needs nothing', () => {
    expect(inferenceDemand({ model: 'elser', placement: 'eis', ingest_chunks_per_second: 300, semantic_queries_per_second: 5 }, ingest)).toEqual({ kind: 'outside', placement: 'eis' });
    expect(inferenceDemand({ model: 'other', placement: 'external', ingest_chunks_per_second: 1, semantic_queries_per_second: 0 }, ingest)).toEqual({ kind: 'outside', placement: 'external' });
    expect(inferenceDemand({ model: 'elser', placement: 'ml_nodes', ingest_chunks_per_second: 0, semantic_queries_per_second: 0 }, ingest)).toEqual({ kind: 'none' });
  });

  it('ML nodes per zone: allocation threads spread over the zones, at least the per-zone minimum', () => {
    // 180 threads / 3 zones = 60 per zone / 16 vCPU = 3.75 -> 4 nodes per zone
    expect(mlNodesPerZone(180, 16, 3, 1)).toBe(4);
    expect(mlNodesPerZone(3, 16, 3, 1)).toBe(1);
    // 33 threads / 2 zones = 16.5 -> 17 per zone / 16 vCPU -> 2
    expect(mlNodesPerZone(33, 16, 2, 1)).toBe(2);
  });
});
