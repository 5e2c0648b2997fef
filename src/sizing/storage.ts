/**
 * Disk outside the vector files, and growth: documents at the horizon, _source with the index
 * structures of the other fields, and vector values kept in _source on versions before 9.2.
 */
import type { Warning } from '../model/plan.js';
import { compareVersions } from '../model/version.js';
import type { Corpus, VectorField } from '../model/workload.js';
import type { Derivation } from './derivation.js';

export interface Horizon {
  documents: number;
  growth_factor: number;
  /** True when the workload plans growth (a rate above 0 over at least one month). */
  growth_planned: boolean;
}

export function documentsAtHorizon(d: Derivation, corpus: Corpus): Horizon {
  const { monthly_rate, months } = corpus.growth;
  const growth = d.eval('corpus.growth_factor', { monthly_rate, months });
  const documents = d.eval('corpus.documents_at_horizon', { documents: corpus.documents, growth_factor: growth });
  return { documents, growth_factor: growth, growth_planned: monthly_rate > 0 && months > 0 };
}

/** _source and the inverted index/doc values of the non-vector fields, one copy. */
export function sourceBytes(d: Derivation, documents: number, bytesPerDocument: number, overheadOverride?: number): number {
  let ratio: number;
  if (overheadOverride !== undefined) {
    ratio = overheadOverride;
    d.note({
      id: 'storage.index_overhead_ratio',
      kind: 'assumption',
      description: 'Index structures of the non-vector fields as a share of _source, set in the workload',
      result: ratio,
      unit: 'ratio',
      source: 'workload assumptions.index_overhead_ratio',
    });
  } else {
    ratio = d.num('storage.index_overhead_ratio');
  }
  return d.eval('storage.source_bytes', {
    documents,
    source_bytes_per_document: bytesPerDocument,
    index_overhead_ratio: ratio,
  });
}

/**
 * _source with text_fields or keyword_fields given: their index structures are sized per field,
 * so the overhead ratio covers only the rest of each document's _source.
 */
export function describedSourceBytes(d: Derivation, documents: number, bytesPerDocument: number, describedPerDocument: number, overheadOverride?: number): number {
  const ratio = overheadOverride ?? d.num('storage.index_overhead_ratio');
  return d.eval('storage.source_bytes_with_described_fields', {
    documents,
    source_bytes_per_document: bytesPerDocument,
    index_overhead_ratio: ratio,
    other_bytes_per_document: Math.max(0, bytesPerDocument - describedPerDocument),
  });
}

export interface SourceVectors {
  bytes: number;
  warnings: Warning[];
}

/** Whether vector values are kept in _source: index.source_vectors when set, else by version (kept before 9.2). */
export function sourceVectorsKept(version: string, excludedSince: string, setting?: boolean): boolean {
  return setting ?? compareVersions(version, excludedSince) < 0;
}

/**
 * Before 9.2, new indices keep vector values in _source as JSON text; from 9.2 they are excluded
 * by default (index.mapping.exclude_source_vectors), so they cost nothing there.
 * `setting` is index.source_vectors: when given it decides instead of the version.
 */
export function sourceVectorBytes(
  d: Derivation,
  version: string,
  fields: ReadonlyArray<{ field: VectorField; vectors: number }>,
  setting?: boolean,
): SourceVectors {
  const since = d.str('storage.exclude_source_vectors_since');
  const kept = sourceVectorsKept(version, since, setting);
  if (setting !== undefined) {
    d.note({
      id: 'storage.source_vectors',
      kind: 'policy',
      description: `Vector values ${kept ? 'kept in' : 'left out of'} _source, as the workload sets (index.source_vectors)`,
      result: kept ? 'kept' : 'excluded',
      source: 'workload index.source_vectors',
    });
  }
  if (fields.length === 0 || !kept) return { bytes: 0, warnings: [] };
  let bytes = 0;
  for (const { field, vectors } of fields) {
    const perElement = d.num(`storage.source_json_bytes_per_element.${field.element_type}`);
    bytes += d.eval('storage.source_vector_bytes', { vectors, dims: field.dims, json_bytes_per_element: perElement }, field.field);
  }
  const message =
    setting === undefined
      ? `Elasticsearch ${version} keeps vector values in _source as JSON (about ${formatGiB(bytes)} per copy here); Elasticsearch ${since}+ excludes them by default. Before ${since}, exclude them with _source.excludes or use synthetic _source.`
      : `index.source_vectors: true keeps vector values in _source as JSON (about ${formatGiB(bytes)} per copy here); set it to false (or leave it out${compareVersions(version, since) >= 0 ? `: Elasticsearch ${since}+ excludes them by default` : ''}) unless you need the vectors stored there.`;
  return { bytes, warnings: [{ code: 'VECTORS_IN_SOURCE', message }] };
}

function formatGiB(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}
