/* eslint-disable @typescript-eslint/no-explicit-any -- replies are JSON walked by path in the assertions */
/**
 * The stand-in's read endpoints for `esplan check`, held to what shared/research/live-stats.md
 * records of Elasticsearch 9.x: the docs-content DiskBBQ _stats example (verbatim figures), the
 * 220_dense_vector_node_index_stats.yml assertions (node stats carry totals only; the per-field map
 * exists only in per-index sections; an empty category is left out of it), the version gates, cat
 * shards' string columns, and the errors.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeEs, type FakeElasticsearch, type FakeEsOptions } from './fake-es.js';
import type { FakeIndex } from './cluster-data.js';

const started: FakeElasticsearch[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

/** docs-content approximate-knn-search.md: my_index, 3 DiskBBQ vectors: vec 36, cenivf 111, clivf 102 (249 in all). */
const myIndex = (): FakeIndex => ({
  name: 'my_index',
  primaries: 1,
  replicas: 1,
  routing_num_shards: 1024,
  mappings: { properties: { my_vector: { type: 'dense_vector', dims: 3, index: true, similarity: 'l2_norm', index_options: { type: 'bbq_disk' } } } },
  copies: [
    { shard: 0, primary: true, node: 'es-a', docs: 3, store_bytes: 5000, vectors: { my_vector: { value_count: 3, files: { vec: 36, cenivf: 111, clivf: 102 } } } },
    { shard: 0, primary: false, node: 'es-b', docs: 3, store_bytes: 5000, vectors: { my_vector: { value_count: 3, files: { vec: 36, cenivf: 111, clivf: 102 } } } },
  ],
});

async function es(options: FakeEsOptions = {}): Promise<FakeElasticsearch> {
  const s = await startFakeEs({ version: '9.3.0', indices: [myIndex()], ...options });
  started.push(s);
  return s;
}

async function get(s: FakeElasticsearch, path: string, method = 'GET'): Promise<{ status: number; body: any }> {
  const r = await fetch(`${s.url}${path}`, { method });
  return { status: r.status, body: await r.json() };
}

describe('index stats', () => {
  it('gives the documented DiskBBQ example per index: totals always, per-field map without empty categories', async () => {
    const s = await es();
    const { body } = await get(s, '/my_index/_stats?filter_path=indices.my_index.primaries.dense_vector');
    expect(body.indices.my_index.primaries.dense_vector).toEqual({
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
    });
    // total counts the replica too; _all has totals but never the per-field map.
    expect(body.indices.my_index.total.dense_vector.off_heap.total_size_bytes).toBe(498);
    expect(body._all.primaries.dense_vector.off_heap.fielddata).toBeUndefined();
    expect(body._all.total.dense_vector.off_heap.total_size_bytes).toBe(498);
  });

  it('with level=shards lists every assigned copy with its routing and its own totals', async () => {
    const s = await es();
    const { body } = await get(s, '/my_index/_stats/docs,store,dense_vector?level=shards');
    const copies = body.indices.my_index.shards['0'];
    expect(copies.map((c: any) => [c.routing.node, c.routing.primary, c.routing.state])).toEqual([
      ['nOdEiD0', true, 'STARTED'],
      ['nOdEiD1', false, 'STARTED'],
    ]);
    expect(copies[0].dense_vector.off_heap.total_size_bytes).toBe(249);
    expect(copies[0].docs.count).toBe(3);
  });

  it('9.1-9.2 send no cenivf/clivf keys (a bbq_disk field shows only vec); 9.0 sends no off_heap at all', async () => {
    const v92 = await es({ version: '9.2.0' });
    const dv92 = (await get(v92, '/my_index/_stats')).body.indices.my_index.primaries.dense_vector;
    expect(dv92.off_heap).toEqual({ total_size_bytes: 36, total_veb_size_bytes: 0, total_vec_size_bytes: 36, total_veq_size_bytes: 0, total_vex_size_bytes: 0, fielddata: { my_vector: { vec_size_bytes: 36 } } });
    const v90 = await es({ version: '9.0.4' });
    expect((await get(v90, '/my_index/_stats')).body.indices.my_index.primaries.dense_vector).toEqual({ value_count: 3 });
  });
});

describe('node stats', () => {
  it('sum the copies each node holds, totals only, beside jvm, os and fs', async () => {
    const s = await es({ nodes: [
      { name: 'es-a', roles: ['data_hot'], hardware: { heap_max_bytes: 1000, ram_total_bytes: 4000, ram_adjusted_bytes: 3500, disk_total_bytes: 9000, disk_available_bytes: 8000 } },
      { name: 'es-b', roles: ['data_hot'] },
    ] });
    const { body } = await get(s, '/_nodes/stats');
    const a = body.nodes.nOdEiD0;
    expect(a.jvm.mem.heap_max_in_bytes).toBe(1000);
    expect(a.os.mem).toMatchObject({ total_in_bytes: 4000, adjusted_total_in_bytes: 3500 });
    expect(typeof a.os.cgroup.memory.limit_in_bytes).toBe('string');
    expect(a.fs.total).toEqual({ total_in_bytes: 9000, free_in_bytes: 8000, available_in_bytes: 8000 });
    expect(a.indices.dense_vector.value_count).toBe(3);
    expect(a.indices.dense_vector.off_heap.total_size_bytes).toBe(249);
    // 220_dense_vector_node_index_stats.yml: is_false nodes.$node_id.indices.dense_vector.off_heap.fielddata
    expect(a.indices.dense_vector.off_heap.fielddata).toBeUndefined();
    const only = (await get(s, '/_nodes/stats/indices/dense_vector')).body.nodes.nOdEiD1;
    expect(Object.keys(only.indices)).toEqual(['dense_vector']);
    expect(only.jvm).toBeUndefined();
  });
});

describe('cat shards, settings, mappings, cluster state, disk usage', () => {
  it('cat shards: one row per copy, numbers as strings with bytes=b, null columns for an unassigned copy', async () => {
    const ix = myIndex();
    ix.copies[1] = { ...ix.copies[1]!, node: null, state: 'UNASSIGNED' };
    const s = await es({ indices: [ix] });
    const { body } = await get(s, '/_cat/shards/my_index?format=json&bytes=b&h=index,shard,prirep,state,docs,store,id,node');
    expect(body).toEqual([
      { index: 'my_index', shard: '0', prirep: 'p', state: 'STARTED', docs: '3', store: '5000', id: 'nOdEiD0', node: 'es-a' },
      { index: 'my_index', shard: '0', prirep: 'r', state: 'UNASSIGNED', docs: null, store: null, id: null, node: null },
    ]);
  });

  it('cat indices: primaries, replicas, primary documents and bytes as strings', async () => {
    const s = await es();
    const { body } = await get(s, '/_cat/indices/my_index?format=json&bytes=b&h=health,index,pri,rep,docs.count,store.size,pri.store.size');
    // Two copies of 5,000 bytes; the documents of the primary only.
    expect(body).toEqual([{ health: 'green', index: 'my_index', pri: '1', rep: '1', 'docs.count': '3', 'store.size': '10000', 'pri.store.size': '5000' }]);
  });

  it('settings are strings and never show routing_num_shards; cluster state metadata does', async () => {
    const s = await es();
    const settings = (await get(s, '/my_index/_settings?flat_settings=true')).body.my_index.settings;
    expect(settings['index.number_of_shards']).toBe('1');
    expect(settings['index.number_of_replicas']).toBe('1');
    expect(JSON.stringify(settings)).not.toMatch(/number_of_routing_shards/);
    const state = (await get(s, '/_cluster/state/metadata/my_index')).body;
    expect(state.metadata.indices.my_index.routing_num_shards).toBe(1024);
    expect((await get(s, '/my_index/_mapping')).body.my_index.mappings.properties.my_vector.index_options.type).toBe('bbq_disk');
  });

  it('a missing concrete index is a 404 index_not_found_exception; a wildcard matching nothing is empty', async () => {
    const s = await es();
    const missing = await get(s, '/nope/_settings');
    expect(missing.status).toBe(404);
    expect(missing.body.error.type).toBe('index_not_found_exception');
    expect(missing.body.error.reason).toBe('no such index [nope]');
    expect(await get(s, '/nope-*/_settings')).toEqual({ status: 200, body: {} });
    expect((await get(s, '/nope,my_index/_settings?ignore_unavailable=true')).body).toHaveProperty('my_index');
  });

  it('_disk_usage is refused without run_expensive_tasks=true and gives one copy of every vector file per field with it', async () => {
    const s = await es();
    expect((await get(s, '/my_index/_disk_usage', 'POST')).status).toBe(400);
    const { body } = await get(s, '/my_index/_disk_usage?run_expensive_tasks=true', 'POST');
    expect(body.my_index.fields.my_vector.knn_vectors_in_bytes).toBe(249);
  });

  it('include_defaults adds the awareness defaults (an empty list)', async () => {
    const s = await es({ persistent: { 'cluster.routing.allocation.awareness.attributes': 'zone' } });
    const { body } = await get(s, '/_cluster/settings?include_defaults=true&flat_settings=true');
    expect(body.persistent['cluster.routing.allocation.awareness.attributes']).toBe('zone');
    expect(body.defaults['cluster.routing.allocation.awareness.attributes']).toEqual([]);
  });
});
