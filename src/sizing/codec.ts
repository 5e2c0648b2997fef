/**
 * index.codec: what best_compression saves on _source (stored fields). The default codec credits
 * nothing and records nothing, so plans that keep it are exactly today's (_source counted raw).
 */
import type { Derivation } from './derivation.js';

export type IndexCodec = 'default' | 'best_compression';

/**
 * _source bytes the codec saves for one copy, to subtract from the source bytes. Only the
 * documents' own _source is credited: vectors kept in _source as JSON (random digits) and every
 * index structure (postings, doc values, vector files) are not stored fields.
 */
export function sourceCodecSavedBytes(d: Derivation, codec: IndexCodec, documents: number, sourceBytesPerDocument: number): number {
  if (codec === 'default') return 0;
  return d.eval('codec.source_saved_bytes', {
    documents,
    source_bytes_per_document: sourceBytesPerDocument,
    credit: d.num('codec.best_compression_source_credit'),
  });
}
