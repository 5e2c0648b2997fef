/**
 * What peak ingest and semantic queries ask of the cluster, from the workload's indices: indexing
 * threads on the data tier (every index with corpus.ingest_docs_per_second) and, per inference
 * endpoint that embeds in the cluster, ML allocations; endpoints outside the cluster (EIS, a
 * user's service) are reported instead. Inference is sized from throughput only when there is
 * something to embed at a known rate: ingest_docs_per_second, or semantic_text fields queried at
 * search.peak_qps. Otherwise the ML tier keeps its memory-only sizing (inference.model_memory_gib).
 */
import type { InferenceModel } from '../data/ingest.js';
import type { ModelData } from '../data/model-data.js';
import { indicesOf, type IndexSpec } from '../model/indices.js';
import type { BasisEntry } from '../model/plan.js';
import type { SemanticTextField, Workload } from '../model/workload.js';
import { Derivation } from '../sizing/derivation.js';
import { inferenceDemand, type InferencePlacement, type MlDemand } from '../sizing/inference-demand.js';
import { resolveInferenceEndpoint } from '../sizing/inference-endpoint.js';
import { indexingLoad, type DocumentShape, type IndexedVector, type IndexingLoad } from '../sizing/ingest.js';
import { semanticTextChunks } from '../sizing/semantic-text.js';
import type { IndexSizing, SizingResult } from '../sizing/size-workload.js';

export interface IngestDemand {
  indexing: IndexingLoad[];
  /** Sum over indices; undefined when no index gives ingest_docs_per_second. */
  indexing_threads_needed?: number;
  /** In-cluster inference, all endpoints together; undefined when none embeds at a known rate. */
  ml?: MlDemand;
  /** Inference that runs outside the cluster, for the warning that no ML nodes are planned for it. */
  outside?: { placement: 'eis' | 'external'; chunks_per_second: number; queries_per_second: number };
  basis: BasisEntry[];
}

/** What an embedding source asks: which model, where it runs, chunks per document, and whether queries embed with it. */
interface Embedder {
  model: InferenceModel;
  placement: InferencePlacement;
  chunks_per_document: number;
  semantic: boolean;
}

export function ingestDemand(workload: Workload, sizing: SizingResult | undefined, data: ModelData): IngestDemand {
  const d = new Derivation(data.formulas);
  const specs = indicesOf(workload);
  const indexing: IndexingLoad[] = [];
  const groups = new Map<string, { model: InferenceModel; placement: InferencePlacement; chunks: number; queries: number }>();
  specs.forEach((spec, i) => {
    const embedders = embeddersOf(spec, workload, data);
    const dps = spec.corpus.ingest_docs_per_second;
    const indexSizing = sizing?.indices[i];
    if (dps !== undefined && dps > 0 && indexSizing) {
      indexing.push(indexingLoad({ index: spec.name, docs_per_second: dps, copies: spec.replicas + 1, document: documentShape(spec, indexSizing, data) }, data.ingest, data.indexTypes, d));
    }
    const seen = new Set<string>();
    for (const e of embedders) {
      const key = `${e.model}|${e.placement}`;
      const g = groups.get(key) ?? { model: e.model, placement: e.placement, chunks: 0, queries: 0 };
      g.chunks += (dps ?? 0) * e.chunks_per_document;
      // One inference per semantic query per endpoint the index queries with.
      if (e.semantic && !seen.has(key)) g.queries += spec.peak_qps ?? 0;
      seen.add(key);
      groups.set(key, g);
    }
  });
  const demands: MlDemand[] = [];
  let outside: IngestDemand['outside'];
  for (const g of groups.values()) {
    const out = inferenceDemand({ model: g.model, placement: g.placement, ingest_chunks_per_second: g.chunks, semantic_queries_per_second: g.queries }, data.ingest, d);
    if (out.kind === 'ml_nodes') demands.push(out.demand);
    if (out.kind === 'outside') {
      outside = {
        placement: outside?.placement === 'external' ? 'external' : out.placement,
        chunks_per_second: (outside?.chunks_per_second ?? 0) + g.chunks,
        queries_per_second: (outside?.queries_per_second ?? 0) + g.queries,
      };
    }
  }
  const ml = combine(demands);
  return {
    indexing,
    ...(indexing.length ? { indexing_threads_needed: indexing.reduce((s, l) => s + l.threads_needed, 0) } : {}),
    ...(ml ? { ml } : {}),
    ...(outside ? { outside } : {}),
    basis: d.basis,
  };
}

/**
 * Every source of embeddings in one index: semantic_text fields by their endpoint, and, when the
 * workload places inference on ML nodes, its dense vector fields (one input per vector).
 */
function embeddersOf(spec: IndexSpec, workload: Workload, data: ModelData): Embedder[] {
  const out: Embedder[] = [];
  for (const f of spec.semantic_text) {
    const ep = resolveInferenceEndpoint(data.inference, workload, f);
    const placement: InferencePlacement = ep.known ? ep.known.runs_on : workload.inference.placement === 'ml_nodes' ? 'ml_nodes' : 'external';
    out.push({ model: ep.known?.throughput_model ?? 'other', placement, chunks_per_document: chunksPerDocument(f, workload.elasticsearch.version, data), semantic: true });
  }
  if (workload.inference.placement === 'ml_nodes') {
    for (const v of spec.vectors) out.push({ model: 'other', placement: 'ml_nodes', chunks_per_document: v.per_document, semantic: false });
  }
  return out;
}

/**
 * Chunks (hidden nested documents, one embedding each) per document: the sizing's chunk model
 * (src/sizing/semantic-text.ts, formulas/fields.json), evaluated in a scratch derivation since the
 * sizing's own basis already records it.
 */
export function chunksPerDocument(f: SemanticTextField, version: string, data: Pick<ModelData, 'formulas' | 'limits'>): number {
  return semanticTextChunks(new Derivation(data.formulas), f, 1, version, data.limits.chunking.default_size).chunks_per_document;
}

/** What one document of the index costs to index, from the index's sizing (per-field figures of formulas/fields.json). */
function documentShape(spec: IndexSpec, sized: IndexSizing, data: ModelData): DocumentShape {
  const passes = data.ingest.document_shape.multi_field_passes.value;
  const s = sized.sizing;
  const text = (s.text_fields ?? []).reduce((sum, t) => sum + t.text_bytes_per_document * (1 + t.multi_fields.length * passes), 0);
  const semantic = s.semantic_text ?? [];
  const sparse =
    (s.sparse_vectors ?? []).reduce((sum, f) => sum + f.tokens_per_document * f.per_document, 0) +
    semantic.reduce((sum, f) => sum + (f.kind === 'sparse' ? f.chunks_per_document * (f.tokens_per_chunk ?? 0) : 0), 0);
  const vectors: IndexedVector[] = spec.vectors.map((v) => {
    const resolved = s.vectors.find((x) => x.field === v.field);
    return { field: v.field, dims: v.dims, element_type: v.element_type, index_type: resolved?.index_type ?? 'int8_hnsw', m: v.m, ef_construction: v.ef_construction, per_document: v.per_document };
  });
  // A dense semantic_text embedding is sized as a vector field of the same name (one per chunk), and indexed like one.
  for (const f of semantic) {
    const v = f.kind === 'dense' ? s.vectors.find((x) => x.field === f.field) : undefined;
    if (v) vectors.push({ field: f.field, dims: v.dims, element_type: v.element_type, index_type: v.index_type, m: data.limits.hnswMDefault, ef_construction: data.limits.efConstructionDefault, per_document: f.chunks_per_document });
  }
  return { text_bytes: text, sparse_tokens: sparse, nested_documents: semantic.reduce((sum, f) => sum + f.chunks_per_document, 0), vectors };
}

/** Several endpoints in the cluster: their allocations and memory add up (each its own deployments). */
function combine(list: readonly MlDemand[]): MlDemand | undefined {
  if (list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  const known = list.every((m) => m.model_memory_bytes !== undefined);
  const sum = (k: 'ingest_allocations' | 'query_allocations' | 'allocations' | 'vcpu_needed' | 'deployments') => list.reduce((s, m) => s + m[k], 0);
  return {
    model: list[0]!.model,
    chunks_per_second_per_allocation: Math.min(...list.map((m) => m.chunks_per_second_per_allocation)),
    ingest_allocations: sum('ingest_allocations'),
    query_allocations: sum('query_allocations'),
    allocations: sum('allocations'),
    threads_per_allocation: list[0]!.threads_per_allocation,
    vcpu_needed: sum('vcpu_needed'),
    deployments: sum('deployments'),
    ...(known ? { model_memory_bytes: list.reduce((s, m) => s + (m.model_memory_bytes ?? 0), 0) } : {}),
  };
}
