/**
 * The fake cluster answers as Elasticsearch does (shapes from the elasticsearch-specification
 * examples in research/es-api-examples): if it drifted, the apply tests would prove nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeEs, type FakeElasticsearch, type FakeEsOptions } from './fake-es.js';

let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.stop();
  es = undefined;
});

async function fake(options: FakeEsOptions = {}) {
  es = await startFakeEs(options);
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${es!.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return { es, call };
}

describe('fake Elasticsearch', () => {
  it('identifies itself with the product header and a version', async () => {
    const { call } = await fake({ version: '9.3.1' });
    const root = await call('GET', '/');
    expect(root.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect(root.body.version.number).toBe('9.3.1');
    expect(root.body.tagline).toBe('You Know, for Search');
  });

  it('stores persistent settings from flat or nested bodies, returns strings, and resets with null', async () => {
    const { call } = await fake();
    await call('PUT', '/_cluster/settings', { persistent: { cluster: { routing: { allocation: { awareness: { attributes: 'zone' } } } } } });
    await call('PUT', '/_cluster/settings', { persistent: { 'cluster.routing.allocation.awareness.force.zone.values': ['a', 'b'], 'indices.recovery.max_bytes_per_sec': 50 } });
    const flat = await call('GET', '/_cluster/settings?flat_settings=true');
    expect(flat.body.persistent).toEqual({
      'cluster.routing.allocation.awareness.attributes': 'zone',
      'cluster.routing.allocation.awareness.force.zone.values': ['a', 'b'],
      'indices.recovery.max_bytes_per_sec': '50',
    });
    const nested = await call('GET', '/_cluster/settings');
    expect(nested.body.persistent.cluster.routing.allocation.awareness.attributes).toBe('zone');
    await call('PUT', '/_cluster/settings', { persistent: { 'indices.recovery.max_bytes_per_sec': null } });
    expect((await call('GET', '/_cluster/settings?flat_settings=true')).body.persistent['indices.recovery.max_bytes_per_sec']).toBeUndefined();
    const unknown = await call('PUT', '/_cluster/settings', { persistent: { 'no.such.setting': 1 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.type).toBe('illegal_argument_exception');
  });

  it('answers 404 in Elasticsearch’s error shape', async () => {
    const { call } = await fake();
    const missing = await call('GET', '/_component_template/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: {
        root_cause: [{ type: 'resource_not_found_exception', reason: 'component template matching [nope] not found' }],
        type: 'resource_not_found_exception',
        reason: 'component template matching [nope] not found',
      },
      status: 404,
    });
    expect((await call('GET', '/_snapshot/nope')).body.error.type).toBe('repository_missing_exception');
  });

  it('returns template settings nested under index as strings, with dates nobody sent', async () => {
    const { call } = await fake();
    await call('PUT', '/_component_template/ct', { template: { settings: { number_of_shards: 2, 'index.number_of_replicas': 1 } } });
    const got = await call('GET', '/_component_template/ct');
    const ct = got.body.component_templates[0].component_template;
    expect(ct.template.settings).toEqual({ index: { number_of_shards: '2', number_of_replicas: '1' } });
    expect(typeof ct.created_date_millis).toBe('number');
  });

  it('validates index templates: unknown component templates and overlapping patterns at one priority', async () => {
    const { call } = await fake();
    const unknown = await call('PUT', '/_index_template/t1', { index_patterns: ['logs-*'], composed_of: ['missing'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.type).toBe('invalid_index_template_exception');
    expect((await call('PUT', '/_index_template/t1', { index_patterns: ['logs-*'], priority: 5 })).status).toBe(200);
    const overlap = await call('PUT', '/_index_template/t2', { index_patterns: ['logs-app*'], priority: 5 });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.reason).toMatch(/same priority \[5\]/);
    expect((await call('PUT', '/_index_template/t2', { index_patterns: ['logs-app*'], priority: 6 })).status).toBe(200);
  });

  it('needs the repository before an SLM policy', async () => {
    const { call } = await fake();
    const policy = { name: '<p-{now/d}>', schedule: '1h', repository: 'repo', config: {} };
    const refused = await call('PUT', '/_slm/policy/p', policy);
    expect(refused.status).toBe(400);
    expect(refused.body.error.reason).toBe('no such repository [repo]');
    await call('PUT', '/_snapshot/repo', { type: 'fs', settings: { location: '/x' } });
    expect((await call('PUT', '/_slm/policy/p', policy)).status).toBe(200);
    expect((await call('GET', '/_slm/policy/p')).body.p.policy.repository).toBe('repo');
  });

  it('takes bbq_disk `bits` from 9.4 (esplan\'s apply.bbq_disk_bits_min_version) and refuses it before', async () => {
    const mapping = { template: { mappings: { properties: { v: { type: 'dense_vector', dims: 128, index_options: { type: 'bbq_disk', bits: 2 } } } } } };
    const { call } = await fake({ version: '9.4.0' });
    expect((await call('PUT', '/_component_template/ct', mapping)).status).toBe(200);
    const bad = await call('PUT', '/_component_template/ct', { template: { mappings: { properties: { v: { type: 'dense_vector', dims: 128, index_options: { type: 'bbq_disk', bits: 3 } } } } } });
    expect(bad.body.error.caused_by.reason).toBe("'bits' must be 1, 2 or 4, got: 3 for field [v]");
    await es?.stop();
    const older = await fake({ version: '9.3.0' });
    const refused = await older.call('PUT', '/_component_template/ct', mapping);
    expect(refused.status).toBe(400);
    expect(refused.body.error.reason).toBe('Failed to parse mapping: Mapping definition for [v] has unsupported parameters:  [bits : 2]');
  });

  it('leaves an identical index template alone (modified date kept) and dates a changed one', async () => {
    const { call } = await fake();
    const body = { index_patterns: ['a-*'], priority: 7, template: { settings: { number_of_shards: 2 } } };
    await call('PUT', '/_index_template/t', body);
    const before = (await call('GET', '/_index_template/t')).body.index_templates[0].index_template.modified_date_millis;
    await call('PUT', '/_index_template/t', body);
    expect((await call('GET', '/_index_template/t')).body.index_templates[0].index_template.modified_date_millis).toBe(before);
    await call('PUT', '/_index_template/t', { ...body, priority: 8 });
    expect((await call('GET', '/_index_template/t')).body.index_templates[0].index_template.modified_date_millis).toBeGreaterThan(before);
  });

  it('needs name, schedule and repository in an SLM policy, and ignores fields it does not know', async () => {
    const { call } = await fake();
    await call('PUT', '/_snapshot/repo', { type: 'fs', settings: { location: '/x' } });
    const missing = await call('PUT', '/_slm/policy/p', { schedule: '1h', repository: 'repo' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.reason).toBe('Required [name]');
    expect((await call('PUT', '/_slm/policy/p', { name: 'n', schedule: '1h', repository: 'repo', esplan_unknown: 1 })).status).toBe(200);
  });

  it('keeps an SLM policy\'s version on an identical re-put by the same identity, and bumps it for another', async () => {
    const keys = { apiKeys: ['a2V5', 'b3RoZXI='] };
    const { call } = await fake({ auth: keys });
    const as = (key: string) => ({ authorization: `ApiKey ${key}` });
    await call('PUT', '/_snapshot/repo', { type: 'fs', settings: { location: '/x' } }, as('a2V5'));
    const policy = { name: 'n', schedule: '1h', repository: 'repo' };
    const version = async () => (await call('GET', '/_slm/policy/p', undefined, as('a2V5'))).body.p.version;
    await call('PUT', '/_slm/policy/p', policy, as('a2V5'));
    await call('PUT', '/_slm/policy/p', policy, as('a2V5'));
    expect(await version()).toBe(1);
    // The same policy from another API key changes the identity snapshots run as: a real update.
    await call('PUT', '/_slm/policy/p', policy, as('b3RoZXI='));
    expect(await version()).toBe(2);
  });

  it('honours a lowered slm.minimum_interval cluster setting', async () => {
    const { call } = await fake();
    await call('PUT', '/_snapshot/repo', { type: 'fs', settings: { location: '/x' } });
    const policy = { name: 'n', schedule: '5m', repository: 'repo' };
    expect((await call('PUT', '/_slm/policy/p', policy)).status).toBe(400);
    await call('PUT', '/_cluster/settings', { persistent: { 'slm.minimum_interval': '1m' } });
    expect((await call('PUT', '/_slm/policy/p', policy)).status).toBe(200);
  });

  it('authenticates API keys and basic credentials, 401 otherwise, and 403 for missing privileges', async () => {
    const { call } = await fake({ auth: { apiKeys: ['a2V5'], users: [{ username: 'u', password: 'p' }] }, deniedPrivileges: ['manage'] });
    expect((await call('GET', '/')).status).toBe(401);
    expect((await call('GET', '/', undefined, { authorization: 'ApiKey a2V5' })).status).toBe(200);
    expect((await call('GET', '/', undefined, { authorization: `Basic ${Buffer.from('u:p').toString('base64')}` })).status).toBe(200);
    expect((await call('GET', '/', undefined, { authorization: `Basic ${Buffer.from('u:x').toString('base64')}` })).status).toBe(401);
    const denied = await call('PUT', '/_cluster/settings', { persistent: {} }, { authorization: 'ApiKey a2V5' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.reason).toMatch(/granted by the cluster privileges \[manage,all\]/);
  });

  it('injects a 500 on the n-th request and drops connections on demand', async () => {
    const { es: cluster, call } = await fake({ fault: (n) => (n === 2 ? { kind: 'status', status: 500 } : n === 3 ? { kind: 'drop' } : undefined) });
    expect((await call('GET', '/')).status).toBe(200);
    expect((await call('GET', '/')).status).toBe(500);
    await expect(call('GET', '/')).rejects.toThrow();
    expect((await call('GET', '/')).status).toBe(200);
    expect(cluster.requests.map((r) => r.n)).toEqual([1, 2, 3, 4]);
  });

  it('stops by itself after its lifetime', async () => {
    const { es: cluster } = await fake({ lifetimeMs: 50 });
    const url = cluster.url;
    await new Promise((r) => setTimeout(r, 200));
    await expect(fetch(url)).rejects.toThrow();
  });
});
