/**
 * Before planning any write, apply compares the plan's Elasticsearch version and licence with the
 * cluster's (GET / and GET /_license): a plan for a newer version or a higher licence than the
 * cluster runs is refused, naming both, and nothing is written (issue #13 item 7).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkWorkloadFitsCluster } from '../../src/cluster/preflight.js';
import { loadApplyPolicy } from '../../src/data/apply-policy.js';
import { startFakeEs, type FakeElasticsearch, type FakeEsOptions } from '../fake-es/fake-es.js';
import { fixturesDir } from '../cluster/helpers.js';
import { runCli } from './run-cli.js';

// rag-3zones.json is a plan for Elasticsearch 9.2, enterprise; agent-memory-2zones.json for 9.4, enterprise.
const RAG = join(fixturesDir, 'rag-3zones.json');
const MEMORY = join(fixturesDir, 'agent-memory-2zones.json');
const API_KEY = Buffer.from('fit-id:fit-api-key-value').toString('base64');

let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.stop();
  es = undefined;
});

async function cluster(options: FakeEsOptions): Promise<FakeElasticsearch> {
  es = await startFakeEs({ auth: { apiKeys: [API_KEY] }, ...options });
  es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
  return es;
}

const env = (fake: FakeElasticsearch) => ({ ES_URL: fake.url, ES_API_KEY: API_KEY });

describe('apply: the plan against the cluster it is applied to', () => {
  it('refuses a 9.4 plan on a 9.2 cluster, naming both versions, before reading anything else', async () => {
    const fake = await cluster({ version: '9.2.3', nodes: [{ name: 'n1', roles: ['data'], attributes: { zone: 'a' } }, { name: 'n2', roles: ['data'], attributes: { zone: 'b' } }] });
    const r = await runCli(['apply', MEMORY, '--yes'], env(fake));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/elasticsearch\.version: the plan is for Elasticsearch 9\.4; the cluster runs 9\.2\.3 \(fix: set elasticsearch\.version: "9\.2" and plan again/);
    expect(fake.writes).toHaveLength(0);
    // GET / and GET /_license only: nothing else is worth asking.
    expect(fake.requests.map((q) => q.path)).toEqual(['/', '/_license']);
  });

  it('refuses an enterprise plan on a basic cluster, naming both licences', async () => {
    const fake = await cluster({ license: { type: 'basic', status: 'active' } });
    const r = await runCli(['apply', RAG, '--dry-run'], env(fake));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/elasticsearch\.license: the plan is for a enterprise licence; the cluster's licence is basic/);
    expect(fake.writes).toHaveLength(0);
  });

  it('an expired licence counts as basic, and says so', async () => {
    const fake = await cluster({ license: { type: 'enterprise', status: 'expired' } });
    const r = await runCli(['apply', RAG, '--dry-run'], env(fake));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the cluster's licence is enterprise \(expired\)/);
  });

  it('a trial licence carries an enterprise plan; a newer cluster carries an older plan', async () => {
    const fake = await cluster({ version: '9.4.1', license: { type: 'trial', status: 'active' } });
    const r = await runCli(['apply', RAG, '--dry-run'], env(fake));
    expect(r.stderr).not.toMatch(/elasticsearch\.(version|license)/);
    expect(r.code).toBe(2); // changes pending, nothing written
    expect(fake.writes).toHaveLength(0);
  });
});

describe('checkWorkloadFitsCluster', () => {
  const ranks = loadApplyPolicy().licenseRank;
  const w = (version: string, license: string) => ({ elasticsearch: { version, license } });
  const active = (type: string) => ({ type, status: 'active' });

  it('compares minors, not patch releases', () => {
    expect(checkWorkloadFitsCluster(w('9.2', 'basic'), '9.2.0', active('basic'), ranks)).toEqual([]);
    expect(checkWorkloadFitsCluster(w('9.2', 'basic'), '9.10.0', active('basic'), ranks)).toEqual([]);
    expect(checkWorkloadFitsCluster(w('9.3', 'basic'), '9.2.9', active('basic'), ranks).map((p) => p.path)).toEqual(['elasticsearch.version']);
  });

  it('ranks licences as Elasticsearch does: basic < gold < platinum < enterprise = trial', () => {
    expect(checkWorkloadFitsCluster(w('9.2', 'platinum'), '9.2.0', active('gold'), ranks).map((p) => p.path)).toEqual(['elasticsearch.license']);
    expect(checkWorkloadFitsCluster(w('9.2', 'platinum'), '9.2.0', active('platinum'), ranks)).toEqual([]);
    expect(checkWorkloadFitsCluster(w('9.2', 'platinum'), '9.2.0', active('enterprise'), ranks)).toEqual([]);
    expect(checkWorkloadFitsCluster(w('9.2', 'enterprise'), '9.2.0', active('trial'), ranks)).toEqual([]);
    expect(checkWorkloadFitsCluster(w('9.2', 'basic'), '9.2.0', { type: 'platinum', status: 'expired' }, ranks)).toEqual([]);
  });

  it('shows a licence type from the cluster through the sanitiser', () => {
    const [p] = checkWorkloadFitsCluster(w('9.2', 'enterprise'), '9.2.0', active('\u001b[2Jbasic'), ranks);
    expect(p?.message).not.toContain('\u001b');
  });
});
