/**
 * Issue 12 (lower): every reply apply reads is checked against what its endpoint returns. A wrong
 * shape used to end in an internal error (9 of 22 shapes tried) or be silently misread (settings as
 * a string, priority "501" taken for 0, a pattern string read as a list of characters); a 307 was
 * read as an empty reply ("Elasticsearch 0.0.0"); a deeply nested reply overflowed the stack.
 * Here each is a bad reply naming the endpoint and the field, through the real transport.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConnection } from '../../src/cluster/connection.js';
import { openClusterHttp } from '../../src/cluster/es-transport.js';
import { ClusterError, type ClusterHttp, type RequestSpec } from '../../src/cluster/http.js';
import { nestsDeeperThan, replyShapeProblem } from '../../src/cluster/reply-schemas.js';
import { startFakeEs, type FakeElasticsearch } from '../fake-es/fake-es.js';

const get = (path: string): RequestSpec => ({ method: 'GET', path, idempotent: true, privilege: 'monitor', what: 'read it' });

let es: FakeElasticsearch;
let http: ClusterHttp;
let reply = '{}';
beforeAll(async () => {
  es = await startFakeEs({ fault: () => ({ kind: 'raw', text: reply }) });
  http = await openClusterHttp(resolveConnection({ url: es.url }, {}, { timeoutSeconds: 5 }), { attempts: 2, backoffMs: 1 });
});
afterAll(async () => {
  await http.close();
  await es.stop();
});

async function failure(path: string, body: unknown): Promise<ClusterError> {
  reply = typeof body === 'string' ? body : JSON.stringify(body);
  const before = es.requests.length;
  try {
    await http.request(get(path));
  } catch (err) {
    expect(err).toBeInstanceOf(ClusterError);
    // A wrong shape is not transient: asked once, not retried.
    expect(es.requests.length - before).toBe(1);
    return err as ClusterError;
  }
  throw new Error(`expected GET ${path} to be refused`);
}

const root = { cluster_name: 'c', cluster_uuid: 'u', version: { number: '9.2.0' } };
const indexTemplate = (t: Record<string, unknown>) => ({ index_templates: [{ name: 'x', index_template: { index_patterns: ['x-*'], ...t } }] });
const componentTemplate = (t: Record<string, unknown>) => ({ component_templates: [{ name: 'c', component_template: { template: {}, ...t } }] });
const slm = (policy: unknown) => ({ p: { version: 1, policy } });

// [path, reply, the message expected after "unexpected reply from GET <path>: "]
const WRONG: ReadonlyArray<readonly [string, unknown, string]> = [
  ['/', { ...root, version: {} }, 'version.number is missing'],
  ['/', { ...root, version: { number: 9 } }, 'version.number must be a string (got a number)'],
  ['/', { ...root, version: '9.2.0' }, 'version must be an object (got a string)'],
  ['/', { ...root, version: { number: 'nine' } }, 'version.number must be a version such as 9.1.0'],
  ['/', [], 'the reply must be an object (got a list)'],
  ['/', { version: { number: '9.2.0' }, cluster_uuid: 'u' }, 'cluster_name is missing'],
  ['/_nodes', { nodes: [] }, 'nodes must be an object (got a list)'],
  ['/_nodes', { nodes: { n1: { name: 'a', roles: 'data' } } }, 'nodes.n1.roles must be a list (got a string)'],
  ['/_nodes', { nodes: { n1: { name: 'a', roles: ['data'], attributes: { zone: 1 } } } }, 'nodes.n1.attributes.zone must be a string (got a number)'],
  ['/_nodes', { nodes: { n1: { roles: ['data'] } } }, 'nodes.n1.name is missing'],
  ['/_cluster/settings', { persistent: 'x' }, 'persistent must be an object (got a string)'],
  ['/_cluster/settings', { persistent: { 'a.b': [{ c: 1 }] } }, 'persistent["a.b"] must be a string, number, boolean or list of them (got a list)'],
  ['/_component_template/c', { component_templates: {} }, 'component_templates must be a list (got an object)'],
  ['/_component_template/c', componentTemplate({ template: { settings: 'abc' } }), 'component_templates[0].component_template.template.settings must be an object (got a string)'],
  ['/_component_template/c', { component_templates: [{ name: 'c', component_template: {} }] }, 'component_templates[0].component_template.template is missing'],
  ['/_component_template/c', componentTemplate({ _meta: 'esplan' }), 'component_templates[0].component_template._meta must be an object (got a string)'],
  ['/_index_template', indexTemplate({ priority: '501' }), 'index_templates[0].index_template.priority must be a number (got a string)'],
  ['/_index_template/x', indexTemplate({ priority: 1.5 }), 'index_templates[0].index_template.priority must be a whole number (got a fraction)'],
  ['/_index_template', indexTemplate({ index_patterns: 'logs-*' }), 'index_templates[0].index_template.index_patterns must be a list (got a string)'],
  ['/_index_template', indexTemplate({ index_patterns: [1] }), 'index_templates[0].index_template.index_patterns[0] must be a string (got a number)'],
  ['/_index_template', {}, 'index_templates is missing'],
  ['/_index_template', indexTemplate({ template: { mappings: [] } }), 'index_templates[0].index_template.template.mappings must be an object (got a list)'],
  ['/_index_template', indexTemplate({ template: { settings: { index: { number_of_shards: { x: [{}] } } } } }), 'index_templates[0].index_template.template.settings.index.number_of_shards.x must be a string, number, boolean or list of them (got a list)'],
  ['/_slm/policy/p', slm('x'), 'p.policy must be an object (got a string)'],
  ['/_slm/policy/p', slm({ name: 'n', schedule: 's', repository: 5 }), 'p.policy.repository must be a string (got a number)'],
  ['/_snapshot/backups', { backups: 'fs' }, 'backups must be an object (got a string)'],
  ['/_snapshot/backups', { backups: { type: 1 } }, 'backups.type must be a string (got a number)'],
  ['/', '', 'an empty body where a JSON object was expected'],
];

describe('a reply of the wrong shape is a clear bad reply naming the endpoint and the field', () => {
  for (const [path, body, message] of WRONG) {
    it(`GET ${path}: ${message}`, async () => {
      const err = await failure(path, body);
      expect(err.kind).toBe('bad-reply');
      expect(err.message).toContain(`unexpected reply from GET ${path}: ${message}`);
    });
  }

  it('a 307 is refused, never followed (credentials stay with --url), and names the redirect', async () => {
    const elsewhere: string[] = [];
    const target = await listen(createServer((req, res) => (elsewhere.push(String(req.headers.authorization)), res.end('{}'))));
    const redirecting = await listen(
      createServer((_req, res) => {
        res.writeHead(307, { location: `${url(target)}/`, 'content-length': '0' });
        res.end();
      }),
    );
    const conn = resolveConnection({ url: url(redirecting), apiKey: 'secret-api-key' }, {}, { timeoutSeconds: 5 });
    const client = await openClusterHttp(conn, { attempts: 2, backoffMs: 1 });
    try {
      const err = await client.request(get('/')).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ClusterError);
      expect((err as ClusterError).kind).toBe('bad-reply');
      expect((err as ClusterError).message).toMatch(/HTTP 307 redirect to http:\/\/127\.0\.0\.1:\d+\/; esplan follows no redirects/);
      expect(elsewhere).toEqual([]);
    } finally {
      await client.close();
      redirecting.close();
      target.close();
    }
  });

  it('a reply nested deeper than 64 levels is refused without overflowing the stack', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const err = await failure('/_component_template/c', deep);
    expect(err.kind).toBe('bad-reply');
    expect(err.message).toContain('the reply nests deeper than 64 levels');
    // 64 levels exactly is fine (formulas/apply.json apply.max_reply_depth = 64).
    expect(nestsDeeperThan(JSON.parse(`${'['.repeat(64)}${']'.repeat(64)}`), 64)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(`${'['.repeat(65)}${']'.repeat(65)}`), 64)).toBe(true);
    expect(nestsDeeperThan(JSON.parse(`[${'['.repeat(64)}${']'.repeat(64)}]`), 64)).toBe(true);
  });

  it('a 404 where Elasticsearch always answers is unexpected; for a named object it means absent', async () => {
    const e404 = await startFakeEs({ fault: () => ({ kind: 'status', status: 404 }) });
    const client = await openClusterHttp(resolveConnection({ url: e404.url }, {}, { timeoutSeconds: 5 }), { attempts: 0, backoffMs: 1 });
    try {
      await expect(client.request(get('/'))).rejects.toMatchObject({ kind: 'bad-reply', message: expect.stringContaining('unexpected reply from GET /: HTTP 404') });
      await expect(client.request(get('/_index_template/x'))).resolves.toMatchObject({ status: 404 });
    } finally {
      await client.close();
      await e404.stop();
    }
  });
});

describe('what Elasticsearch really sends is accepted', () => {
  // The specification's examples, transcribed with their sources into the repository
  // (test/fixtures/es-api-examples.json, from shared/research/es-api-examples/), so the check runs in every clone.
  const { examples } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'es-api-examples.json'), 'utf8')) as {
    examples: Record<string, { source: string; body: unknown }>;
  };
  const recorded: Record<string, string> = {
    get_root: '/',
    get_root_serverless: '/',
    get_nodes: '/_nodes',
    get_license: '/_license',
    get_component_template: '/_component_template/my-component-template',
    get_index_template: '/_index_template',
    get_slm_policy: '/_slm/policy/daily-snapshots',
    get_repository: '/_snapshot/my_repository',
  };

  it('the specification examples of every endpoint apply reads (shared/research/es-api-examples)', () => {
    for (const [name, path] of Object.entries(recorded)) {
      const example = examples[name];
      expect(example, `${name} is missing from test/fixtures/es-api-examples.json`).toBeDefined();
      expect(replyShapeProblem(get(path), 200, example!.body), example!.source).toBeUndefined();
    }
  });

  it('settings values as strings, nested or flat, list settings as arrays, extra fields anywhere', () => {
    const cases: Array<[string, unknown]> = [
      ['/', { name: 'n', ...root, version: { number: '9.1.0', build_flavor: 'default', lucene_version: '10.2.2' }, tagline: 'You Know, for Search' }],
      ['/_nodes', {}],
      ['/_nodes', { nodes: { n1: { name: 'a' } } }],
      ['/_cluster/settings', { persistent: { 'cluster.routing.allocation.awareness.attributes': 'zone', 'x.list': ['a', 'b'] }, transient: {} }],
      ['/_cluster/settings', { persistent: { cluster: { routing: { allocation: { awareness: { attributes: 'zone' } } } } } }],
      ['/_index_template', indexTemplate({ priority: 501, template: { settings: { index: { number_of_shards: '1', 'routing.allocation.include._tier_preference': 'data_hot' } } }, created_date_millis: 1 })],
      ['/_index_template', { index_templates: [] }],
      ['/_slm/policy/p', slm({ name: '<n-{now/d}>', schedule: '0 30 1 * * ?', repository: 'r', config: { metadata: { managed_by: 'esplan' } } })],
      ['/_snapshot/backups', { backups: { type: 'fs', uuid: 'u', settings: { location: '/mnt' } } }],
      // A preconfigured endpoint as a 9.x cluster lists it (with settings esplan does not read).
      [
        '/_inference/.elser-2-elasticsearch',
        {
          endpoints: [
            {
              inference_id: '.elser-2-elasticsearch',
              task_type: 'sparse_embedding',
              service: 'elasticsearch',
              service_settings: { num_threads: 1, model_id: '.elser_model_2_linux-x86_64', adaptive_allocations: { enabled: true } },
              chunking_settings: { strategy: 'sentence', max_chunk_size: 250, sentence_overlap: 1 },
            },
          ],
        },
      ],
    ];
    for (const [path, body] of cases) expect(replyShapeProblem(get(path), 200, body), path).toBeUndefined();
    // A missing endpoint is an answer (absent), and a reply without its task type is not one.
    expect(replyShapeProblem(get('/_inference/none'), 404, {})).toBeUndefined();
    expect(replyShapeProblem(get('/_inference/x'), 200, { endpoints: [{ inference_id: 'x', service: 'elastic' }] })).toBe('unexpected reply from GET /_inference/x: endpoints[0].task_type is missing');
    // Writes are not read, so their replies are not checked.
    expect(replyShapeProblem({ method: 'PUT', path: '/_index_template/x' }, 200, 'anything')).toBeUndefined();
  });
});

function listen(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
function url(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
