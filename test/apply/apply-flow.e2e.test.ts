/**
 * `esplan apply` end to end: the built CLI against the loopback fake cluster. Write counts come
 * from the fake's request log, so "idempotent" means no PUT reached the cluster.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeEs, type FakeElasticsearch, type FakeEsOptions } from '../fake-es/fake-es.js';
import { fixturesDir } from '../cluster/helpers.js';
import { runCli } from './run-cli.js';

const RAG = join(fixturesDir, 'rag-3zones.json');
const MEMORY = join(fixturesDir, 'agent-memory-2zones.json');
const API_KEY = Buffer.from('test-id:test-api-key-value').toString('base64');

let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.stop();
  es = undefined;
});

async function cluster(options: FakeEsOptions = {}, withBackups = true): Promise<FakeElasticsearch> {
  es = await startFakeEs({ auth: { apiKeys: [API_KEY] }, ...options });
  if (withBackups) es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
  return es;
}

const env = (fake: FakeElasticsearch) => ({ ES_URL: fake.url, ES_API_KEY: API_KEY });
const tmp = () => mkdtempSync(join(tmpdir(), 'esplan-apply-'));

describe('esplan apply against a fake cluster', () => {
  it('first apply writes every object in a safe order, verified; the second writes nothing', async () => {
    const fake = await cluster();
    const first = await runCli(['apply', RAG, '--yes'], env(fake));
    expect(first.stderr).toMatch(/Apply complete/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^\+ component template support-docs-settings$/m);
    expect(first.stdout).toMatch(/Plan: 4 to create, 1 to update, 0 unchanged/);
    expect(fake.writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      'PUT /_component_template/support-docs-settings',
      'PUT /_component_template/support-docs-mappings',
      'PUT /_index_template/support-docs',
      'PUT /_slm/policy/support-docs-snapshots',
      'PUT /_cluster/settings',
    ]);
    // What the cluster now holds, in its own form (strings, nested under index).
    expect(fake.componentTemplates.get('support-docs-settings')?.body.template).toEqual({
      settings: { index: { number_of_shards: '3', number_of_replicas: '1', number_of_routing_shards: '768' } },
    });
    expect(fake.persistent.get('cluster.routing.allocation.awareness.force.zone.values')).toBe('us-east-1a,us-east-1b,us-east-1c');
    expect(first.stderr).toMatch(/templates apply only to indices created from now on/);

    const writesBefore = fake.writes.length;
    const second = await runCli(['apply', RAG, '--yes'], env(fake));
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Plan: 0 to create, 0 to update, 5 unchanged/);
    expect(second.stderr).toMatch(/no changes/);
    expect(fake.writes.length).toBe(writesBefore);
  });

  it('--dry-run writes nothing and exits 2 while changes are pending, 0 when none', async () => {
    const fake = await cluster();
    const dry = await runCli(['apply', RAG, '--dry-run'], env(fake));
    expect(dry.code).toBe(2);
    expect(fake.writes).toHaveLength(0);
    await runCli(['apply', RAG, '--yes'], env(fake));
    const again = await runCli(['apply', RAG, '--dry-run'], env(fake));
    expect(again.code).toBe(0);
  });

  it('shows updates as old → new and --json prints one document on stdout', async () => {
    const fake = await cluster();
    fake.persistent.set('cluster.routing.allocation.awareness.attributes', 'zone');
    fake.persistent.set('cluster.routing.allocation.awareness.force.zone.values', 'us-east-1a,us-east-1b');
    const text = await runCli(['apply', RAG, '--dry-run', '--take-ownership'], env(fake));
    expect(text.stdout).toContain('~ cluster.routing.allocation.awareness.force.zone.values: "us-east-1a,us-east-1b" → "us-east-1a,us-east-1b,us-east-1c"');
    const json = await runCli(['apply', RAG, '--dry-run', '--json', '--take-ownership'], env(fake));
    expect(json.code).toBe(2);
    const doc = JSON.parse(json.stdout);
    expect(doc.result).toBe('dry-run');
    expect(doc.summary).toEqual({ create: 4, update: 1, unchanged: 0 });
    expect(doc.cluster).toMatchObject({ url: fake.url, version: '9.2.0' });
  });

  it('refuses without a terminal unless --yes', async () => {
    const fake = await cluster();
    const r = await runCli(['apply', RAG], env(fake));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--yes: is needed: there is no terminal/);
    expect(fake.writes).toHaveLength(0);
  });

  it('refuses a --plan-out in a missing directory before asking the cluster anything', async () => {
    const fake = await cluster();
    const r = await runCli(['apply', RAG, '--dry-run', '--plan-out', join(tmp(), 'no-such-dir', 'plan.json')], env(fake));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--plan-out: .*plan\.json cannot be written: .*no-such-dir is not a directory \(fix: create the directory first/);
    expect(fake.requests).toHaveLength(0);
  });

  it('applies a saved plan, and refuses it as stale once the cluster changed', async () => {
    const fake = await cluster();
    const dir = tmp();
    const saved = join(dir, 'plan.json');
    const dry = await runCli(['apply', RAG, '--dry-run', '--plan-out', saved], env(fake));
    expect(dry.code).toBe(2);
    const doc = JSON.parse(readFileSync(saved, 'utf8'));
    expect(doc.kind).toBe('esplan-apply-plan');
    expect(doc.cluster.url).toBe(fake.url);
    // The saved plan remembers the URL, but credentials go only to a URL the user gives (issue 12).
    const ok = await runCli(['apply', saved, '--yes'], env(fake));
    expect(ok.code).toBe(0);
    // Running the same saved plan again (a retried CI job) finds the cluster changed by that very
    // plan: nothing to write, so it is a no-op with exit 0, not a stale-plan error.
    const writesAfterApply = fake.writes.length;
    const again = await runCli(['apply', saved, '--yes'], env(fake));
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already matches/);
    expect(fake.writes.length).toBe(writesAfterApply);

    const stalePlan = join(dir, 'stale.json');
    expect((await runCli(['apply', RAG, '--dry-run', '--plan-out', stalePlan], env(fake))).code).toBe(0);
    fake.nodes.push({ name: 'es-d', roles: ['data'], attributes: { zone: 'us-east-1d' } });
    const writes = fake.writes.length;
    const stale = await runCli(['apply', stalePlan, '--yes'], env(fake));
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/plan: is stale: the cluster changed since the plan was made .*changed: data nodes/);
    expect(fake.writes.length).toBe(writes);
  });

  it('refuses to replace a template esplan does not own, and replaces it with --take-ownership', async () => {
    const fake = await cluster();
    fake.componentTemplates.set('support-docs-mappings', {
      body: { template: { mappings: { properties: { title: { type: 'text' } } } } },
      created: 1,
      modified: 1,
      version: 1,
    });
    const refused = await runCli(['apply', RAG, '--yes'], env(fake));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused: component template support-docs-mappings: exists and was not written by esplan/);
    expect(refused.stdout).toMatch(/- template\.mappings\.properties\.title\.type: "text" → \(absent\)/);
    expect(fake.writes).toHaveLength(0);
    const taken = await runCli(['apply', RAG, '--yes', '--take-ownership'], env(fake));
    expect(taken.code).toBe(0);
  });

  it('refuses forced awareness over too few zones or nodes without the attribute, naming them; --force overrides', async () => {
    const fake = await cluster({
      nodes: [
        { name: 'hot-1', roles: ['data_hot', 'master'], attributes: { zone: 'a' } },
        { name: 'hot-2', roles: ['data_hot', 'master'], attributes: { zone: 'b' } },
        { name: 'hot-3', roles: ['data_hot', 'master'] },
        { name: 'coord', roles: [] },
      ],
    });
    const refused = await runCli(['apply', RAG, '--yes'], env(fake));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/data nodes without the attribute zone: hot-3/);
    expect(refused.stderr).toMatch(/needs 3 zones but the data nodes are in 2: a \(hot-1\), b \(hot-2\)/);
    expect(fake.writes).toHaveLength(0);
    const forced = await runCli(['apply', RAG, '--yes', '--force'], env(fake));
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/warning: --force/);
    expect(fake.persistent.get('cluster.routing.allocation.awareness.force.zone.values')).toBe('a,b');
  });

  it('stops at the first failed write and reports exactly what was and was not written', async () => {
    const fake = await cluster({ fault: (_n, method, path) => (method === 'PUT' && path === '/_index_template/support-docs' ? { kind: 'status', status: 500 } : undefined) });
    const r = await runCli(['apply', RAG, '--yes'], env(fake));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Apply FAILED part-way/);
    expect(r.stderr).toMatch(/✓ written and verified: component template support-docs-settings \(create\)/);
    expect(r.stderr).toMatch(/✓ written and verified: component template support-docs-mappings \(create\)/);
    expect(r.stderr).toMatch(/✗ FAILED: +index template support-docs \(create\): injected failure/);
    expect(r.stderr).toMatch(/· not attempted: +snapshot lifecycle policy support-docs-snapshots/);
    expect(r.stderr).toMatch(/· not attempted: +cluster settings \(persistent\)/);
    // A 500 is not transient: one attempt only.
    expect(fake.writes.filter((w) => w.path === '/_index_template/support-docs')).toHaveLength(1);
    expect(fake.indexTemplates.has('support-docs')).toBe(false);
    expect(fake.persistent.size).toBe(0);
  });

  it('registers a missing repository the workload describes before the policy that needs it', async () => {
    const fake = await cluster({
      version: '9.4.1',
      nodes: [
        { name: 'n1', roles: ['data', 'master'], attributes: { az: 'eu-1' } },
        { name: 'n2', roles: ['data', 'master'], attributes: { az: 'eu-2' } },
      ],
    }, false);
    const r = await runCli(['apply', MEMORY, '--yes'], env(fake));
    expect(r.stderr).toMatch(/Apply complete/);
    expect(r.code).toBe(0);
    const paths = fake.writes.map((w) => w.path);
    expect(paths.indexOf('/_snapshot/memory-backups')).toBeLessThan(paths.indexOf('/_slm/policy/agent-memory-snapshots'));
    expect(fake.persistent.get('cluster.routing.allocation.awareness.force.az.values')).toBe('eu-1,eu-2');
  });

  it('refuses what the cluster version cannot hold, and an overlapping template at equal priority', async () => {
    const old = await cluster({ version: '9.1.0', nodes: [{ name: 'n1', roles: ['data'], attributes: { az: 'x' } }, { name: 'n2', roles: ['data'], attributes: { az: 'y' } }] }, false);
    const r = await runCli(['apply', MEMORY, '--yes'], env(old));
    expect(r.code).toBe(1);
    // Issue #13 item 7: the plan's version is named against the cluster's, with the features it lacks.
    expect(r.stderr).toMatch(/elasticsearch\.version: the plan is for Elasticsearch 9\.\d; the cluster runs 9\.1\.0/);
    expect(r.stderr).toMatch(/vectors\[0\]\.index_type: bbq_disk \(field memory.embedding\) needs Elasticsearch 9.2 or later; the cluster runs 9.1.0/);
    expect(r.stderr).toMatch(/vectors\[1\]\.element_type: bfloat16 .*9.3 or later/);
    await old.stop();

    const fake = await cluster();
    fake.indexTemplates.set('team-docs', { body: { index_patterns: ['support-*'], priority: 501 }, created: 1, modified: 1, version: 1 });
    const overlap = await runCli(['apply', RAG, '--yes'], env(fake));
    expect(overlap.code).toBe(1);
    expect(overlap.stderr).toMatch(/index template team-docs \(patterns support-\*, priority 501\) overlaps esplan's template support-docs/);
    expect(fake.writes).toHaveLength(0);
  });

  it('refuses an SLM policy whose repository does not exist', async () => {
    const fake = await cluster({}, false);
    const r = await runCli(['apply', RAG, '--yes'], env(fake));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/snapshots\.repository: snapshot repository backups does not exist/);
  });

  it('explains a plan file that is neither kind of plan', async () => {
    const dir = tmp();
    const file = join(dir, 'x.json');
    writeFileSync(file, JSON.stringify({ hello: 1 }));
    const r = await runCli(['apply', file, '--url', 'http://127.0.0.1:1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is neither a saved apply plan/);
  });
});
