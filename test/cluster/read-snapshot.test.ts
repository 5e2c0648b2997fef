/**
 * check's reader against canned replies in Elasticsearch's shapes (shared/research/live-stats.md:
 * the DiskBBQ _stats example of docs-content approximate-knn-search.md, the DenseVectorStatsTests
 * node block, the ECH node attributes fixture), every one also passed through the transport's
 * schema door, so a reply the reader accepts is one the real transport lets through.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterHttp, RequestSpec } from '../../src/cluster/http.js';
import { readSnapshot, totalsOf, walkMappings } from '../../src/cluster/check/read-snapshot.js';
import { replyShapeProblem } from '../../src/cluster/reply-schemas.js';

const root = { clusterName: 'c1', clusterUuid: 'u1', version: '9.3.0' };

/** live-stats.md §1c, verbatim: 3 DiskBBQ vectors of 3 float dims (36 = 3 x 3 x 4 raw bytes). */
const diskBbqPrimaries = {
  value_count: 3,
  off_heap: {
    total_size_bytes: 249,
    total_veb_size_bytes: 0,
    total_vec_size_bytes: 36,
    total_veq_size_bytes: 0,
    total_vex_size_bytes: 0,
    total_cenivf_size_bytes: 111,
    total_clivf_size_bytes: 102,
    fielddata: { my_vector: { cenivf_size_bytes: 111, clivf_size_bytes: 102, vec_size_bytes: 36 } },
  },
};

function answers(version: string): Record<string, unknown> {
  const shardTotals = { ...diskBbqPrimaries.off_heap, fielddata: undefined };
  delete (shardTotals as Record<string, unknown>).fielddata;
  return {
    '/_nodes': {
      nodes: {
        n1: { name: 'instance-0000000001', roles: ['data_content', 'data_hot', 'ingest'], attributes: { logical_availability_zone: 'zone-0', 'xpack.installed': 'true' } },
        n2: { name: 'instance-0000000002', roles: ['master'] },
      },
    },
    '/_nodes/stats/jvm,os,fs': {
      nodes: {
        n1: {
          name: 'instance-0000000001',
          jvm: { mem: { heap_max_in_bytes: 536870912 } },
          // The ECH-shaped fixture of live-stats.md §3b: adjusted below total.
          os: { mem: { total_in_bytes: 1073741824, adjusted_total_in_bytes: 696254464 } },
          fs: { total: { total_in_bytes: 64424509440, free_in_bytes: 60000000000, available_in_bytes: 59000000000 } },
        },
        n2: { name: 'instance-0000000002', jvm: { mem: { heap_max_in_bytes: 268435456 } }, os: { mem: { total_in_bytes: 1073741824 } }, fs: { total: { total_in_bytes: 1000, available_in_bytes: 900 } } },
      },
    },
    '/_nodes/stats/indices/dense_vector': {
      nodes: {
        // DenseVectorStatsTests (live-stats.md §1b), verbatim totals; 9.0 has no off_heap at all.
        n1: { indices: { dense_vector: version === '9.0.0' ? { value_count: 5 } : { value_count: 5, off_heap: { total_size_bytes: 36, total_veb_size_bytes: 3, total_vec_size_bytes: 23, total_veq_size_bytes: 0, total_vex_size_bytes: 1, total_cenivf_size_bytes: 7, total_clivf_size_bytes: 2 } } } },
        n2: { indices: { dense_vector: { value_count: 0 } } },
      },
    },
    '/_cluster/settings': {
      persistent: { 'cluster.routing.allocation.awareness.attributes': 'logical_availability_zone' },
      transient: {},
      defaults: { 'cluster.routing.allocation.awareness.force.logical_availability_zone.values': ['zone-0', 'zone-1'] },
    },
    '/my_index/_settings': { my_index: { settings: { 'index.number_of_shards': '1', 'index.number_of_replicas': '1' } } },
    '/my_index-*/_settings': {},
    '/my_index/_mapping': {
      my_index: {
        mappings: {
          properties: {
            my_vector: { type: 'dense_vector', dims: 3, index: true, similarity: 'cosine', index_options: { type: 'bbq_disk', cluster_size: 384, bits: 1 } },
            doc: { properties: { inner: { type: 'dense_vector', dims: 64, element_type: 'byte', index: true, similarity: 'l2_norm' } } },
            content: { type: 'semantic_text', inference_id: '.elser-2-elasticsearch' },
          },
        },
      },
    },
    '/_cluster/state/metadata/my_index': { metadata: { indices: { my_index: { routing_num_shards: 1024 } } } },
    '/my_index/_stats/docs,store,dense_vector': {
      indices: {
        my_index: {
          primaries: { docs: { count: 3 }, store: { size_in_bytes: 9000 }, dense_vector: diskBbqPrimaries },
          shards: { '0': [{ routing: { node: 'n1', primary: true, state: 'STARTED' }, docs: { count: 3 }, store: { size_in_bytes: 9000 }, dense_vector: { value_count: 3, off_heap: shardTotals } }] },
        },
      },
    },
    // One copy started (in stats too), the replica unassigned (cat only), as bytes=b strings.
    '/_cat/shards/my_index': [
      { index: 'my_index', shard: '0', prirep: 'p', state: 'STARTED', docs: '3', store: '9000', id: 'n1', node: 'instance-0000000001' },
      { index: 'my_index', shard: '0', prirep: 'r', state: 'UNASSIGNED', docs: null, store: null, id: null, node: null },
    ],
  };
}

function stub(version: string, log: RequestSpec[] = [], override: Record<string, unknown> = {}): ClusterHttp {
  const table = { ...answers(version), ...override };
  return {
    request: async (spec: RequestSpec) => {
      log.push(spec);
      const body = table[spec.path];
      const status = body === undefined ? 404 : 200;
      // Every canned reply must pass the schema the real transport applies.
      const problem = replyShapeProblem(spec, status, body ?? { error: { type: 'index_not_found_exception' }, status: 404 });
      if (problem) throw new Error(problem);
      return { status, body: body ?? {} };
    },
    close: async () => undefined,
  };
}

const read = (version = '9.3.0', log: RequestSpec[] = []) =>
  readSnapshot(stub(version, log), { ...root, version }, { indexNames: ['my_index'], diskUsage: false, progress: () => undefined, now: () => new Date('2026-12-03T00:00:00Z') });

describe('readSnapshot', () => {
  it('reads nodes with heap, adjusted RAM, disk and off-heap totals; a key never sent stays absent', async () => {
    const s = await read();
    const n1 = s.nodes.find((n) => n.id === 'n1')!;
    expect(n1).toMatchObject({ heap_max_bytes: 536870912, ram_bytes: 696254464, ram_source: 'adjusted_total_in_bytes', disk_total_bytes: 64424509440, disk_available_bytes: 59000000000, vector_value_count: 5 });
    expect(n1.off_heap).toEqual({ veb: 3, vec: 23, veq: 0, vex: 1, cenivf: 7, clivf: 2 });
    const n2 = s.nodes.find((n) => n.id === 'n2')!;
    // No adjusted_total: the total is the RAM; no off_heap in the reply: null, not zeros.
    expect(n2).toMatchObject({ ram_bytes: 1073741824, ram_source: 'total_in_bytes', roles: ['master'], attributes: {}, off_heap: null });
  });

  it('on 9.0 (no off_heap) reports off-heap as not measurable (null), never 0', async () => {
    const s = await read('9.0.0');
    expect(s.nodes.find((n) => n.id === 'n1')!.off_heap).toBeNull();
  });

  it('resolves awareness as Elasticsearch does: persistent over defaults, lists from strings or arrays', async () => {
    const s = await read();
    expect(s.awareness).toEqual({ attributes: ['logical_availability_zone'], force: { logical_availability_zone: ['zone-0', 'zone-1'] } });
  });

  it('reads settings as numbers, routing shards from cluster state, mappings at any depth, per-field off-heap', async () => {
    const s = await read();
    const [ix] = s.indices.my_index!;
    expect(ix).toMatchObject({ name: 'my_index', primaries: 1, replicas: 1, routing_num_shards: 1024, docs_count: 3, primary_store_bytes: 9000, vector_value_count: 3 });
    expect(ix!.vector_mappings).toEqual([
      { path: 'my_vector', dims: 3, element_type: 'float', index: true, similarity: 'cosine', index_options: { type: 'bbq_disk', cluster_size: 384, bits: 1 } },
      { path: 'doc.inner', dims: 64, element_type: 'byte', index: true, similarity: 'l2_norm' },
    ]);
    expect(ix!.semantic_text).toEqual([{ path: 'content', inference_id: '.elser-2-elasticsearch' }]);
    // 249 = 36 + 111 + 102: the per-field map omits empty categories, and so does the snapshot.
    expect(ix!.off_heap_fields).toEqual([{ field: 'my_vector', primaries: { cenivf: 111, clivf: 102, vec: 36 } }]);
    expect(ix!.off_heap_primaries).toEqual({ veb: 0, vec: 36, veq: 0, vex: 0, cenivf: 111, clivf: 102 });
  });

  it('joins cat shards with index stats: the started copy keeps its off-heap, the unassigned one is added', async () => {
    const s = await read();
    expect(s.shards).toEqual([
      { index: 'my_index', shard: 0, primary: true, state: 'STARTED', node_id: 'n1', docs: 3, store_bytes: 9000, off_heap: { veb: 0, vec: 36, veq: 0, vex: 0, cenivf: 111, clivf: 102 } },
      { index: 'my_index', shard: 0, primary: false, state: 'UNASSIGNED', node_id: null, docs: null, store_bytes: null, off_heap: null },
    ]);
  });

  it('sends only GET requests unless --disk-usage, and the read-only POST _disk_usage with it', async () => {
    const log: RequestSpec[] = [];
    await read('9.3.0', log);
    expect(log.every((r) => r.method === 'GET')).toBe(true);
    const withDisk: RequestSpec[] = [];
    await readSnapshot(
      stub('9.3.0', withDisk, { '/my_index/_disk_usage': { _shards: { total: 1, successful: 1, failed: 0 }, my_index: { store_size_in_bytes: 9000, fields: { my_vector: { knn_vectors_in_bytes: 249 }, _id: { knn_vectors_in_bytes: 0 } } } } }),
      root,
      { indexNames: ['my_index'], diskUsage: true, progress: () => undefined },
    ).then((s) => expect(s.indices.my_index![0]!.disk_usage).toEqual({ my_vector: 249 }));
    const writes = withDisk.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query)}`)).toEqual(['POST /my_index/_disk_usage {"run_expensive_tasks":"true"}']);
  });

  it('a plan index the cluster lacks reads as no concrete index (the audit says INDEX_MISSING)', async () => {
    const s = await readSnapshot(stub('9.3.0'), root, { indexNames: ['absent'], diskUsage: false, progress: () => undefined });
    expect(s.indices.absent).toEqual([]);
  });

  it('refuses a shard count that is not a whole number, naming the setting', async () => {
    const http = stub('9.3.0', [], { '/my_index/_settings': { my_index: { settings: { 'index.number_of_shards': 'three' } } } });
    await expect(readSnapshot(http, root, { indexNames: ['my_index'], diskUsage: false, progress: () => undefined })).rejects.toThrow(
      /index\.number_of_shards of my_index is not a whole number/,
    );
  });
});

describe('check reply schemas at the transport door', () => {
  const spec = (path: string, method: RequestSpec['method'] = 'GET'): RequestSpec => ({ method, path, idempotent: true, privilege: 'monitor', what: 'read' });
  it('refuses a byte figure given as text ("12kb" where bytes belong)', () => {
    expect(replyShapeProblem(spec('/_nodes/stats/jvm,os,fs'), 200, { nodes: { n1: { jvm: { mem: { heap_max_in_bytes: '12kb' } } } } })).toMatch(/heap_max_in_bytes must be a number/);
  });
  it('refuses cat shards that are not a list, and a store that is not digits', () => {
    expect(replyShapeProblem(spec('/_cat/shards/x'), 200, { index: 'x' })).toMatch(/must be a list/);
    expect(replyShapeProblem(spec('/_cat/shards/x'), 200, [{ index: 'x', shard: '0', prirep: 'p', state: 'STARTED', store: '9kb' }])).toMatch(/store/);
  });
  it('checks the POST _disk_usage reply too', () => {
    expect(replyShapeProblem(spec('/x/_disk_usage', 'POST'), 200, { x: { fields: { v: { knn_vectors_in_bytes: -1 } } } })).toBeDefined();
    expect(replyShapeProblem(spec('/x/_disk_usage', 'POST'), 200, { x: { fields: { v: { knn_vectors_in_bytes: 10 } } } })).toBeUndefined();
  });
});

describe('totalsOf and walkMappings', () => {
  it('reads the misspelled total_cenif_size_bytes some clients carry', () => {
    expect(totalsOf({ total_size_bytes: 10, total_cenif_size_bytes: 4, total_vec_size_bytes: 6 })).toEqual({ cenivf: 4, vec: 6 });
  });
  it('takes element_type as float when Elasticsearch omits it, and reads rescore oversample', () => {
    const { vectors } = walkMappings({ properties: { v: { type: 'dense_vector', dims: 1024, index_options: { type: 'bbq_hnsw', m: 16, ef_construction: 100, rescore_vector: { oversample: 3 } } } } });
    expect(vectors).toEqual([{ path: 'v', dims: 1024, element_type: 'float', index: true, index_options: { type: 'bbq_hnsw', m: 16, ef_construction: 100, oversample: 3 } }]);
  });
});
