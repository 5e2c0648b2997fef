/**
 * `esplan apply` when things go wrong: credentials, privileges, TLS, timeouts, dropped
 * connections, old or foreign servers. And the rule over all of it: secrets never printed.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCertificate, type TestCertificate } from '../fake-es/cert.js';
import { startFakeEs, type FakeElasticsearch, type FakeEsOptions } from '../fake-es/fake-es.js';
import { fixturesDir } from '../cluster/helpers.js';
import { runCli, type CliResult } from './run-cli.js';

const RAG = join(fixturesDir, 'rag-3zones.json');
const API_KEY = Buffer.from('err-id:err-api-key-9f8e7d').toString('base64');
const USER = 'esplan_writer';
const PASSWORD = 'Pa55-w0rd-that-must-not-leak';

const started: FakeElasticsearch[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

async function cluster(options: FakeEsOptions = {}): Promise<FakeElasticsearch> {
  const es = await startFakeEs({ auth: { apiKeys: [API_KEY], users: [{ username: USER, password: PASSWORD }] }, ...options });
  es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
  started.push(es);
  return es;
}

describe('apply: connection and authentication errors', () => {
  it('authenticates with basic auth and with an API key', async () => {
    const fake = await cluster();
    const basic = await runCli(['apply', RAG, '--dry-run', '--url', fake.url, '--username', USER], { ES_PASSWORD: PASSWORD });
    expect(basic.code).toBe(2);
    expect(fake.requests[0]?.authorization).toBe(`Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
    const key = await runCli(['apply', RAG, '--dry-run', '--url', fake.url, '--api-key', API_KEY]);
    expect(key.code).toBe(2);
  });

  it('says the credentials were rejected on 401, and that some are needed when none were given', async () => {
    const fake = await cluster();
    const wrong = await runCli(['apply', RAG, '--dry-run', '--url', fake.url, '--api-key', 'bm90LXRoZS1rZXk=']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/--api-key: the cluster rejected the API key \(HTTP 401\)/);
    // A wrong password must not send the user off checking an API key they never gave.
    const badPassword = await runCli(['apply', RAG, '--dry-run', '--url', fake.url, '--username', USER], { ES_PASSWORD: 'not-the-password' });
    expect(badPassword.code).toBe(1);
    expect(badPassword.stderr).toMatch(/--username\/--password: the cluster rejected the user name or password \(HTTP 401\) \(fix: check the user name and password/);
    expect(badPassword.stderr).not.toMatch(/API key/);
    const none = await runCli(['apply', RAG, '--dry-run', '--url', fake.url]);
    expect(none.stderr).toMatch(/requires credentials \(HTTP 401\).*--api-key/);
  });

  it('names the missing privilege on 403', async () => {
    const templates = await cluster({ deniedPrivileges: ['manage_index_templates'] });
    const r = await runCli(['apply', RAG, '--dry-run', '--url', templates.url, '--api-key', API_KEY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not allowed to read component template support-docs-settings \(HTTP 403\): the cluster privilege "manage_index_templates" is missing/);

    const slm = await cluster({ deniedPrivileges: ['manage_slm'] });
    const w = await runCli(['apply', RAG, '--yes', '--url', slm.url, '--api-key', API_KEY]);
    expect(w.code).toBe(1);
    expect(w.stderr).toMatch(/✗ FAILED: +snapshot lifecycle policy support-docs-snapshots/);
    expect(w.stderr).toMatch(/grant the cluster privilege manage_slm/);

    const settings = await cluster({ deniedPrivileges: ['manage'] });
    const s = await runCli(['apply', RAG, '--yes', '--url', settings.url, '--api-key', API_KEY]);
    expect(s.stderr).toMatch(/not allowed to update the persistent cluster settings \(HTTP 403\): the cluster privilege "manage" is missing/);
  });

  it('says connection refused when nothing listens', async () => {
    const fake = await cluster();
    const url = fake.url;
    await fake.stop();
    const r = await runCli(['apply', RAG, '--dry-run', '--url', url, '--api-key', API_KEY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/connection refused: nothing is listening there/);
    const json = await runCli(['apply', RAG, '--dry-run', '--json', '--url', url, '--api-key', API_KEY]);
    expect(JSON.parse(json.stdout)).toMatchObject({ result: 'error', errors: [{ message: expect.stringMatching(/connection refused/) }] });
  });

  it('refuses an Elasticsearch 8 cluster and a server that is not Elasticsearch', async () => {
    const old = await cluster({ version: '8.19.2' });
    const r = await runCli(['apply', RAG, '--dry-run', '--url', old.url, '--api-key', API_KEY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/older than 9\.0/);
    const other = await cluster({ productHeader: false });
    const o = await runCli(['apply', RAG, '--dry-run', '--url', other.url, '--api-key', API_KEY]);
    expect(o.stderr).toMatch(/the server is not Elasticsearch/);
  });
});

describe('apply: TLS', () => {
  let cert: TestCertificate;
  beforeAll(() => {
    cert = makeTestCertificate();
  });

  it('fails clearly on an untrusted certificate and works with --ca-cert or --insecure', async () => {
    const fake = await cluster({ tls: { key: cert.key, cert: cert.cert } });
    expect(fake.url).toMatch(/^https:/);
    const untrusted = await runCli(['apply', RAG, '--dry-run', '--url', fake.url, '--api-key', API_KEY]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toMatch(/TLS failed: .*certificate/i);
    expect(untrusted.stderr).toMatch(/--ca-cert/);
    const trusted = await runCli(['apply', RAG, '--dry-run', '--url', fake.url, '--api-key', API_KEY, '--ca-cert', cert.certPath]);
    expect(trusted.code).toBe(2);
    const insecure = await runCli(['apply', RAG, '--dry-run', '--url', fake.url, '--api-key', API_KEY, '--insecure']);
    expect(insecure.code).toBe(2);
    const viaEnv = await runCli(['apply', RAG, '--dry-run'], { ES_URL: fake.url, ES_API_KEY: API_KEY, ES_CA_CERT: cert.certPath });
    expect(viaEnv.code).toBe(2);
  });
});

describe('apply: transient faults', () => {
  it('retries an idempotent read after a timeout and a dropped connection, then succeeds', async () => {
    const fake = await cluster({
      fault: (n) => (n === 1 ? { kind: 'delay', ms: 3000 } : n === 3 ? { kind: 'drop' } : undefined),
    });
    const r = await runCli(['apply', RAG, '--dry-run', '--url', fake.url, '--api-key', API_KEY, '--timeout', '1']);
    expect(r.stderr).toMatch(/read the cluster version: timeout .*retry 1 of 3/);
    expect(r.stderr).toMatch(/dropped .*retry 1 of 3/);
    expect(r.code).toBe(2);
  });

  it('gives up after the retries with a timeout message', async () => {
    const fake = await cluster({ fault: (_n, _m, path) => (path === '/_nodes' ? { kind: 'delay', ms: 3000 } : undefined) });
    // 1 s: the smallest --timeout accepted (formulas/apply.json apply.min_request_timeout_seconds).
    const r = await runCli(['apply', RAG, '--dry-run', '--url', fake.url, '--api-key', API_KEY, '--timeout', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/timed out after 1s while trying to read the nodes and their attributes/);
    // One attempt plus formulas/apply.json apply.retry_attempts (3) retries.
    expect(fake.requests.filter((q) => q.path === '/_nodes')).toHaveLength(4);
  });

  it('reports an unknown outcome when a write keeps losing its connection', async () => {
    const fake = await cluster({ fault: (_n, method, path) => (method === 'PUT' && path === '/_cluster/settings' ? { kind: 'drop' } : undefined) });
    const r = await runCli(['apply', RAG, '--yes', '--url', fake.url, '--api-key', API_KEY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/✗ FAILED: +cluster settings \(persistent\)/);
    expect(r.stderr).toMatch(/may or may not have reached the cluster/);
    expect(r.stderr).toMatch(/✓ written and verified: snapshot lifecycle policy support-docs-snapshots/);
  });
});

describe('apply: secrets', () => {
  it('never prints an API key, password or auth header, nor saves one in a plan', async () => {
    const outputs: CliResult[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'esplan-secret-'));
    const planFile = join(dir, 'plan.json');
    const fake = await cluster({ fault: (_n, method, path) => (method === 'PUT' && path === '/_slm/policy/support-docs-snapshots' ? { kind: 'status', status: 500 } : undefined) });
    const basicUrl = fake.url.replace('http://', `http://${USER}:${encodeURIComponent(PASSWORD)}@`);
    outputs.push(await runCli(['apply', RAG, '--dry-run', '--plan-out', planFile, '--url', basicUrl]));
    outputs.push(await runCli(['apply', RAG, '--yes', '--json', '--url', fake.url, '--username', USER, '--password', PASSWORD]));
    outputs.push(await runCli(['apply', RAG, '--dry-run', '--url', fake.url, '--username', USER, '--password', `${PASSWORD}-wrong`]));
    outputs.push(await runCli(['apply', RAG, '--dry-run', '--url', fake.url, '--api-key', `${API_KEY}x`]));
    outputs.push(await runCli(['apply', RAG, '--dry-run', '--url', 'http://127.0.0.1:1', '--api-key', API_KEY]));
    outputs.push(await runCli(['apply', RAG, '--dry-run', '--url', `not a url ${PASSWORD}`]));
    const everything = outputs.map((o) => o.stdout + o.stderr).join('\n') + readFileSync(planFile, 'utf8');
    expect(outputs[0]?.code).toBe(2);
    expect(outputs[1]?.code).toBe(1);
    for (const secret of [PASSWORD, API_KEY, Buffer.from(`${USER}:${PASSWORD}`).toString('base64'), encodeURIComponent(PASSWORD), 'err-api-key-9f8e7d']) {
      expect(everything).not.toContain(secret);
    }
    expect(JSON.parse(readFileSync(planFile, 'utf8')).cluster.url).toBe(fake.url);
  });
});
