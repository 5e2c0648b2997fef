/**
 * Ingest and inference through a whole plan. Hand-derived from formulas/ingest.json:
 * ELSER embeds 1.7 chunks/s per single-thread allocation; a 500-word semantic_text field with the
 * default sentence chunking (250 words, overlap 1 sentence of about 20 words) gives
 * ceil((500 - 20) / (250 - 20)) = ceil(2.087) = 3 chunks per document.
 */
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { buildPlan } from '../../src/recommend/build-plan.js';
import { chunksPerDocument, ingestDemand } from '../../src/recommend/ingest-demand.js';
import type { SemanticTextField } from '../../src/model/workload.js';
import { modelData } from '../helpers/model-data.js';

const options = { data: modelData, esplanVersion: 'test' };

function workload(over: Record<string, unknown>) {
  return parseWorkload({
    name: 'kb',
    elasticsearch: { version: '9.2' },
    corpus: { documents: 1_000_000, source_bytes_per_document: 4000, ingest_docs_per_second: 20 },
    semantic_text: [{ field: 'body', words_per_document: 500 }],
    search: { peak_qps: 50 },
    availability: { zones: 3, replicas: 1 },
    deployment: { provider: 'aws' },
    ...over,
  });
}

describe('chunks per document', () => {
  it('follows the strategy and its overlap (the sizing\'s chunk model)', () => {
    const chunks = (f: Omit<SemanticTextField, 'field'>) => chunksPerDocument({ field: 'body', ...f }, '9.2', modelData);
    expect(chunks({ words_per_document: 500 })).toBe(3); // ceil(480 / 230)
    expect(chunks({ words_per_document: 100 })).toBe(1); // at least one
    // word strategy, default overlap 100: ceil((500 - 100) / 150) = 3
    expect(chunks({ words_per_document: 500, chunking: { strategy: 'word' } })).toBe(3);
    expect(chunks({ words_per_document: 5000, chunking: { strategy: 'none' } })).toBe(1);
  });
});

describe('semantic_text on ML nodes (ELSER, self-managed 9.2)', () => {
  it('sizes ML allocations from ingest chunks and semantic queries', () => {
    const demand = ingestDemand(workload({}), undefined, modelData);
    // ingest: 20 docs/s x 3 chunks = 60 chunks/s / 1.7 = 35.3 -> 36 allocations
    // queries: 50 qps x 0.1 / 1.7 = 2.94 -> 3; two deployments of 2004 MiB
    expect(demand.ml).toMatchObject({ model: 'elser', ingest_allocations: 36, query_allocations: 3, allocations: 39, vcpu_needed: 39, model_memory_bytes: 2 * 2004 * 2 ** 20 });
    expect(demand.outside).toBeUndefined();
  });

  it('plans ML nodes per zone for the allocation threads and the data tier with indexing threads', () => {
    const plan = buildPlan(workload({}), options);
    const ml = plan.tiers.find((t) => t.role === 'ml');
    expect(ml).toBeDefined();
    // 39 threads / 3 zones = 13 per zone; each node must offer ceil(13 / nodes) vCPU.
    expect(ml!.nodes_per_zone.every((n) => n * ml!.vcpu >= 13)).toBe(true);
    expect(ml!.notes?.[0]).toMatchObject({ code: 'ML_SIZED_FROM_THROUGHPUT', params: { allocations: 39, ingest_allocations: 36, query_allocations: 3 } });
    const data = plan.tiers.find((t) => t.role === 'data')!;
    // per document: base 0.064 + 3 nested x 0.064 + 3 chunks x 247 ELSER tokens x 0.0009 = 0.9229 ms;
    // 20 docs/s x 2 copies x 0.9229 / 1000 = 0.0369 threads for the whole tier (0.0 per node, rounded)
    expect(data.indexing_threads_needed_per_node).toBe(0);
    expect(plan.basis.find((b) => b.id === 'ingest.ms_per_document[kb]')?.result).toBeCloseTo(0.9229, 4);
    expect(plan.basis.find((b) => b.id === 'ingest.indexing_threads[kb]')?.result).toBeCloseTo(0.036916, 5);
    expect(plan.basis.find((b) => b.id === 'ingest.inference.allocations')?.result).toBe(39);
  });
});

describe('embedding outside the cluster', () => {
  it('Elastic Cloud 9.4 defaults to Jina on EIS: no ML tier, a warning with the rate it must carry', () => {
    const w = workload({ elasticsearch: { version: '9.4', license: 'enterprise' }, deployment: { provider: 'elastic-cloud', price_usd_per_gb_ram_hour: 0.01 } });
    const demand = ingestDemand(w, undefined, modelData);
    expect(demand.ml).toBeUndefined();
    // 20 docs/s x 3 chunks = 60 chunks/s; 50 semantic queries/s
    expect(demand.outside).toEqual({ placement: 'eis', chunks_per_second: 60, queries_per_second: 50 });
    const plan = buildPlan(w, options);
    expect(plan.tiers.some((t) => t.role === 'ml')).toBe(false);
    expect(plan.warnings.find((x) => x.code === 'INFERENCE_OUTSIDE_CLUSTER')?.message).toContain('60 chunks per second');
  });

  it('a workload without ingest or semantic_text has no ingest demand at all', () => {
    const w = parseWorkload({ corpus: { documents: 1000, source_bytes_per_document: 100 }, vectors: [{ field: 'e', dims: 384 }] });
    expect(ingestDemand(w, undefined, modelData)).toEqual({ indexing: [], basis: [] });
  });
});
