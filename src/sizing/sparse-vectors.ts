/**
 * sparse_vector fields (ELSER, SPLADE), one copy: each non-zero token is a term whose weight
 * Lucene keeps as a term frequency, so the field costs postings per stored token. Pruning is a
 * query-time setting and never shrinks these postings; the basis says so (sparse_vector.pruning_note).
 */
import type { SparseVectorSizing } from '../model/plan.js';
import type { Derivation } from './derivation.js';
import type { SparseVectorField } from './field-specs.js';
import type { FieldSizingResult } from './text-fields.js';

export interface SparsePostings {
  token_count: number;
  resident_share: number;
  ram_bytes: number;
  disk_bytes: number;
}

/**
 * Postings of `perDocument` sparse values of `tokensPerValue` tokens each, for `documents`
 * documents; shared by sparse_vector fields and sparse semantic_text chunks. `scope` names the field.
 */
export function sparsePostings(d: Derivation, scope: string, documents: number, perDocument: number, tokensPerValue: number): SparsePostings {
  d.str('sparse_vector.pruning_note');
  const tokens = d.eval('sparse_vector.token_count', { documents, per_document: perDocument, tokens_per_document: tokensPerValue }, scope);
  const disk = d.eval('sparse_vector.postings_bytes', { tokens, bytes_per_token: d.num('sparse_vector.postings_bytes_per_token') }, scope);
  const share = d.num('sparse_vector.resident_share');
  const ram = d.eval('fields.resident_bytes', { bytes: disk, resident_share: share }, scope);
  return { token_count: tokens, resident_share: share, ram_bytes: ram, disk_bytes: disk };
}

/** One sparse_vector field at `documents` (documents at the horizon), one copy. */
export function sizeSparseVectorField(d: Derivation, field: SparseVectorField, documents: number): FieldSizingResult<SparseVectorSizing> {
  const tokens = field.tokens_per_document ?? d.num('sparse_vector.default_tokens_per_document');
  const postings = sparsePostings(d, field.field, documents, field.per_document, tokens);
  return {
    sizing: {
      field: field.field,
      tokens_per_document: tokens,
      per_document: field.per_document,
      token_count: postings.token_count,
      resident_share: postings.resident_share,
      ram_bytes: postings.ram_bytes,
      disk_bytes: postings.disk_bytes,
    },
    warnings: [],
  };
}
