/**
 * A workload's indices, one normalised entry each: the single-index form (today's top-level
 * sections) is one index; the multi-index form is its `indices` list. Everything that sizes,
 * plans or writes an index reads it through here, never the top-level sections directly.
 */
import type {
  Codec,
  Corpus,
  IndexEntry,
  KeywordField,
  SemanticTextField,
  SparseVectorField,
  Tenancy,
  TextField,
  VectorField,
  Workload,
  IndexWorkload,
} from './workload.js';
import { indexNameFrom } from './workload.js';

export interface IndexSpec {
  name: string;
  /** The index section with its name and codec filled in. */
  index: { name: string; primaries?: number | undefined; force_merged?: boolean | undefined; source_vectors?: boolean | undefined; codec: Codec };
  corpus: Corpus;
  vectors: VectorField[];
  text_fields: TextField[];
  keyword_fields: KeywordField[];
  sparse_vectors: SparseVectorField[];
  semantic_text: SemanticTextField[];
  tenancy?: Tenancy;
  /** indices[i].availability.replicas, else availability.replicas. */
  replicas: number;
  /** indices[i].search.peak_qps, else search.peak_qps: every query searches every index. */
  peak_qps?: number;
}

export function indicesOf(workload: Workload): IndexSpec[] {
  if (workload.indices) return workload.indices.map((entry) => fromEntry(workload, entry));
  // The schema refuses a single-index workload without corpus, so this holds after parsing.
  if (!workload.corpus) throw new Error('workload has neither corpus nor indices (not a parsed workload)');
  const name = workload.index?.name ?? indexNameFrom(workload.name);
  return [
    spec(workload, {
      index: { ...workload.index, name },
      corpus: workload.corpus,
      vectors: workload.vectors ?? [],
      text_fields: workload.text_fields,
      keyword_fields: workload.keyword_fields,
      sparse_vectors: workload.sparse_vectors,
      semantic_text: workload.semantic_text,
      tenancy: workload.tenancy,
    }),
  ];
}

/** True when the workload lists its indices (the plan then has no top-level shards). */
export function isMultiIndex(workload: Workload): boolean {
  return workload.indices !== undefined;
}

function fromEntry(workload: Workload, entry: IndexEntry): IndexSpec {
  return spec(workload, entry, entry.availability?.replicas, entry.search?.peak_qps);
}

type Sections = Pick<IndexEntry, 'corpus' | 'vectors' | 'text_fields' | 'keyword_fields' | 'sparse_vectors' | 'semantic_text' | 'tenancy'> & {
  index: Omit<IndexSpec['index'], 'codec'> & { codec?: Codec | undefined };
};

function spec(workload: Workload, s: Sections, replicas?: number, peakQps?: number): IndexSpec {
  const peak = peakQps ?? workload.search.peak_qps;
  return {
    name: s.index.name,
    index: { ...s.index, codec: s.index.codec ?? 'default' },
    corpus: s.corpus,
    vectors: s.vectors,
    text_fields: s.text_fields ?? [],
    keyword_fields: s.keyword_fields ?? [],
    sparse_vectors: s.sparse_vectors ?? [],
    semantic_text: s.semantic_text ?? [],
    ...(s.tenancy ? { tenancy: s.tenancy } : {}),
    replicas: replicas ?? workload.availability.replicas,
    ...(peak !== undefined ? { peak_qps: peak } : {}),
  };
}

/**
 * The workload as if it held only this index, in the single-index form: what the per-index
 * sizing and search-load code reads (its replicas and peak rate are the index's own).
 */
export function workloadForIndex(workload: Workload, ix: IndexSpec): IndexWorkload {
  const { indices: _indices, ...rest } = workload;
  return {
    ...rest,
    index: ix.index,
    corpus: ix.corpus,
    vectors: ix.vectors,
    ...(ix.text_fields.length ? { text_fields: ix.text_fields } : {}),
    ...(ix.keyword_fields.length ? { keyword_fields: ix.keyword_fields } : {}),
    ...(ix.sparse_vectors.length ? { sparse_vectors: ix.sparse_vectors } : {}),
    ...(ix.semantic_text.length ? { semantic_text: ix.semantic_text } : {}),
    ...(ix.tenancy ? { tenancy: ix.tenancy } : {}),
    availability: { ...workload.availability, replicas: ix.replicas },
    search: { ...workload.search, ...(ix.peak_qps !== undefined ? { peak_qps: ix.peak_qps } : {}) },
  };
}
