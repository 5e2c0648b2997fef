/**
 * semantic_text fields, one copy. Elasticsearch splits each document's text into chunks (the
 * chunking settings), stores each chunk as one hidden nested Lucene document with its character
 * offsets and one embedding from the inference endpoint:
 * - sparse endpoints (ELSER): the embeddings are sparse_vector postings, sized here;
 * - dense endpoints: the embeddings are a dense_vector of chunks_per_document vectors per document,
 *   sized here with sizeVectorField and returned as `vector`, so the caller lists it in vectors[]
 *   and counts its ram in vector_ram_bytes like any vector field.
 */
import { elementTypeInfo, type ElementType, type IndexType, type License } from '../data/index-types.js';
import type { InferenceData } from '../data/inference.js';
import type { SizingData } from '../data/model-data.js';
import type { SemanticTextSizing, VectorSizing, Warning } from '../model/plan.js';
import { compareVersions } from '../model/version.js';
import type { ConstantSet, VectorField } from '../model/workload.js';
import type { Derivation } from './derivation.js';
import type { SemanticEndpoint, SemanticTextField } from './field-specs.js';
import { resolveAutoIndexType } from './resolve-index-type.js';
import { sparsePostings } from './sparse-vectors.js';
import { sizeVectorField } from './vectors.js';
import type { CalibrationEntry } from '../model/calibration.js';
import type { SizingCalibration } from './calibration.js';

export interface SemanticTextRequest {
  field: SemanticTextField;
  /** The endpoint field.inference_id names, or the default for the version and deployment. */
  endpoint: SemanticEndpoint;
  /** formulas/inference.json dense_defaults: how semantic_text maps a dense embedding by version. */
  dense_defaults: InferenceData['dense_defaults'];
  /** Documents at the horizon. */
  documents: number;
  version: string;
  license: License;
  constants: ConstantSet;
  /** recommend --calibration FILE: a dense embedding whose key has an entry is sized from it. */
  calibration?: SizingCalibration;
}

export interface SemanticTextResult {
  sizing: SemanticTextSizing;
  /** Dense endpoints only: the chunk embeddings as a vector field, for vectors[] and vector_ram_bytes. */
  vector?: VectorSizing;
  warnings: Warning[];
  /** Dense, with a calibration: the entry the embedding was sized from, or null when none matched. */
  calibrated?: CalibrationEntry | null;
}

export type ChunkingStrategy = SemanticTextSizing['chunking_strategy'];

export interface Chunks {
  strategy: ChunkingStrategy;
  chunks_per_document: number;
  chunk_count: number;
}

/**
 * Chunks per document and at the horizon. Missing settings take the endpoint defaults of the
 * version: sentence (250 words, 1 sentence overlap) from 8.16, word (250 words, 100 overlap) before.
 */
/** `defaultChunkSize`: Elasticsearch's max_chunk_size when the settings leave it out (formulas/limits.json chunking.default_max_chunk_size). */
export function semanticTextChunks(d: Derivation, field: SemanticTextField, documents: number, version: string, defaultChunkSize: number): Chunks {
  const name = field.field;
  const chunking = field.chunking;
  const sentenceSince = d.str('semantic_text.chunking.sentence_default_since');
  const strategy: ChunkingStrategy =
    chunking?.strategy ?? (compareVersions(version, sentenceSince) >= 0 ? (d.str('semantic_text.chunking.default_strategy') as ChunkingStrategy) : 'word');

  let perDocument: number;
  if (strategy === 'none') {
    // chunking turned off: the whole text is one chunk (services truncate long inputs).
    perDocument = 1;
    d.note({
      id: `semantic_text.chunks_per_document[${name}]`,
      kind: 'policy',
      description: `Chunking strategy none: each document of ${name} is one chunk`,
      result: 1,
      unit: 'chunks/document',
      source: 'workload semantic_text[].chunking.strategy: none (ELSER inference API docs: none turns chunking off)',
    });
  } else {
    const maxChunk = chunking?.max_chunk_size ?? defaultChunkSize;
    if (chunking?.max_chunk_size === undefined) {
      d.note({
        id: 'chunking.default_max_chunk_size',
        kind: 'constant',
        description: "Words per chunk when the chunking settings leave max_chunk_size out (Elasticsearch's default)",
        result: defaultChunkSize,
        unit: 'words',
        source: 'formulas/limits.json chunking.default_max_chunk_size (ChunkingSettingsBuilder DEFAULT_SETTINGS)',
      });
    }
    const overlapWords =
      strategy === 'sentence'
        ? d.eval(
            'semantic_text.sentence_overlap_words',
            {
              sentence_overlap: chunking?.sentence_overlap ?? d.num('semantic_text.chunking.default_sentence_overlap'),
              sentence_words: d.num('semantic_text.sentence_words'),
              max_chunk_size: maxChunk,
            },
            name,
          )
        : d.eval(
            'semantic_text.word_overlap_words',
            { overlap: chunking?.overlap ?? d.num('semantic_text.chunking.default_word_overlap'), max_chunk_size: maxChunk },
            name,
          );
    perDocument = d.eval(
      'semantic_text.chunks_per_document',
      { words_per_document: field.words_per_document, overlap_words: overlapWords, max_chunk_size: maxChunk },
      name,
    );
  }
  const count = d.eval('semantic_text.chunk_count', { documents, chunks_per_document: perDocument }, name);
  return { strategy, chunks_per_document: perDocument, chunk_count: count };
}

/** One semantic_text field, one copy. `data` is formulas/ as loaded at the edge. */
export function sizeSemanticTextField(d: Derivation, data: SizingData, req: SemanticTextRequest): SemanticTextResult {
  const { field, endpoint } = req;
  const name = field.field;
  const warnings: Warning[] = [];
  const chunks = semanticTextChunks(d, field, req.documents, req.version, data.limits.chunking.default_size);
  const offsets = d.eval(
    'semantic_text.offsets_bytes',
    { chunks: chunks.chunk_count, bytes_per_chunk: d.num('semantic_text.offsets_bytes_per_chunk') },
    name,
  );
  d.note({
    id: `semantic_text.inference_id[${name}]`,
    kind: 'policy',
    description: `Inference endpoint of ${name}: ${endpoint.inference_id} (${endpoint.kind})`,
    result: endpoint.inference_id,
    source: endpoint.source,
  });

  const common = {
    field: name,
    inference_id: endpoint.inference_id,
    kind: endpoint.kind,
    chunking_strategy: chunks.strategy,
    chunks_per_document: chunks.chunks_per_document,
    chunk_count: chunks.chunk_count,
    offsets_disk_bytes: offsets,
  };

  if (endpoint.kind === 'sparse') {
    // Tokens per chunk: the one published ELSER count (a 48-word passage); no figure exists for
    // 250-word chunks, so the basis entry names the assumption the user can check.
    const tokens = d.num('sparse_vector.default_tokens_per_document');
    const postings = sparsePostings(d, name, req.documents, chunks.chunks_per_document, tokens);
    return {
      sizing: {
        ...common,
        tokens_per_chunk: tokens,
        embedding_ram_bytes: postings.ram_bytes,
        embedding_disk_bytes: postings.disk_bytes,
        ram_bytes: postings.ram_bytes,
        disk_bytes: offsets + postings.disk_bytes,
      },
      warnings,
    };
  }

  if (endpoint.dims === undefined || endpoint.element_type === undefined) {
    throw new Error(`semantic_text ${name}: dense endpoint ${endpoint.inference_id} needs dims and element_type`);
  }
  const elementType = semanticTextElementType(d, req.dense_defaults, req.version, endpoint.element_type, name);
  const resolved = semanticTextIndexType(d, data, req.dense_defaults, req.version, req.license, elementType, endpoint.dims);
  d.note({
    id: `index_type[${name}]`,
    kind: 'policy',
    description: `Index type for ${name}: ${resolved.index_type} (${resolved.reason})`,
    result: resolved.index_type,
    source: resolved.source,
  });
  const vectorField: VectorField = {
    field: name,
    dims: endpoint.dims,
    element_type: elementType,
    per_document: chunks.chunks_per_document,
    index_type: resolved.index_type,
    m: data.limits.hnswMDefault,
    ef_construction: data.limits.efConstructionDefault,
  };
  const vector = sizeVectorField(d, data.indexTypes, {
    field: vectorField,
    index_type: resolved.index_type,
    index_type_reason: resolved.reason,
    documents: req.documents,
    version: req.version,
    constants: req.constants,
    ...(req.calibration ? { calibration: req.calibration } : {}),
  });
  warnings.push(...vector.warnings);
  return {
    sizing: {
      ...common,
      dims: endpoint.dims,
      element_type: elementType,
      index_type: resolved.index_type,
      embedding_ram_bytes: vector.sizing.ram_bytes,
      embedding_disk_bytes: vector.sizing.disk_bytes,
      ram_bytes: vector.sizing.ram_bytes,
      disk_bytes: offsets + vector.sizing.disk_bytes,
    },
    vector: vector.sizing,
    warnings,
    ...(vector.calibrated !== undefined ? { calibrated: vector.calibrated } : {}),
  };
}

interface ResolvedType {
  index_type: IndexType;
  reason: string;
  source: string;
}

/**
 * Element type semantic_text maps for a dense endpoint: bfloat16 (2 bytes per dimension) for float
 * endpoints from dense_defaults.bfloat16_since, else the endpoint's own.
 */
export function semanticTextElementType(
  d: Derivation,
  defaults: InferenceData['dense_defaults'],
  version: string,
  endpointType: ElementType,
  name: string,
): ElementType {
  const bfloat16 = endpointType === 'float' && compareVersions(version, defaults.bfloat16_since) >= 0;
  const type: ElementType = bfloat16 ? 'bfloat16' : endpointType;
  d.note({
    id: `semantic_text.element_type[${name}]`,
    kind: 'policy',
    description: bfloat16
      ? `semantic_text on Elasticsearch ${defaults.bfloat16_since}+ stores float embeddings as bfloat16`
      : `semantic_text keeps the endpoint's ${endpointType} element type before ${defaults.bfloat16_since}`,
    result: type,
    source: `${defaults.source} (formulas/inference.json dense_defaults)`,
  });
  return type;
}

/**
 * semantic_text maps its dense embedding itself: bbq_hnsw when dims reach dense_defaults.bbq_min_dims
 * from dense_defaults.bbq_hnsw_since, otherwise the dense_vector default of the version (without
 * bbq_disk below the BBQ minimum).
 */
export function semanticTextIndexType(
  d: Derivation,
  data: SizingData,
  defaults: InferenceData['dense_defaults'],
  version: string,
  license: License,
  elementType: ElementType,
  dims: number,
): ResolvedType {
  const quantizable = elementTypeInfo(data.indexTypes, elementType).quantizable;
  if (quantizable && compareVersions(version, defaults.bbq_hnsw_since) >= 0 && dims >= defaults.bbq_min_dims) {
    return {
      index_type: 'bbq_hnsw',
      reason: `semantic_text default on Elasticsearch ${defaults.bbq_hnsw_since}+ for ${defaults.bbq_min_dims} dims or more`,
      source: `${defaults.source} (formulas/inference.json dense_defaults)`,
    };
  }
  const auto = resolveAutoIndexType(data.indexTypes, version, license, elementType, dims);
  if (auto.index_type === 'bbq_disk' && dims < data.limits.bbqMinDims) {
    const fallback = resolveAutoIndexType(data.indexTypes, version, 'basic', elementType, dims);
    return { ...fallback, reason: `${fallback.reason}; bbq_disk needs at least ${data.limits.bbqMinDims} dims` };
  }
  return auto;
}
