/**
 * Input shapes of the non-vector field kinds, after the workload schema has filled its defaults
 * (issue 13 contract). Defined here until src/model/workload.ts exports TextField, KeywordField,
 * SparseVectorField and SemanticTextField; then these become re-exports of those types.
 */
import type { ElementType } from '../data/index-types.js';
import type { MULTI_FIELD_KINDS } from '../model/plan.js';

export type MultiFieldKind = (typeof MULTI_FIELD_KINDS)[number];

export interface TextField {
  field: string;
  /** Exactly one of words_per_document and bytes_per_document is set (the schema checks it). */
  words_per_document?: number;
  bytes_per_document?: number;
  analyzer: string;
  multi_fields: MultiFieldKind[];
}

export interface KeywordField {
  field: string;
  bytes_per_value?: number;
  values_per_document: number;
}

export interface SparseVectorField {
  field: string;
  tokens_per_document?: number;
  per_document: number;
}

export interface SemanticTextField {
  field: string;
  words_per_document: number;
  inference_id?: string;
  chunking?: {
    strategy: 'sentence' | 'word' | 'none';
    max_chunk_size?: number;
    sentence_overlap?: number;
    overlap?: number;
  };
}

/** The inference endpoint a semantic_text field uses, resolved by the caller (formulas/inference.json). */
export interface InferenceEndpoint {
  inference_id: string;
  kind: 'sparse' | 'dense';
  /** Dense only. */
  dims?: number;
  /** Dense only. */
  element_type?: ElementType;
}
