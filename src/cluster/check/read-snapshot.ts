/**
 * Reads what `esplan check` compares with the plan, read-only: GET requests only, and the
 * read-only POST _disk_usage when asked (--disk-usage). Every reply has passed its schema at the
 * transport's door (check/reply-schemas.ts); this module turns the replies into a ClusterSnapshot,
 * keeping "not reported" (null) apart from zero. Calls follow shared/research/live-stats.md §5.
 */
import { ClusterError, type ClusterHttp, type RequestSpec } from '../http.js';
import { sanitise } from '../../model/sanitise.js';
import { enc, get, observeRoot } from '../observe.js';
import type {
  ClusterSnapshot,
  SnapshotFieldOffHeap,
  SnapshotIndex,
  SnapshotNode,
  SnapshotShardCopy,
  SnapshotVectorMapping,
  VectorFileBytes,
} from './snapshot.js';
import { VECTOR_FILE_EXTS } from './snapshot.js';

export interface ReadOptions {
  /** The plan's index names: each is read as `<name>` and `<name>-*` (the patterns apply's templates match). */
  indexNames: readonly string[];
  /** Also run POST <index>/_disk_usage?run_expensive_tasks=true, one index at a time (slow, reads every shard). */
  diskUsage: boolean;
  /** One line per step, for slow clusters. */
  progress: (line: string) => void;
  /** For tests: the clock. */
  now?: () => Date;
}

type Root = Awaited<ReturnType<typeof observeRoot>>;

export async function readSnapshot(http: ClusterHttp, root: Root, options: ReadOptions): Promise<ClusterSnapshot> {
  const { progress } = options;
  progress('esplan: reading the nodes (roles, attributes, heap, memory, disk, vector stats)');
  const nodes = await readNodes(http);
  progress('esplan: reading the allocation awareness settings');
  const awareness = await readAwareness(http);

  const indices: ClusterSnapshot['indices'] = {};
  const shards: SnapshotShardCopy[] = [];
  for (const name of options.indexNames) {
    const found = await concreteIndices(http, name);
    const concrete = [...found.keys()].sort();
    indices[name] = [];
    for (const [i, index] of concrete.entries()) {
      progress(`esplan: reading index ${index} (${i + 1} of ${concrete.length} for ${name})`);
      const read = await readIndex(http, index, found.get(index)!);
      indices[name].push(read.index);
      shards.push(...read.copies);
      if (options.diskUsage) {
        progress(`esplan: analysing the disk usage of ${index} (_disk_usage reads every shard; this can take minutes)`);
        read.index.disk_usage = await readDiskUsage(http, index);
      }
    }
    if (concrete.length > 0) {
      const placed = await readCatShards(http, concrete);
      mergePlacement(shards, placed);
    }
  }
  return {
    cluster: { name: root.clusterName, uuid: root.clusterUuid, version: root.version },
    read_at: (options.now ?? (() => new Date()))().toISOString(),
    nodes,
    awareness,
    indices,
    shards,
  };
}

// --- nodes ---------------------------------------------------------------------------------

async function readNodes(http: ClusterHttp): Promise<SnapshotNode[]> {
  const info = (
    await http.request(get('/_nodes', 'read the nodes and their attributes', 'monitor', { filter_path: 'nodes.*.name,nodes.*.roles,nodes.*.attributes' }))
  ).body as { nodes?: Record<string, { name: string; roles?: string[]; attributes?: Record<string, string> }> };
  const hw = (
    await http.request(
      get('/_nodes/stats/jvm,os,fs', 'read the nodes\' heap, memory and disk', 'monitor', {
        filter_path: 'nodes.*.name,nodes.*.jvm.mem.heap_max_in_bytes,nodes.*.os.mem,nodes.*.fs.total',
      }),
    )
  ).body as { nodes?: Record<string, NodeStats> };
  const dv = (
    await http.request(get('/_nodes/stats/indices/dense_vector', 'read the nodes\' dense vector statistics', 'monitor', { filter_path: 'nodes.*.indices.dense_vector' }))
  ).body as { nodes?: Record<string, NodeStats> };

  return Object.entries(info.nodes ?? {})
    .map(([id, n]): SnapshotNode => {
      const h = hw.nodes?.[id];
      const v = dv.nodes?.[id]?.indices?.dense_vector;
      const adjusted = h?.os?.mem.adjusted_total_in_bytes;
      return {
        id,
        name: n.name,
        roles: n.roles ?? [],
        attributes: n.attributes ?? {},
        heap_max_bytes: h?.jvm?.mem.heap_max_in_bytes ?? 0,
        ram_bytes: adjusted ?? h?.os?.mem.total_in_bytes ?? 0,
        ram_source: adjusted !== undefined ? 'adjusted_total_in_bytes' : 'total_in_bytes',
        disk_total_bytes: h?.fs?.total.total_in_bytes ?? 0,
        disk_available_bytes: h?.fs?.total.available_in_bytes ?? 0,
        vector_value_count: v?.value_count ?? 0,
        off_heap: v?.off_heap ? totalsOf(v.off_heap) : null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

interface OffHeap {
  total_size_bytes: number;
  [key: string]: unknown;
}

interface NodeStats {
  jvm?: { mem: { heap_max_in_bytes: number } };
  os?: { mem: { total_in_bytes: number; adjusted_total_in_bytes?: number } };
  fs?: { total: { total_in_bytes: number; available_in_bytes: number } };
  indices?: { dense_vector?: { value_count: number; off_heap?: OffHeap } };
}

/**
 * The `total_<ext>_size_bytes` keys a reply has. A key the version does not send (cenivf/clivf
 * before 9.3) stays absent rather than 0. The misspelling `total_cenif_size_bytes` that reached the
 * specification and generated clients is read too (live-stats.md §1f.5).
 */
export function totalsOf(offHeap: OffHeap): VectorFileBytes {
  const out: VectorFileBytes = {};
  for (const ext of VECTOR_FILE_EXTS) {
    const v = offHeap[`total_${ext}_size_bytes`] ?? (ext === 'cenivf' ? offHeap.total_cenif_size_bytes : undefined);
    if (typeof v === 'number') out[ext] = v;
  }
  return out;
}

// --- awareness -------------------------------------------------------------------------------

const AWARENESS_PREFIX = 'cluster.routing.allocation.awareness.';

async function readAwareness(http: ClusterHttp): Promise<ClusterSnapshot['awareness']> {
  const body = (
    await http.request(
      get('/_cluster/settings', 'read the allocation awareness settings', 'monitor', {
        include_defaults: 'true',
        flat_settings: 'true',
        // No filter_path: with flat_settings the keys hold dots, which filter_path's own dots may not match.
      }),
    )
  ).body as Record<'persistent' | 'transient' | 'defaults', Record<string, unknown> | undefined>;
  // In effect: transient over persistent over defaults, as Elasticsearch resolves them.
  const effective: Record<string, unknown> = { ...(body.defaults ?? {}), ...(body.persistent ?? {}), ...(body.transient ?? {}) };
  const list = (v: unknown): string[] =>
    (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',') : []).map((s) => s.trim()).filter((s) => s !== '');
  const force: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(effective)) {
    const m = /^cluster\.routing\.allocation\.awareness\.force\.(.+)\.values$/.exec(key);
    if (m) {
      const values = list(value);
      if (values.length > 0) force[m[1]!] = values;
    }
  }
  return { attributes: list(effective[`${AWARENESS_PREFIX}attributes`]), force };
}

// --- indices ---------------------------------------------------------------------------------

/** An index's flat settings and the request that read them (named when a value cannot be read). */
interface IndexSettings {
  settings: Record<string, unknown>;
  spec: RequestSpec;
}

/**
 * The concrete indices a plan index stands for: `<name>` (an index or an alias) and `<name>-*`.
 * Two requests, so a missing `<name>` (404) does not hide the `<name>-*` ones.
 */
async function concreteIndices(http: ClusterHttp, name: string): Promise<Map<string, IndexSettings>> {
  const found = new Map<string, IndexSettings>();
  for (const expr of [name, `${name}-*`]) {
    const spec = get(`/${enc(expr)}/_settings`, `read the settings of ${expr}`, 'index:view_index_metadata', { flat_settings: 'true' });
    const res = await http.request(spec);
    if (res.status === 404) continue;
    for (const [index, entry] of Object.entries(res.body as Record<string, { settings: Record<string, unknown> }>)) found.set(index, { settings: entry.settings, spec });
  }
  return found;
}

async function readIndex(http: ClusterHttp, index: string, settings: IndexSettings): Promise<{ index: SnapshotIndex; copies: SnapshotShardCopy[] }> {
  const s = settings.settings;
  const whole = (value: unknown, key: string): number => {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n)) {
      throw new ClusterError('bad-reply', settings.spec, { message: `unexpected reply from GET ${sanitise(settings.spec.path, 200)}: ${key} of ${sanitise(index, 200)} is not a whole number` });
    }
    return n;
  };
  const mappingRes = await http.request(get(`/${enc(index)}/_mapping`, `read the mapping of ${index}`, 'index:view_index_metadata'));
  const mappings = (mappingRes.body as Record<string, { mappings: Record<string, unknown> }>)[index]?.mappings ?? {};
  const stateRes = await http.request(
    // No filter_path: an index name may hold dots, which filter_path's `*` may not match.
    get(`/_cluster/state/metadata/${enc(index)}`, `read the routing shards of ${index}`, 'monitor'),
  );
  const routing = (stateRes.body as { metadata?: { indices?: Record<string, { routing_num_shards?: number }> } }).metadata?.indices?.[index]?.routing_num_shards;
  const statsRes = await http.request(
    get(`/${enc(index)}/_stats/docs,store,dense_vector`, `read the statistics of ${index}`, 'index:monitor', { level: 'shards' }),
  );
  const stats = (statsRes.body as { indices?: Record<string, IndexStats> }).indices?.[index];
  const primaries = whole(s['index.number_of_shards'], 'index.number_of_shards');
  const dv = stats?.primaries.dense_vector;
  const fields = walkMappings(mappings);
  const copies: SnapshotShardCopy[] = [];
  for (const [shard, list] of Object.entries(stats?.shards ?? {})) {
    for (const c of list) {
      copies.push({
        index,
        shard: Number(shard),
        primary: c.routing.primary,
        state: c.routing.state,
        node_id: c.routing.node,
        docs: c.docs?.count ?? null,
        store_bytes: c.store?.size_in_bytes ?? null,
        off_heap: c.dense_vector?.off_heap ? totalsOf(c.dense_vector.off_heap) : null,
      });
    }
  }
  return {
    index: {
      name: index,
      primaries,
      replicas: whole(s['index.number_of_replicas'] ?? '1', 'index.number_of_replicas'),
      // Absent only if filter_path dropped it; the number of shards is then what Elasticsearch uses.
      routing_num_shards: routing ?? primaries,
      docs_count: stats?.primaries.docs?.count ?? 0,
      primary_store_bytes: stats?.primaries.store?.size_in_bytes ?? 0,
      vector_mappings: fields.vectors,
      semantic_text: fields.semantic,
      vector_value_count: dv?.value_count ?? 0,
      off_heap_fields: dv?.off_heap ? perFieldOf(dv.off_heap) : null,
      off_heap_primaries: dv?.off_heap ? totalsOf(dv.off_heap) : null,
    },
    copies,
  };
}

interface StatsSection {
  docs?: { count: number };
  store?: { size_in_bytes: number };
  dense_vector?: { value_count: number; off_heap?: OffHeap & { fielddata?: Record<string, Record<string, number | undefined>> } };
}

interface IndexStats {
  primaries: StatsSection;
  shards?: Record<string, (StatsSection & { routing: { node: string | null; primary: boolean; state: string } })[]>;
}

function perFieldOf(offHeap: OffHeap & { fielddata?: Record<string, Record<string, number | undefined>> }): SnapshotFieldOffHeap[] {
  return Object.entries(offHeap.fielddata ?? {})
    .map(([field, files]) => {
      const primaries: VectorFileBytes = {};
      for (const ext of VECTOR_FILE_EXTS) {
        const v = files[`${ext}_size_bytes`];
        if (typeof v === 'number') primaries[ext] = v;
      }
      return { field, primaries };
    })
    .sort((a, b) => a.field.localeCompare(b.field));
}

/** dense_vector and semantic_text fields at any depth of a mapping (objects and nested under `properties`). */
export function walkMappings(mappings: Record<string, unknown>): { vectors: SnapshotVectorMapping[]; semantic: { path: string; inference_id: string }[] } {
  const vectors: SnapshotVectorMapping[] = [];
  const semantic: { path: string; inference_id: string }[] = [];
  const visit = (props: unknown, prefix: string, depth: number) => {
    if (depth > 20 || props === null || typeof props !== 'object') return;
    for (const [name, raw] of Object.entries(props as Record<string, unknown>)) {
      if (raw === null || typeof raw !== 'object') continue;
      const f = raw as Record<string, unknown>;
      const path = prefix === '' ? name : `${prefix}.${name}`;
      if (f.type === 'dense_vector') vectors.push(vectorMapping(path, f));
      else if (f.type === 'semantic_text') semantic.push({ path, inference_id: typeof f.inference_id === 'string' ? f.inference_id : '' });
      if (f.properties) visit(f.properties, path, depth + 1);
    }
  };
  visit(mappings.properties, '', 0);
  return { vectors, semantic };
}

function vectorMapping(path: string, f: Record<string, unknown>): SnapshotVectorMapping {
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
  const io = f.index_options && typeof f.index_options === 'object' ? (f.index_options as Record<string, unknown>) : undefined;
  const rescore = io?.rescore_vector && typeof io.rescore_vector === 'object' ? (io.rescore_vector as Record<string, unknown>) : undefined;
  const options: SnapshotVectorMapping['index_options'] =
    io && typeof io.type === 'string'
      ? {
          type: io.type,
          ...defined('m', num(io.m)),
          ...defined('ef_construction', num(io.ef_construction)),
          ...defined('confidence_interval', num(io.confidence_interval)),
          ...defined('oversample', num(rescore?.oversample)),
          ...defined('cluster_size', num(io.cluster_size)),
          ...defined('bits', num(io.bits)),
        }
      : undefined;
  return {
    path,
    ...defined('dims', num(f.dims)),
    // Elasticsearch omits element_type for float.
    element_type: typeof f.element_type === 'string' ? f.element_type : 'float',
    index: f.index !== false && f.index !== 'false',
    ...(typeof f.similarity === 'string' ? { similarity: f.similarity } : {}),
    ...(options ? { index_options: options } : {}),
  };
}

const defined = <K extends string>(key: K, v: number | undefined): Partial<Record<K, number>> => (v === undefined ? {} : ({ [key]: v } as Record<K, number>));

// --- shard placement -------------------------------------------------------------------------

interface CatShard {
  index: string;
  shard: string | number;
  prirep: string;
  state: string;
  docs?: string | number | null;
  store?: string | number | null;
  id?: string | null;
  node?: string | null;
}

/** Every copy of these indices, unassigned ones included (index stats list only assigned copies). */
async function readCatShards(http: ClusterHttp, indices: readonly string[]): Promise<CatShard[]> {
  const res = await http.request(
    get(`/_cat/shards/${indices.map(enc).join(',')}`, `read where the shards of ${indices.join(', ')} are`, 'monitor', {
      format: 'json',
      bytes: 'b',
      h: 'index,shard,prirep,state,docs,store,id,node',
    }),
  );
  return res.status === 404 ? [] : (res.body as CatShard[]);
}

/**
 * Joins the cat rows into the copies read from index stats: a copy the stats lack (unassigned,
 * initialising) is added from its cat row, with what cat knows of it.
 */
function mergePlacement(copies: SnapshotShardCopy[], rows: readonly CatShard[]): void {
  const n = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? null : Number(v));
  for (const row of rows) {
    const primary = row.prirep === 'p' || row.prirep === 'primary';
    const shard = Number(row.shard);
    const node = row.id ?? null;
    const match = copies.find((c) => c.index === row.index && c.shard === shard && c.primary === primary && c.node_id === node);
    if (match) {
      match.state = row.state;
      continue;
    }
    copies.push({ index: row.index, shard, primary, state: row.state, node_id: node, docs: n(row.docs), store_bytes: n(row.store), off_heap: null });
  }
  copies.sort((a, b) => a.index.localeCompare(b.index) || a.shard - b.shard || Number(b.primary) - Number(a.primary) || String(a.node_id).localeCompare(String(b.node_id)));
}

// --- disk usage ------------------------------------------------------------------------------

async function readDiskUsage(http: ClusterHttp, index: string): Promise<Record<string, number>> {
  const res = await http.request({
    method: 'POST',
    path: `/${enc(index)}/_disk_usage`,
    query: { run_expensive_tasks: 'true' },
    // Read-only (it analyses the last commit); safe to send again after a dropped connection.
    idempotent: true,
    privilege: 'index:manage',
    what: `analyse the disk usage of ${index}`,
  });
  const entry = (res.body as Record<string, { fields?: Record<string, { knn_vectors_in_bytes?: number }> }>)[index];
  const out: Record<string, number> = {};
  for (const [field, f] of Object.entries(entry?.fields ?? {})) if (typeof f.knn_vectors_in_bytes === 'number' && f.knn_vectors_in_bytes > 0) out[field] = f.knn_vectors_in_bytes;
  return out;
}
