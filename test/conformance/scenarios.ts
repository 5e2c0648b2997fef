/**
 * Conformance scenarios for the Elasticsearch endpoints `esplan apply` touches, written once and run
 * against the loopback stand-in always (test/fake-es/conformance.test.ts) and against a real 9.x
 * cluster when ES_URL is set (test/real-cluster.test.ts). Each states what Elasticsearch answers,
 * learned from its REST API YAML tests and source (elastic/elasticsearch: MetadataIndexTemplateService,
 * ComposableIndexTemplate, DenseVectorFieldMapper, SnapshotLifecyclePolicy, SnapshotLifecycleService,
 * TransportPutSnapshotLifecycleAction, the stack template resources) and the response examples in
 * shared/research/es-api-examples/ (e.g. indices.get_index_template__GetIndexTemplateResponseExample1.yaml
 * for the `index_templates` list, slm.get_lifecycle__GetSnapshotLifecycleResponseExample1.yaml for
 * `version` and `policy`, cluster.get_component_template__GetComponentTemplateResponseExample1.yaml
 * for settings read back nested and as strings). Assertions hold for both targets: status, error
 * type, and the words of the reason that matter.
 */
import { expect } from 'vitest';
import type { Call, Reply } from './client.js';

export interface ScenarioContext {
  call: Call;
  /** A unique lowercase prefix for every object a scenario creates (`esplan-it-…`). */
  prefix: string;
  /** The cluster's version number, e.g. 9.2.0. */
  version: string;
  /** An existing snapshot repository, when the scenario needs one. */
  repository?: string;
  /** Registers a clean-up call, run after the scenario whether it passed or not. */
  cleanup: (method: string, path: string) => void;
}

export interface Scenario {
  name: string;
  /** `write`: creates objects (removed afterwards); `repository`: needs a snapshot repository. */
  needs: ('write' | 'repository')[];
  /** Runs only on versions in [min, below). */
  versions?: { min?: string; below?: string };
  run: (ctx: ScenarioContext) => Promise<void>;
}

/** The error's reason with every nested cause's, so a check holds whichever level a cluster reports it at. */
export function reasons(reply: Reply): string {
  const out: string[] = [];
  let e = reply.body?.error;
  while (e && typeof e === 'object') {
    out.push(String(e.reason ?? ''));
    e = e.caused_by;
  }
  return out.join(' | ');
}

export function expectError(reply: Reply, status: number, type: string, reason?: RegExp): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body?.error?.type, JSON.stringify(reply.body)).toBe(type);
  if (reason) expect(reasons(reply)).toMatch(reason);
}

export function expectOk(reply: Reply): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(reply.body?.acknowledged).toBe(true);
}

const vector = (def: Record<string, unknown>) => ({ template: { mappings: { properties: { v: { type: 'dense_vector', ...def } } } } });
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'a fresh 9.x cluster holds the built-in logs, metrics and synthetics templates at priority 100',
    needs: [],
    run: async ({ call }) => {
      for (const [name, pattern] of [['logs', 'logs-*-*'], ['metrics', 'metrics-*-*'], ['synthetics', 'synthetics-*-*']] as const) {
        const r = await call('GET', `/_index_template/${name}`);
        expect(r.status).toBe(200);
        const t = r.body.index_templates.find((x: { name: string }) => x.name === name)?.index_template;
        expect(t.index_patterns).toContain(pattern);
        expect(t.priority).toBe(100);
        expect(t._meta?.managed).toBe(true);
      }
    },
  },
  {
    name: 'a wildcard GET that matches nothing is an empty list; a plain name that matches nothing is a 404',
    needs: [],
    run: async ({ call, prefix }) => {
      const none = await call('GET', `/_index_template/${prefix}-none*`);
      expect(none.status).toBe(200);
      expect(none.body).toEqual({ index_templates: [] });
      expectError(await call('GET', `/_index_template/${prefix}-none`), 404, 'resource_not_found_exception', new RegExp(`index template matching \\[${esc(prefix)}-none\\] not found`));
      const noneCt = await call('GET', `/_component_template/${prefix}-none*`);
      expect(noneCt.status).toBe(200);
      expect(noneCt.body).toEqual({ component_templates: [] });
      expectError(await call('GET', `/_component_template/${prefix}-none`), 404, 'resource_not_found_exception', new RegExp(`component template matching \\[${esc(prefix)}-none\\] not found`));
    },
  },
  {
    name: 'unknown fields in index and component template bodies are refused by the parser',
    needs: [],
    run: async ({ call, prefix }) => {
      expectError(await call('PUT', `/_index_template/${prefix}-t`, { index_patterns: [`${prefix}-*`], foo: 1 }), 400, 'x_content_parse_exception', /\[index_template\] unknown field \[foo\]/);
      expectError(await call('PUT', `/_component_template/${prefix}-c`, { template: {}, foo: 1 }), 400, 'x_content_parse_exception', /\[component_template\] unknown field \[foo\]/);
      expectError(await call('PUT', `/_component_template/${prefix}-c`, { template: { foo: 1 } }), 400, 'x_content_parse_exception', /\[template\] unknown field \[foo\]/);
      expectError(
        await call('PUT', `/_component_template/${prefix}-c`, { template: { mappings: { foo: 1, properties: {} } } }),
        400,
        'mapper_parsing_exception',
        /Root mapping definition has unsupported parameters:\s+\[foo : 1\]/,
      );
    },
  },
  {
    name: 'an unknown index setting in a template is refused',
    needs: [],
    run: async ({ call, prefix }) => {
      expectError(
        await call('PUT', `/_component_template/${prefix}-c`, { template: { settings: { index: { esplan_no_such_setting: 1 } } } }),
        400,
        'illegal_argument_exception',
        /unknown setting \[index\.esplan_no_such_setting\]/,
      );
    },
  },
  {
    name: 'dense_vector mappings: unknown parameters, element type per index type and BBQ dimensions are checked',
    needs: [],
    run: async ({ call, prefix }) => {
      const put = (def: Record<string, unknown>) => call('PUT', `/_component_template/${prefix}-c`, vector(def));
      expectError(await put({ dims: 64, foo: 1 }), 400, 'mapper_parsing_exception', /unknown parameter \[foo\] on mapper \[v\] of type \[dense_vector\]/);
      expectError(await put({ dims: 64, element_type: 'byte', index_options: { type: 'int8_hnsw' } }), 400, 'mapper_parsing_exception', /\[element_type\] cannot be \[byte\] when using index type \[int8_hnsw\]/);
      expectError(await put({ dims: 32, index_options: { type: 'bbq_hnsw' } }), 400, 'mapper_parsing_exception', /bbq_hnsw does not support dimensions fewer than 64; provided=32/);
      expectError(await put({ dims: 64, index_options: { type: 'hnsw', rescore_vector: { oversample: 2 } } }), 400, 'mapper_parsing_exception', /unsupported parameters/);
    },
  },
  {
    name: 'bbq_disk: cluster_size must be between 64 and 65536',
    needs: [],
    versions: { min: '9.2' },
    run: async ({ call, prefix }) => {
      expectError(
        await call('PUT', `/_component_template/${prefix}-c`, vector({ dims: 128, index_options: { type: 'bbq_disk', cluster_size: 10 } })),
        400,
        'mapper_parsing_exception',
        /cluster_size must be between 64 and 65536/,
      );
    },
  },
  {
    name: 'bbq_disk: `bits` is an unsupported parameter before 9.4',
    needs: [],
    versions: { min: '9.2', below: '9.4' },
    run: async ({ call, prefix }) => {
      expectError(
        await call('PUT', `/_component_template/${prefix}-c`, vector({ dims: 128, index_options: { type: 'bbq_disk', bits: 2 } })),
        400,
        'mapper_parsing_exception',
        /unsupported parameters:\s+\[bits : 2\]/,
      );
    },
  },
  {
    name: 'GET _inference/ID of a missing endpoint is a 404 resource_not_found_exception naming it',
    needs: [],
    run: async ({ call, prefix }) => {
      expectError(await call('GET', `/_inference/${prefix}-no-such-endpoint`), 404, 'resource_not_found_exception', new RegExp(`Inference endpoint not found \\[${esc(prefix)}-no-such-endpoint\\]`));
    },
  },
  {
    name: 'the preconfigured ELSER endpoint is listed under endpoints with its task type and service',
    needs: [],
    run: async ({ call }) => {
      const r = await call('GET', '/_inference/.elser-2-elasticsearch');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.endpoints).toHaveLength(1);
      expect(r.body.endpoints[0]).toMatchObject({ inference_id: '.elser-2-elasticsearch', task_type: 'sparse_embedding', service: 'elasticsearch' });
      const all = await call('GET', '/_inference/_all');
      expect(all.body.endpoints.map((e: { inference_id: string }) => e.inference_id)).toContain('.elser-2-elasticsearch');
    },
  },
  {
    name: 'a semantic_text field naming an endpoint that does not exist is accepted in a template (checked only at ingest)',
    needs: ['write'],
    run: async ({ call, prefix, cleanup }) => {
      const r = await call('PUT', `/_component_template/${prefix}-c`, { template: { mappings: { properties: { body: { type: 'semantic_text', inference_id: `${prefix}-no-such-endpoint` } } } } });
      cleanup('DELETE', `/_component_template/${prefix}-c`);
      expectOk(r);
    },
  },
  {
    name: 'text, keyword, sparse_vector and search_as_you_type mappings: unknown parameters and analyzers are refused',
    needs: [],
    run: async ({ call, prefix }) => {
      const put = (def: Record<string, unknown>, settings?: Record<string, unknown>) =>
        call('PUT', `/_component_template/${prefix}-c`, { template: { ...(settings ? { settings } : {}), mappings: { properties: { f: def } } } });
      expectError(await put({ type: 'sparse_vector', dims: 3 }), 400, 'mapper_parsing_exception', /unknown parameter \[dims\] on mapper \[f\] of type \[sparse_vector\]/);
      expectError(await put({ type: 'text', analyzer: `${prefix}_none` }), 400, 'mapper_parsing_exception', new RegExp(`analyzer \\[${esc(prefix)}_none\\] has not been configured in mappings`));
      expectError(await put({ type: 'text', fields: { keyword: { type: 'keyword', analyzer: 'standard' } } }), 400, 'mapper_parsing_exception', /unknown parameter \[analyzer\] on mapper \[keyword\] of type \[keyword\]/);
      expectError(await put({ type: 'search_as_you_type', max_shingle_size: 5 }), 400, 'mapper_parsing_exception', /\[max_shingle_size\] must be at least \[2\] and at most \[4\], got \[5\]/);
    },
  },
  {
    name: 'a text field may use a custom shingle analyzer defined in the same template',
    needs: ['write'],
    run: async ({ call, prefix, cleanup }) => {
      const analysis = { analysis: { filter: { esplan_shingles: { type: 'shingle', min_shingle_size: 2, max_shingle_size: 3 } }, analyzer: { esplan_shingle: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'esplan_shingles'] } } } };
      const r = await call('PUT', `/_component_template/${prefix}-c`, {
        template: { settings: { index: analysis }, mappings: { properties: { f: { type: 'text', fields: { shingles: { type: 'text', analyzer: 'esplan_shingle' } } } } } },
      });
      cleanup('DELETE', `/_component_template/${prefix}-c`);
      expectOk(r);
      const got = (await call('GET', `/_component_template/${prefix}-c`)).body.component_templates[0].component_template.template;
      // Settings come back as strings, lists as lists.
      expect(got.settings.index.analysis.filter.esplan_shingles.max_shingle_size).toBe('3');
      expect(got.settings.index.analysis.analyzer.esplan_shingle.filter).toEqual(['lowercase', 'esplan_shingles']);
    },
  },
  {
    name: 'a custom analyzer naming a filter that does not exist is refused',
    needs: [],
    run: async ({ call, prefix }) => {
      const r = await call('PUT', `/_component_template/${prefix}-c`, {
        template: { settings: { index: { analysis: { analyzer: { a: { type: 'custom', tokenizer: 'standard', filter: [`${prefix}_nofilter`] } } } } } },
      });
      expectError(r, 400, 'illegal_argument_exception', new RegExp(`Custom Analyzer \\[a\\] failed to find filter under name \\[${esc(prefix)}_nofilter\\]`));
    },
  },
  {
    name: 'a partitioned index needs _routing.required and a partition below the routing shards',
    needs: [],
    run: async ({ call, prefix }) => {
      const settings = (p: number) => ({ index: { number_of_shards: 2, number_of_routing_shards: 4, routing_partition_size: p } });
      expectError(
        await call('PUT', `/_component_template/${prefix}-c`, { template: { settings: settings(2), mappings: { properties: { t: { type: 'keyword' } } } } }),
        400,
        'illegal_argument_exception',
        /must have routing required for partitioned index/,
      );
      expectError(
        await call('PUT', `/_component_template/${prefix}-c`, { template: { settings: settings(4), mappings: { _routing: { required: true } } } }),
        400,
        'illegal_argument_exception',
        /routing partition size \[4\] should be a positive number less than the number of routing shards \[4\]/,
      );
    },
  },
  {
    name: 'an index template naming a component template that does not exist is refused',
    needs: [],
    run: async ({ call, prefix }) => {
      expectError(
        await call('PUT', `/_index_template/${prefix}-t`, { index_patterns: [`${prefix}-*`], composed_of: [`${prefix}-missing`] }),
        400,
        'invalid_index_template_exception',
        new RegExp(`specifies component templates \\[${esc(prefix)}-missing\\] that do not exist`),
      );
    },
  },
  {
    name: 'index patterns that could never be index names are refused',
    needs: [],
    run: async ({ call, prefix }) => {
      expectError(await call('PUT', `/_index_template/${prefix}-t`, { index_patterns: [`${prefix} x-*`] }), 400, 'invalid_index_template_exception', /must not contain a space/);
      expectError(await call('PUT', `/_index_template/${prefix}-t`, { index_patterns: [`_${prefix}-*`] }), 400, 'invalid_index_template_exception', /must not start with '_'/);
    },
  },
  {
    name: 'a template whose patterns overlap the built-in logs template at the same priority is refused',
    needs: [],
    run: async ({ call, prefix }) => {
      expectError(
        await call('PUT', `/_index_template/${prefix}-t`, { index_patterns: [`logs-${prefix}-*`], priority: 100 }),
        400,
        'illegal_argument_exception',
        /matching patterns from existing templates \[logs\].*same priority \[100\]/,
      );
    },
  },
  {
    name: 'unknown persistent cluster settings are refused',
    needs: [],
    run: async ({ call }) => {
      expectError(await call('PUT', '/_cluster/settings', { persistent: { 'esplan.no_such_setting': 1 } }), 400, 'illegal_argument_exception', /persistent setting \[esplan\.no_such_setting\], not recognized/);
    },
  },
  {
    name: 'SLM schedules Elasticsearch cannot read are refused by request validation (before the repository is looked up)',
    needs: [],
    run: async ({ call, prefix }) => {
      for (const schedule of ['0 30 1 * * *', '* * * * *', 'every day']) {
        expectError(
          await call('PUT', `/_slm/policy/${prefix}-p`, { name: '<snap-{now/d}>', schedule, repository: `${prefix}-no-repo`, config: {} }),
          400,
          'action_request_validation_exception',
          new RegExp(`invalid schedule \\[${esc(schedule)}\\]: must be a valid cron expression or time unit`),
        );
      }
    },
  },
  {
    name: 'SLM schedules more frequent than 15 minutes are refused, intervals and cron alike',
    needs: ['repository'],
    run: async ({ call, prefix, repository }) => {
      for (const schedule of ['5m', '30s', '0 * * * * ?']) {
        expectError(
          await call('PUT', `/_slm/policy/${prefix}-p`, { name: '<snap-{now/d}>', schedule, repository, config: {} }),
          400,
          'illegal_argument_exception',
          new RegExp(`invalid schedule \\[${esc(schedule)}\\]: schedule would be too frequent, executing more than every \\[15m\\]`),
        );
      }
    },
  },
  {
    name: 'an identical SLM re-put keeps the policy version; a changed one bumps it',
    needs: ['write', 'repository'],
    run: async ({ call, prefix, repository, cleanup }) => {
      const id = `${prefix}-p`;
      const policy = { name: '<snap-{now/d}>', schedule: '0 30 1 * * ?', repository, config: { indices: [`${prefix}-*`] }, retention: { expire_after: '30d' } };
      expectOk(await call('PUT', `/_slm/policy/${id}`, policy));
      cleanup('DELETE', `/_slm/policy/${id}`);
      const first = (await call('GET', `/_slm/policy/${id}`)).body[id];
      expectOk(await call('PUT', `/_slm/policy/${id}`, policy));
      const again = (await call('GET', `/_slm/policy/${id}`)).body[id];
      expect(again.version).toBe(first.version);
      expect(again.modified_date_millis).toBe(first.modified_date_millis);
      expectOk(await call('PUT', `/_slm/policy/${id}`, { ...policy, schedule: '1h' }));
      expect((await call('GET', `/_slm/policy/${id}`)).body[id].version).toBe(first.version + 1);
      expectOk(await call('DELETE', `/_slm/policy/${id}`));
      expectError(await call('DELETE', `/_slm/policy/${id}`), 404, 'resource_not_found_exception');
    },
  },
  {
    name: 'a single-string index_patterns is accepted and read back as a list',
    needs: ['write'],
    run: async ({ call, prefix, cleanup }) => {
      expectOk(await call('PUT', `/_index_template/${prefix}-t`, { index_patterns: `${prefix}-*`, priority: 431 }));
      cleanup('DELETE', `/_index_template/${prefix}-t`);
      const got = await call('GET', `/_index_template/${prefix}-t`);
      expect(got.body.index_templates[0].index_template.index_patterns).toEqual([`${prefix}-*`]);
    },
  },
  {
    name: 'create=true refuses to replace an existing template',
    needs: ['write'],
    run: async ({ call, prefix, cleanup }) => {
      expectOk(await call('PUT', `/_component_template/${prefix}-c?create=true`, { template: {} }));
      cleanup('DELETE', `/_component_template/${prefix}-c`);
      expectError(await call('PUT', `/_component_template/${prefix}-c?create=true`, { template: {} }), 400, 'illegal_argument_exception', new RegExp(`component template \\[${esc(prefix)}-c\\] already exists`));
      expectOk(await call('PUT', `/_index_template/${prefix}-t?create=true`, { index_patterns: [`${prefix}-*`], priority: 432 }));
      cleanup('DELETE', `/_index_template/${prefix}-t`);
      expectError(
        await call('PUT', `/_index_template/${prefix}-t?create=true`, { index_patterns: [`${prefix}-*`], priority: 432 }),
        400,
        'illegal_argument_exception',
        new RegExp(`index template \\[${esc(prefix)}-t\\] already exists`),
      );
    },
  },
  {
    name: 'an index template is validated as composed with its component templates',
    needs: ['write'],
    run: async ({ call, prefix, cleanup }) => {
      expectOk(await call('PUT', `/_component_template/${prefix}-c`, { template: { settings: { index: { number_of_shards: 3 } } } }));
      cleanup('DELETE', `/_component_template/${prefix}-c`);
      // 3 primaries from the component, 4 routing shards from the index template: 3 is not a factor of 4.
      const r = await call('PUT', `/_index_template/${prefix}-t`, {
        index_patterns: [`${prefix}-*`],
        priority: 433,
        composed_of: [`${prefix}-c`],
        template: { settings: { index: { number_of_routing_shards: 4 } } },
      });
      cleanup('DELETE', `/_index_template/${prefix}-t`);
      expectError(r, 400, 'illegal_argument_exception', new RegExp(`composable template \\[${esc(prefix)}-t\\] template after composition with component templates \\[${esc(prefix)}-c\\] is invalid`));
    },
  },
  {
    name: 'changing a component template re-validates the index templates composed of it',
    needs: ['write'],
    run: async ({ call, prefix, cleanup }) => {
      expectOk(await call('PUT', `/_component_template/${prefix}-c`, { template: { settings: { index: { number_of_shards: 2 } } } }));
      cleanup('DELETE', `/_component_template/${prefix}-c`);
      expectOk(
        await call('PUT', `/_index_template/${prefix}-t`, {
          index_patterns: [`${prefix}-*`],
          priority: 434,
          composed_of: [`${prefix}-c`],
          template: { settings: { index: { number_of_routing_shards: 4 } } },
        }),
      );
      cleanup('DELETE', `/_index_template/${prefix}-t`);
      expectError(
        await call('PUT', `/_component_template/${prefix}-c`, { template: { settings: { index: { number_of_shards: 3 } } } }),
        400,
        'illegal_argument_exception',
        new RegExp(`updating component template \\[${esc(prefix)}-c\\] results in invalid composable template \\[${esc(prefix)}-t\\] after templates are merged`),
      );
      // A component template in use cannot be deleted.
      expectError(await call('DELETE', `/_component_template/${prefix}-c`), 400, 'illegal_argument_exception', /cannot be removed as they are still in use by index templates/);
    },
  },
  {
    name: 'DELETE removes templates, and a missing one is a 404',
    needs: ['write'],
    run: async ({ call, prefix, cleanup }) => {
      expectOk(await call('PUT', `/_component_template/${prefix}-c`, { template: {} }));
      cleanup('DELETE', `/_component_template/${prefix}-c`);
      expectOk(await call('PUT', `/_index_template/${prefix}-t`, { index_patterns: [`${prefix}-*`], priority: 435, composed_of: [`${prefix}-c`] }));
      cleanup('DELETE', `/_index_template/${prefix}-t`);
      const listed = await call('GET', `/_index_template/${prefix}-*`);
      expect(listed.body.index_templates.map((t: { name: string }) => t.name)).toEqual([`${prefix}-t`]);
      expectOk(await call('DELETE', `/_index_template/${prefix}-t`));
      expectOk(await call('DELETE', `/_component_template/${prefix}-c`));
      expectError(await call('DELETE', `/_index_template/${prefix}-t`), 404, 'index_template_missing_exception');
      expectError(await call('DELETE', `/_component_template/${prefix}-c`), 404, 'resource_not_found_exception');
    },
  },
  {
    name: 'an index template overlapping a legacy template is accepted with a deprecation Warning header',
    needs: ['write'],
    run: async ({ call, prefix, cleanup }) => {
      const legacy = await call('PUT', `/_template/${prefix}-legacy`, { index_patterns: [`${prefix}-*`] });
      cleanup('DELETE', `/_template/${prefix}-legacy`);
      expectOk(legacy);
      expect(String(legacy.headers.warning)).toMatch(/^299 Elasticsearch-.*Legacy index templates are deprecated/);
      const r = await call('PUT', `/_index_template/${prefix}-t`, { index_patterns: [`${prefix}-*`], priority: 436 });
      cleanup('DELETE', `/_index_template/${prefix}-t`);
      expectOk(r);
      expect(String(r.headers.warning)).toMatch(new RegExp(`^299 Elasticsearch-.*matching patterns from existing older templates \\[${esc(prefix)}-legacy\\].*will take precedence`));
    },
  },
  // What `esplan check` reads (shared/research/live-stats.md; elastic/elasticsearch
  // 220_dense_vector_node_index_stats.yml, DenseVectorStats, IndicesStatsResponse).
  {
    name: 'node stats report dense_vector off-heap totals on every node from 9.1, without a per-field map',
    needs: [],
    versions: { min: '9.1.0' },
    run: async ({ call }) => {
      const r = await call('GET', '/_nodes/stats/indices/dense_vector');
      expect(r.status).toBe(200);
      const nodes = Object.values(r.body.nodes as Record<string, { indices: { dense_vector: { value_count: number; off_heap: Record<string, unknown> } } }>);
      expect(nodes.length).toBeGreaterThan(0);
      for (const n of nodes) {
        expect(typeof n.indices.dense_vector.value_count).toBe('number');
        expect(typeof n.indices.dense_vector.off_heap.total_size_bytes).toBe('number');
        expect(typeof n.indices.dense_vector.off_heap.total_vec_size_bytes).toBe('number');
        expect(n.indices.dense_vector.off_heap.fielddata).toBeUndefined();
      }
    },
  },
  {
    name: 'node stats give heap, memory and disk in bytes as numbers (jvm, os, fs)',
    needs: [],
    run: async ({ call }) => {
      const r = await call('GET', '/_nodes/stats/jvm,os,fs');
      for (const n of Object.values(r.body.nodes as Record<string, { jvm: { mem: { heap_max_in_bytes: unknown } }; os: { mem: { total_in_bytes: unknown } }; fs: { total: { total_in_bytes: unknown; available_in_bytes: unknown } } }>)) {
        expect(typeof n.jvm.mem.heap_max_in_bytes).toBe('number');
        expect(typeof n.os.mem.total_in_bytes).toBe('number');
        expect(typeof n.fs.total.total_in_bytes).toBe('number');
        expect(typeof n.fs.total.available_in_bytes).toBe('number');
      }
    },
  },
  {
    name: 'index settings, mappings and cat shards of a missing index are a 404 index_not_found_exception; a wildcard matching nothing is empty',
    needs: [],
    run: async ({ call, prefix }) => {
      for (const path of [`/${prefix}-none/_settings`, `/${prefix}-none/_mapping`, `/${prefix}-none/_stats`, `/_cat/shards/${prefix}-none?format=json`]) {
        expectError(await call('GET', path), 404, 'index_not_found_exception', new RegExp(`no such index \\[${esc(prefix)}-none\\]`));
      }
      const none = await call('GET', `/${prefix}-none-*/_settings`);
      expect(none.status).toBe(200);
      expect(none.body).toEqual({});
    },
  },
  {
    name: 'cluster settings with include_defaults list the awareness attributes among the defaults',
    needs: [],
    run: async ({ call }) => {
      const r = await call('GET', '/_cluster/settings?include_defaults=true&flat_settings=true');
      expect(r.status).toBe(200);
      expect(r.body.defaults).toHaveProperty(['cluster.routing.allocation.awareness.attributes']);
    },
  },
];

export function inVersion(s: Scenario, version: string): boolean {
  const at = (v: string, min: string) => {
    const a = v.split('.').map(Number);
    const b = min.split('.').map(Number);
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
    return true;
  };
  return (!s.versions?.min || at(version, s.versions.min)) && (!s.versions?.below || !at(version, s.versions.below));
}

/** Runs one scenario with its clean-ups (in reverse order, failures ignored: the object may never have been made). */
export async function runScenario(s: Scenario, ctx: Omit<ScenarioContext, 'cleanup'>): Promise<void> {
  const undo: [string, string][] = [];
  try {
    await s.run({ ...ctx, cleanup: (method, path) => undo.unshift([method, path]) });
  } finally {
    for (const [method, path] of undo) await ctx.call(method, path).catch(() => undefined);
  }
}
