/**
 * The stand-in's data: indices with their shard copies, and the read-only endpoints `esplan check`
 * reads, answering in Elasticsearch 9.x's shapes and units (shared/research/live-stats.md): node
 * stats (jvm, os, fs, indices.dense_vector with off-heap totals only), index stats (primaries,
 * total, per-index per-field `fielddata` map with empty categories left out, per-copy sections with
 * level=shards), `_cat/shards` (strings with bytes=b), index settings (strings), mappings, cluster
 * state metadata (routing_num_shards) and `_disk_usage`. Version gates: off_heap from 9.1, the
 * DiskBBQ keys (cenivf, clivf) from 9.3. Everything is computed from the copies, so node sums,
 * primaries and totals always agree as they do on a real cluster.
 */
import { EsHttpError, badRequest, esError } from './errors.js';
import { patternsIntersect } from './patterns.js';
import { nest } from './validate.js';
import { loadCheckPolicy } from '../../src/data/check-policy.js';
import { compareVersions } from '../../src/model/version.js';

export const VECTOR_EXTS = ['veb', 'vec', 'veq', 'vex', 'cenivf', 'clivf'] as const;
export type VectorExt = (typeof VECTOR_EXTS)[number];

export interface FakeHardware {
  heap_max_bytes: number;
  ram_total_bytes: number;
  /** os.mem.adjusted_total_in_bytes; absent on old builds. */
  ram_adjusted_bytes?: number;
  disk_total_bytes: number;
  disk_available_bytes: number;
}

export interface FakeVectorStats {
  value_count: number;
  files: Partial<Record<VectorExt, number>>;
}

export interface FakeShardCopy {
  shard: number;
  primary: boolean;
  /** The node's name; null when unassigned. */
  node: string | null;
  state?: 'STARTED' | 'INITIALIZING' | 'RELOCATING' | 'UNASSIGNED';
  docs: number;
  store_bytes: number;
  /** Per vector field path (semantic_text: `<field>.inference.chunks.embeddings`). */
  vectors?: Record<string, FakeVectorStats>;
}

export interface FakeIndex {
  name: string;
  primaries: number;
  replicas: number;
  /** What cluster state metadata reports; _settings never shows it (elastic/elasticsearch#109656). */
  routing_num_shards: number;
  mappings: Record<string, unknown>;
  copies: FakeShardCopy[];
}

export interface NodeView {
  id: string;
  name: string;
  roles: string[];
  attributes: Record<string, string>;
  hardware: FakeHardware;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The gates are sourced facts in esplan's data (formulas/check.json), as the fake's apply gates are. */
const gates = loadCheckPolicy();
const atLeast = (version: string, since: string): boolean => compareVersions(version, since) >= 0;

export class ClusterData {
  constructor(
    readonly indices: FakeIndex[],
    private readonly nodes: () => NodeView[],
    private readonly version: () => string,
  ) {}

  private offHeapEnabled(): boolean {
    return atLeast(this.version(), gates.offHeapStatsSince);
  }

  private extsReported(): readonly VectorExt[] {
    return atLeast(this.version(), gates.diskBbqFilesSince) ? VECTOR_EXTS : VECTOR_EXTS.filter((e) => e !== 'cenivf' && e !== 'clivf');
  }

  /** `a,b-*`: each part an exact name (404 unless ignore_unavailable) or a wildcard pattern (may match nothing). */
  resolve(expression: string, query: Record<string, string>): FakeIndex[] {
    const found = new Map<string, FakeIndex>();
    for (const part of expression.split(',').filter((p) => p !== '')) {
      if (part === '_all' || part.includes('*')) {
        for (const ix of this.indices) if (part === '_all' || patternsIntersect(part, ix.name)) found.set(ix.name, ix);
        continue;
      }
      const ix = this.indices.find((i) => i.name === part);
      if (ix) found.set(ix.name, ix);
      else if (query.ignore_unavailable !== 'true') {
        throw new EsHttpError(
          404,
          esError(404, 'index_not_found_exception', `no such index [${part}]`, { 'resource.type': 'index_or_alias', 'resource.id': part, index_uuid: '_na_', index: part }),
        );
      }
    }
    return [...found.values()].sort((a, b) => cmp(a.name, b.name));
  }

  private nodeId(name: string | null): string | null {
    if (name === null) return null;
    return this.nodes().find((n) => n.name === name)?.id ?? null;
  }

  // --- dense_vector sections ---------------------------------------------------------------

  /** `dense_vector` of a set of copies: value_count, and from 9.1 off_heap totals (and per field when asked). */
  private denseVector(copies: readonly FakeShardCopy[], perField: boolean): Record<string, unknown> {
    let count = 0;
    const totals: Partial<Record<VectorExt, number>> = {};
    const fields = new Map<string, Partial<Record<VectorExt, number>>>();
    const exts = this.extsReported();
    for (const c of copies) {
      for (const [field, v] of Object.entries(c.vectors ?? {})) {
        count += v.value_count;
        const f = fields.get(field) ?? {};
        for (const ext of exts) {
          const b = v.files[ext] ?? 0;
          totals[ext] = (totals[ext] ?? 0) + b;
          if (b > 0) f[ext] = (f[ext] ?? 0) + b;
        }
        fields.set(field, f);
      }
    }
    if (!this.offHeapEnabled()) return { value_count: count };
    const offHeap: Record<string, unknown> = { total_size_bytes: exts.reduce((s, e) => s + (totals[e] ?? 0), 0) };
    for (const ext of exts) offHeap[`total_${ext}_size_bytes`] = totals[ext] ?? 0;
    if (perField) {
      const map: Record<string, unknown> = {};
      for (const [field, f] of [...fields.entries()].sort(([a], [b]) => cmp(a, b))) {
        const entry: Record<string, number> = {};
        // A category with no data is left out of the per-field map.
        for (const ext of exts) if ((f[ext] ?? 0) > 0) entry[`${ext}_size_bytes`] = f[ext]!;
        map[field] = entry;
      }
      offHeap.fielddata = map;
    }
    return { value_count: count, off_heap: offHeap };
  }

  private section(copies: readonly FakeShardCopy[], metrics: Set<string>, perField: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const all = metrics.size === 0 || metrics.has('_all');
    if (all || metrics.has('docs')) out.docs = { count: copies.reduce((s, c) => s + c.docs, 0), deleted: 0 };
    if (all || metrics.has('store')) out.store = { size_in_bytes: copies.reduce((s, c) => s + c.store_bytes, 0), total_data_set_size_in_bytes: copies.reduce((s, c) => s + c.store_bytes, 0), reserved_in_bytes: 0 };
    if (all || metrics.has('dense_vector')) out.dense_vector = this.denseVector(copies, perField);
    return out;
  }

  // --- endpoints -----------------------------------------------------------------------------

  /** GET /<index>/_stats[/<metrics>] (level=indices by default; level=shards adds every assigned copy). */
  indexStats(expression: string, metricsPart: string | undefined, query: Record<string, string>): unknown {
    const metrics = new Set((metricsPart ?? '').split(',').filter((m) => m !== ''));
    const indices = this.resolve(expression, query);
    const assigned = (ix: FakeIndex) => ix.copies.filter((c) => c.node !== null && (c.state ?? 'STARTED') !== 'UNASSIGNED');
    const allCopies = indices.flatMap(assigned);
    const body: Record<string, unknown> = {
      _shards: { total: indices.reduce((s, ix) => s + ix.copies.length, 0), successful: allCopies.length, failed: 0 },
      // The per-field map is emitted only in the per-index sections, never under _all.
      _all: { primaries: this.section(allCopies.filter((c) => c.primary), metrics, false), total: this.section(allCopies, metrics, false) },
    };
    if (query.level === 'cluster') return body;
    const out: Record<string, unknown> = {};
    for (const ix of indices) {
      const copies = assigned(ix);
      const entry: Record<string, unknown> = {
        uuid: `uuid-${ix.name}`,
        health: copies.length === ix.copies.length ? 'green' : 'yellow',
        status: 'open',
        primaries: this.section(copies.filter((c) => c.primary), metrics, true),
        total: this.section(copies, metrics, true),
      };
      if (query.level === 'shards') {
        const shards: Record<string, unknown[]> = {};
        for (const c of copies) {
          (shards[String(c.shard)] ??= []).push({
            routing: { state: c.state ?? 'STARTED', primary: c.primary, node: this.nodeId(c.node), relocating_node: null },
            ...this.section([c], metrics, false),
          });
        }
        entry.shards = shards;
      }
      out[ix.name] = entry;
    }
    body.indices = out;
    return body;
  }

  /** GET /_nodes/stats[/<metrics>[/<index_metric>]]: per node, from the copies it holds. */
  nodeStats(metricsPart: string | undefined, indexMetric: string | undefined): unknown {
    const metrics = new Set((metricsPart ?? '_all').split(','));
    const want = (m: string) => metrics.has('_all') || metrics.has(m);
    const nodes: Record<string, unknown> = {};
    for (const n of this.nodes()) {
      const entry: Record<string, unknown> = { timestamp: 1767225600000, name: n.name, transport_address: '127.0.0.1:9300', host: '127.0.0.1', ip: '127.0.0.1:9300', roles: n.roles, attributes: n.attributes };
      const h = n.hardware;
      if (want('jvm')) entry.jvm = { timestamp: 1767225600000, uptime_in_millis: 1000, mem: { heap_used_in_bytes: Math.floor(h.heap_max_bytes / 3), heap_used_percent: 33, heap_committed_in_bytes: h.heap_max_bytes, heap_max_in_bytes: h.heap_max_bytes, non_heap_used_in_bytes: 0, non_heap_committed_in_bytes: 0 } };
      if (want('os')) {
        entry.os = {
          timestamp: 1767225600000,
          mem: {
            total_in_bytes: h.ram_total_bytes,
            ...(h.ram_adjusted_bytes !== undefined ? { adjusted_total_in_bytes: h.ram_adjusted_bytes } : {}),
            free_in_bytes: Math.floor(h.ram_total_bytes / 10),
            used_in_bytes: h.ram_total_bytes - Math.floor(h.ram_total_bytes / 10),
            free_percent: 10,
            used_percent: 90,
          },
          // cgroup figures are strings (spec CgroupMemory).
          cgroup: { memory: { control_group: '/', limit_in_bytes: String(h.ram_total_bytes), usage_in_bytes: String(Math.floor(h.ram_total_bytes * 0.9)) } },
        };
      }
      if (want('fs')) {
        entry.fs = {
          timestamp: 1767225600000,
          total: { total_in_bytes: h.disk_total_bytes, free_in_bytes: h.disk_available_bytes, available_in_bytes: h.disk_available_bytes },
          data: [{ path: '/usr/share/elasticsearch/data', mount: '/usr/share/elasticsearch/data (/dev/nvme1n1)', type: 'xfs', total_in_bytes: h.disk_total_bytes, free_in_bytes: h.disk_available_bytes, available_in_bytes: h.disk_available_bytes }],
        };
      }
      if (want('indices')) {
        const copies = this.indices.flatMap((ix) => ix.copies.filter((c) => c.node === n.name));
        const im = new Set((indexMetric ?? '_all').split(','));
        const section: Record<string, unknown> = {};
        if (im.has('_all') || im.has('docs')) section.docs = { count: copies.reduce((s, c) => s + c.docs, 0), deleted: 0 };
        if (im.has('_all') || im.has('store')) section.store = { size_in_bytes: copies.reduce((s, c) => s + c.store_bytes, 0) };
        // Node stats always include off_heap (9.1+), totals only: no per-field map.
        if (im.has('_all') || im.has('dense_vector')) section.dense_vector = this.denseVector(copies, false);
        entry.indices = section;
      }
      nodes[n.id] = entry;
    }
    const count = Object.keys(nodes).length;
    return { _nodes: { total: count, successful: count, failed: 0 }, cluster_name: 'fake-cluster', nodes };
  }

  /** GET /_cat/shards[/<index>]?format=json&bytes=b&h=...: one row per copy, values as strings. */
  catShards(expression: string | undefined, query: Record<string, string>): unknown {
    const indices = expression === undefined ? [...this.indices].sort((a, b) => cmp(a.name, b.name)) : this.resolve(expression, query);
    const columns = (query.h ?? 'index,shard,prirep,state,docs,store,ip,node').split(',');
    const rows = indices.flatMap((ix) =>
      [...ix.copies]
        .sort((a, b) => a.shard - b.shard || Number(b.primary) - Number(a.primary))
        .map((c) => {
          const unassigned = c.node === null || c.state === 'UNASSIGNED';
          const bytes = query.bytes === 'b' ? String(c.store_bytes) : `${(c.store_bytes / 1024 ** 2).toFixed(1)}mb`;
          const all: Record<string, string | null> = {
            index: ix.name,
            shard: String(c.shard),
            prirep: c.primary ? 'p' : 'r',
            state: unassigned ? 'UNASSIGNED' : (c.state ?? 'STARTED'),
            docs: unassigned ? null : String(c.docs),
            store: unassigned ? null : bytes,
            ip: unassigned ? null : '127.0.0.1',
            id: unassigned ? null : this.nodeId(c.node),
            node: unassigned ? null : c.node,
          };
          return Object.fromEntries(columns.map((k) => [k, all[k] ?? null]));
        }),
    );
    if (query.format === 'json') return rows;
    return rows.map((r) => Object.values(r).map((v) => v ?? '').join(' ')).join('\n') + '\n';
  }

  /** GET /_cat/indices[/<index>]?format=json&bytes=b: one row per index, counts and bytes as strings. */
  catIndices(expression: string | undefined, query: Record<string, string>): unknown {
    const indices = expression === undefined ? [...this.indices].sort((a, b) => cmp(a.name, b.name)) : this.resolve(expression, query);
    const columns = (query.h ?? 'health,status,index,uuid,pri,rep,docs.count,docs.deleted,store.size,pri.store.size,dataset.size').split(',');
    const rows = indices.map((ix) => {
      const primaries = ix.copies.filter((c) => c.primary);
      const assigned = ix.copies.filter((c) => c.node !== null && c.state !== 'UNASSIGNED');
      const bytes = (b: number) => (query.bytes === 'b' ? String(b) : `${(b / 1024 ** 2).toFixed(1)}mb`);
      const all: Record<string, string> = {
        health: assigned.length === ix.copies.length ? 'green' : primaries.every((c) => c.node !== null) ? 'yellow' : 'red',
        status: 'open',
        index: ix.name,
        uuid: `uuid-${ix.name}`,
        pri: String(ix.primaries),
        rep: String(ix.replicas),
        'docs.count': String(primaries.reduce((s, c) => s + c.docs, 0)),
        'docs.deleted': '0',
        'store.size': bytes(assigned.reduce((s, c) => s + c.store_bytes, 0)),
        'pri.store.size': bytes(primaries.reduce((s, c) => s + c.store_bytes, 0)),
        'dataset.size': bytes(assigned.reduce((s, c) => s + c.store_bytes, 0)),
      };
      return Object.fromEntries(columns.map((k) => [k, all[k] ?? null]));
    });
    if (query.format === 'json') return rows;
    return rows.map((r) => Object.values(r).map((v) => v ?? '').join(' ')).join('\n') + '\n';
  }

  /** GET /<index>/_settings: strings, flat or nested (flat_settings), never routing_num_shards. */
  settings(expression: string, query: Record<string, string>): unknown {
    const out: Record<string, unknown> = {};
    for (const ix of this.resolve(expression, query)) {
      const flat = {
        'index.creation_date': '1767225600000',
        'index.number_of_replicas': String(ix.replicas),
        'index.number_of_shards': String(ix.primaries),
        'index.provided_name': ix.name,
        'index.routing.allocation.include._tier_preference': 'data_content',
        'index.uuid': `uuid-${ix.name}`,
        'index.version.created': '9000000',
      };
      out[ix.name] = { settings: query.flat_settings === 'true' ? flat : nest(flat) };
    }
    return out;
  }

  mappings(expression: string, query: Record<string, string>): unknown {
    const out: Record<string, unknown> = {};
    for (const ix of this.resolve(expression, query)) out[ix.name] = { mappings: structuredClone(ix.mappings) };
    return out;
  }

  /** GET /_cluster/state/metadata/<index>: the index metadata with routing_num_shards. */
  stateMetadata(expression: string, query: Record<string, string>, cluster: { name: string; uuid: string }): unknown {
    const indices: Record<string, unknown> = {};
    for (const ix of this.resolve(expression, query)) {
      indices[ix.name] = {
        version: 3,
        state: 'open',
        settings: nest({ 'index.number_of_shards': String(ix.primaries), 'index.number_of_replicas': String(ix.replicas), 'index.uuid': `uuid-${ix.name}` }),
        mappings: { _doc: structuredClone(ix.mappings) },
        aliases: [],
        primary_terms: Object.fromEntries(Array.from({ length: ix.primaries }, (_, i) => [String(i), 1])),
        in_sync_allocations: {},
        routing_num_shards: ix.routing_num_shards,
      };
    }
    return { cluster_name: cluster.name, cluster_uuid: cluster.uuid, metadata: { cluster_uuid: cluster.uuid, indices } };
  }

  /** POST /<index>/_disk_usage: refused without run_expensive_tasks=true; one copy per shard (the primaries), knn_vectors per field. */
  diskUsage(expression: string, query: Record<string, string>): unknown {
    if (query.run_expensive_tasks !== 'true') {
      throw badRequest('action_request_validation_exception', 'Validation Failed: 1: analyzing the disk usage of an index is expensive; set [run_expensive_tasks] to [true] to run it;');
    }
    const indices = this.resolve(expression, query);
    const out: Record<string, unknown> = { _shards: { total: indices.reduce((s, ix) => s + ix.primaries, 0), successful: indices.reduce((s, ix) => s + ix.primaries, 0), failed: 0 } };
    const size = (b: number) => `${(b / 1024).toFixed(1)}kb`;
    for (const ix of indices) {
      const primaries = ix.copies.filter((c) => c.primary);
      const fields: Record<string, unknown> = {};
      const sums = new Map<string, number>();
      // From 9.1 the analyzer sums the reader's off-heap sizes: every vector file of the field.
      for (const c of primaries) for (const [f, v] of Object.entries(c.vectors ?? {})) sums.set(f, (sums.get(f) ?? 0) + VECTOR_EXTS.reduce((s, e) => s + (v.files[e] ?? 0), 0));
      for (const [f, b] of sums) fields[f] = { total: size(b), total_in_bytes: b, inverted_index: { total: '0b', total_in_bytes: 0 }, stored_fields: '0b', stored_fields_in_bytes: 0, doc_values: '0b', doc_values_in_bytes: 0, points: '0b', points_in_bytes: 0, norms: '0b', norms_in_bytes: 0, term_vectors: '0b', term_vectors_in_bytes: 0, knn_vectors: size(b), knn_vectors_in_bytes: b };
      const store = primaries.reduce((s, c) => s + c.store_bytes, 0);
      out[ix.name] = { store_size: size(store), store_size_in_bytes: store, all_fields: {}, fields };
    }
    return out;
  }
}
