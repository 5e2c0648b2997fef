/**
 * Indexing load on the data tier. Every shard copy indexes every document routed to its shard
 * (replicas re-run the indexing, they do not copy segments), so at peak the data tier keeps
 * docs_per_second x copies x ms_per_document / 1000 threads busy, spread over the nodes in
 * proportion to the shard copies they hold. The cost of one document comes from what it holds:
 * a base cost, analysed text, sparse tokens, semantic_text chunks (hidden nested documents) and,
 * per dense vector, its graph insertion scaled by dims, m x ef_construction, quantization and
 * merges. Figures and their sources: formulas/ingest.json.
 */
import { indexTypeInfo, type ElementType, type IndexType, type IndexTypesData } from '../data/index-types.js';
import type { IngestData } from '../data/ingest.js';
import type { BasisEntry } from '../model/plan.js';
import type { Derivation } from './derivation.js';

const FILE = 'formulas/ingest.json';

/** One dense vector field as indexing sees it (a dense semantic_text embedding is one too). */
export interface IndexedVector {
  field: string;
  dims: number;
  element_type: ElementType;
  /** The resolved index type (never 'auto'). */
  index_type: IndexType;
  m: number;
  ef_construction: number;
  /** Vectors of this field per document (semantic_text: chunks per document). */
  per_document: number;
}

/** What one document holds, for its indexing cost. */
export interface DocumentShape {
  /** Analysed text per document, in bytes (text fields and their multi-fields). */
  text_bytes: number;
  /** sparse_vector tokens per document, over all sparse fields (sparse semantic_text included). */
  sparse_tokens: number;
  /** Hidden nested documents per document (semantic_text: one per chunk). */
  nested_documents: number;
  vectors: readonly IndexedVector[];
}

export interface IndexingInput {
  index: string;
  /** corpus.ingest_docs_per_second: peak documents per second. */
  docs_per_second: number;
  /** Primary plus replicas: every copy indexes every document. */
  copies: number;
  document: DocumentShape;
}

export interface VectorIndexingCost {
  field: string;
  index_type: IndexType;
  ms_per_vector: number;
  ms_per_document: number;
}

export interface DocumentCost {
  base_ms: number;
  text_ms: number;
  sparse_ms: number;
  nested_ms: number;
  vectors: VectorIndexingCost[];
  /** One shard copy, one document. */
  total_ms: number;
}

export interface IndexingLoad {
  index: string;
  docs_per_second: number;
  copies: number;
  ms_per_document: number;
  cost: DocumentCost;
  /** Threads (vCPU) the whole data tier keeps busy indexing at peak: docs/s x copies x ms / 1000. */
  threads_needed: number;
}

/** CPU milliseconds to index one vector into one shard copy. */
export function vectorIndexingMs(v: Pick<IndexedVector, 'dims' | 'element_type' | 'index_type' | 'm' | 'ef_construction'>, data: IngestData, types: IndexTypesData): number {
  const ix = data.indexing;
  const dimsRatio = v.dims / ix.hnsw_reference.dims;
  const info = indexTypeInfo(types, v.index_type);
  if (info.structure === 'flat') return ix.flat_ms_per_vector.value * dimsRatio;
  if (info.structure === 'ivf') return ix.ivf_ms_per_vector.value * dimsRatio;
  const work = (v.m * v.ef_construction) / (ix.hnsw_reference.m * ix.hnsw_reference.ef_construction);
  return ix.hnsw_ms_per_vector.value * dimsRatio * work ** ix.hnsw_work_exponent.value * buildRatio(info.quantization, v.element_type, data) * ix.graph_merge_multiplier.value;
}

/**
 * Graph building scores on what the graph stores: quantized codes for the quantized types, bytes
 * for byte vectors (as cheap to compare as int8 codes), bits for bit vectors (as BBQ's 1-bit codes).
 */
function buildRatio(quantization: 'none' | 'int8' | 'int4' | 'bbq', element: ElementType, data: IngestData): number {
  const r = data.indexing.quantized_build_ratio;
  if (quantization !== 'none') return r[quantization].value;
  if (element === 'byte') return r.int8.value;
  if (element === 'bit') return r.bbq.value;
  return 1;
}

/** CPU milliseconds one shard copy spends indexing one document of this shape. */
export function documentIndexingMs(doc: DocumentShape, data: IngestData, types: IndexTypesData): DocumentCost {
  const ix = data.indexing;
  const base = ix.document_base_ms.value;
  const text = (doc.text_bytes / 1000) * ix.text_ms_per_kb.value;
  const sparse = doc.sparse_tokens * ix.sparse_ms_per_token.value;
  const nested = doc.nested_documents * ix.nested_document_ms.value;
  const vectors = doc.vectors.map((v) => {
    const perVector = vectorIndexingMs(v, data, types);
    return { field: v.field, index_type: v.index_type, ms_per_vector: perVector, ms_per_document: perVector * v.per_document };
  });
  const total = base + text + sparse + nested + vectors.reduce((s, v) => s + v.ms_per_document, 0);
  return { base_ms: base, text_ms: text, sparse_ms: sparse, nested_ms: nested, vectors, total_ms: total };
}

/** The indexing load one index puts on the data tier at peak, recorded in the basis when `d` is given. */
export function indexingLoad(input: IndexingInput, data: IngestData, types: IndexTypesData, d?: Derivation): IndexingLoad {
  const cost = documentIndexingMs(input.document, data, types);
  const threads = (input.docs_per_second * input.copies * cost.total_ms) / 1000;
  if (d) for (const e of indexingBasis(input, cost, threads, data)) d.note(e);
  return { index: input.index, docs_per_second: input.docs_per_second, copies: input.copies, ms_per_document: cost.total_ms, cost, threads_needed: threads };
}

/**
 * Indexing threads the fullest data node keeps busy: its share of the shard copies. Each copy
 * indexes docs_per_second / primaries documents, so a node holding k of the total shard copies
 * carries k / total_shards of the tier's indexing threads.
 */
export function nodeIndexingThreads(threadsNeeded: number, shardCopiesOnNode: number, totalShards: number): number {
  return totalShards > 0 ? (threadsNeeded * shardCopiesOnNode) / totalShards : 0;
}

function indexingBasis(input: IndexingInput, cost: DocumentCost, threads: number, data: IngestData): BasisEntry[] {
  const ix = data.indexing;
  const scope = `[${input.index}]`;
  const constants: [string, { kind: string; value: number; unit: string; description?: string; source: string }][] = [
    ['document_base_ms', ix.document_base_ms],
    ['text_ms_per_kb', ix.text_ms_per_kb],
    ['sparse_ms_per_token', ix.sparse_ms_per_token],
    ['nested_document_ms', ix.nested_document_ms],
    ['hnsw_ms_per_vector', ix.hnsw_ms_per_vector],
    ['hnsw_work_exponent', ix.hnsw_work_exponent],
    ['graph_merge_multiplier', ix.graph_merge_multiplier],
    ['flat_ms_per_vector', ix.flat_ms_per_vector],
    ['ivf_ms_per_vector', ix.ivf_ms_per_vector],
  ];
  const entries: BasisEntry[] = constants.map(([id, c]) => ({
    id: `ingest.${id}`,
    kind: c.kind === 'constant' ? 'constant' : c.kind === 'policy' ? 'policy' : 'assumption',
    description: c.description ?? id,
    result: c.value,
    unit: c.unit,
    source: `${c.source} (${FILE})`,
  }));
  for (const v of cost.vectors) {
    const shape = input.document.vectors.find((x) => x.field === v.field);
    entries.push({
      id: `ingest.vector_ms${scope}[${v.field}]`,
      kind: 'formula',
      description: `CPU time to index one ${v.index_type} vector into one shard copy`,
      expression: 'hnsw: hnsw_ms_per_vector x dims / reference_dims x (m x ef_construction / (reference_m x reference_ef_construction))^hnsw_work_exponent x quantized_build_ratio x graph_merge_multiplier; flat: flat_ms_per_vector x dims / reference_dims; ivf: ivf_ms_per_vector x dims / reference_dims',
      inputs: { dims: shape?.dims ?? 0, m: shape?.m ?? 0, ef_construction: shape?.ef_construction ?? 0, per_document: shape?.per_document ?? 0 },
      result: v.ms_per_vector,
      unit: 'ms',
      source: `esplan indexing model (${FILE} indexing.*)`,
    });
  }
  entries.push(
    {
      id: `ingest.ms_per_document${scope}`,
      kind: 'formula',
      description: 'CPU time one shard copy spends indexing one document',
      expression: 'document_base_ms + text_bytes / 1000 x text_ms_per_kb + sparse_tokens x sparse_ms_per_token + nested_documents x nested_document_ms + sum(vector_ms x per_document)',
      inputs: {
        text_bytes: input.document.text_bytes,
        sparse_tokens: input.document.sparse_tokens,
        nested_documents: input.document.nested_documents,
        vector_ms_per_document: cost.vectors.reduce((s, v) => s + v.ms_per_document, 0),
      },
      result: cost.total_ms,
      unit: 'ms',
      source: `esplan indexing model (${FILE} indexing.*)`,
    },
    {
      id: `ingest.indexing_threads${scope}`,
      kind: 'formula',
      description: 'Indexing threads (vCPU) the data tier keeps busy at peak ingest: every copy indexes every document',
      expression: 'ingest_docs_per_second x copies x ms_per_document / 1000',
      inputs: { ingest_docs_per_second: input.docs_per_second, copies: input.copies, ms_per_document: cost.total_ms },
      result: threads,
      unit: 'threads',
      source: `esplan indexing model (${FILE}); replicas re-index each document: Elasticsearch reference, Tune for indexing speed (https://www.elastic.co/guide/en/elasticsearch/reference/current/tune-for-indexing-speed.html, 'Disable replicas for initial loads')`,
    },
  );
  return entries;
}
