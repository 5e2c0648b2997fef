/**
 * What `esplan check` reads of a live cluster, as plain data: the reader (read-snapshot.ts, the
 * only part doing I/O) fills it from Elasticsearch's replies; the audit (findings.ts and its
 * neighbours, pure) compares it with the plan. Units are bytes and counts as Elasticsearch reports
 * them; nothing here is derived by esplan except where a comment says so.
 *
 * "Not measurable" is never a zero: a stat the cluster's version does not report is `null`
 * (off-heap stats before 9.1, DiskBBQ centroid and posting-list files before 9.3).
 */

/** Lucene vector file extensions Elasticsearch reports off-heap sizes for (_stats dense_vector.off_heap). */
export const VECTOR_FILE_EXTS = ['veb', 'vec', 'veq', 'vex', 'cenivf', 'clivf'] as const;
export type VectorFileExt = (typeof VECTOR_FILE_EXTS)[number];
/** Bytes per file extension; an extension the reply omits is absent (a field with no data of that kind). */
export type VectorFileBytes = Partial<Record<VectorFileExt, number>>;

export interface SnapshotNode {
  id: string;
  name: string;
  roles: string[];
  attributes: Record<string, string>;
  /** jvm.mem.heap_max_in_bytes */
  heap_max_bytes: number;
  /** os.mem.adjusted_total_in_bytes when present, else os.mem.total_in_bytes */
  ram_bytes: number;
  ram_source: 'adjusted_total_in_bytes' | 'total_in_bytes';
  /** fs.total.total_in_bytes / available_in_bytes */
  disk_total_bytes: number;
  disk_available_bytes: number;
  /** indices.dense_vector.value_count over every shard copy on the node (replicas included). */
  vector_value_count: number;
  /**
   * indices.dense_vector.off_heap.total_<ext>_size_bytes of the node (every copy on it); null on
   * versions without off-heap stats (before 9.1). cenivf/clivf absent before 9.3.
   */
  off_heap: VectorFileBytes | null;
}

export interface SnapshotVectorMapping {
  /** Dotted path of the dense_vector field (semantic_text: `<field>.inference.chunks.embeddings` is not listed here; see semantic_text). */
  path: string;
  dims?: number;
  /** element_type; Elasticsearch omits it for float. */
  element_type: string;
  index: boolean;
  similarity?: string;
  /** index_options as GET _mapping shows them (resolved defaults included from 8.14); absent when the mapping has none. */
  index_options?: {
    type: string;
    m?: number;
    ef_construction?: number;
    confidence_interval?: number;
    oversample?: number;
    cluster_size?: number;
    bits?: number;
  };
}

export interface SnapshotFieldOffHeap {
  /** Field path as the per-field map keys it (semantic_text: `<field>.inference.chunks.embeddings`). */
  field: string;
  /** `primaries.dense_vector.off_heap.fielddata.<field>.<ext>_size_bytes` (one copy of each shard). */
  primaries: VectorFileBytes;
}

export interface SnapshotIndex {
  /** The concrete index name. */
  name: string;
  /** index.number_of_shards / number_of_replicas from _settings (strings there, numbers here). */
  primaries: number;
  replicas: number;
  /** _cluster/state/metadata/<index> routing_num_shards (never _settings: ES issue #109656). */
  routing_num_shards: number;
  /** Lucene documents in primaries (_stats primaries.docs.count; nested chunk documents included). */
  docs_count: number;
  /** Bytes of the primaries (_stats primaries.store.size_in_bytes). */
  primary_store_bytes: number;
  /** dense_vector fields of the mapping. */
  vector_mappings: SnapshotVectorMapping[];
  /** semantic_text fields of the mapping: name and inference_id. */
  semantic_text: { path: string; inference_id: string }[];
  /** primaries.dense_vector.value_count: vectors in one copy, every field together. */
  vector_value_count: number;
  /** Per-field off-heap bytes (9.1+); null before 9.1. */
  off_heap_fields: SnapshotFieldOffHeap[] | null;
  /** The same section's totals, `primaries.dense_vector.off_heap.total_<ext>_size_bytes`; null before 9.1. */
  off_heap_primaries: VectorFileBytes | null;
  /** POST <index>/_disk_usage?run_expensive_tasks=true, only with --disk-usage: knn_vectors_in_bytes per field (one copy). */
  disk_usage?: Record<string, number>;
}

export interface SnapshotShardCopy {
  index: string;
  shard: number;
  primary: boolean;
  /** STARTED, RELOCATING, INITIALIZING, UNASSIGNED */
  state: string;
  /** Node id (_cat/shards `id`); null when unassigned. */
  node_id: string | null;
  docs: number | null;
  store_bytes: number | null;
  /** This copy's off-heap totals (_stats level=shards dense_vector.off_heap.total_*); null before 9.1. */
  off_heap: VectorFileBytes | null;
}

export interface ClusterSnapshot {
  cluster: { name: string; uuid: string; version: string };
  /** When the snapshot was read (ISO 8601). */
  read_at: string;
  nodes: SnapshotNode[];
  /** cluster.routing.allocation.awareness.* as in effect (persistent over transient over defaults). */
  awareness: { attributes: string[]; force: Record<string, string[]> };
  /** The concrete indices matching each plan index's patterns (`<name>`, `<name>-*`), by plan index name. */
  indices: Record<string, SnapshotIndex[]>;
  shards: SnapshotShardCopy[];
}
