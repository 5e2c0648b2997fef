/**
 * Against a real Elasticsearch 9.x cluster, only when ES_URL is set (credentials from ES_API_KEY
 * or ES_USERNAME/ES_PASSWORD, CA from ES_CA_CERT); skipped, by name, otherwise.
 *
 * It runs every conformance scenario the stand-in is held to (test/conformance/scenarios.ts, the
 * same list test/fake-es/conformance.test.ts runs), so a green run here proves the stand-in's
 * answers on the cluster itself. Read-only by default: refusals write nothing. Set
 * ESPLAN_REAL_CLUSTER_WRITE=1 to run the scenarios that create objects (all named `esplan-it-*`,
 * each removed by its scenario) and to let apply write under a throwaway index name (the templates
 * and SLM policy it wrote are deleted afterwards; the awareness cluster settings it writes stay).
 * Set ES_SNAPSHOT_REPOSITORY to an existing repository for the SLM scenarios that need one.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from './cluster/helpers.js';
import { runCli } from './apply/run-cli.js';
import { client, targetFromEnv } from './conformance/client.js';
import { SCENARIOS, inVersion, runScenario } from './conformance/scenarios.js';

const realEnv = (): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const k of ['ES_URL', 'ES_API_KEY', 'ES_USERNAME', 'ES_PASSWORD', 'ES_CA_CERT']) {
    const v = process.env[k];
    if (v) out[k] = v;
  }
  return out;
};

/**
 * The fixture plan under a unique index name; without snapshots unless an existing repository is
 * named (a real cluster may have none).
 */
function throwawayPlan(snapshotRepository?: string): { file: string; name: string } {
  const plan = JSON.parse(readFileSync(join(fixturesDir, 'rag-3zones.json'), 'utf8'));
  const name = `esplan-it-${Date.now().toString(36)}`;
  plan.workload.index.name = name;
  if (snapshotRepository) plan.workload.snapshots = { ...plan.workload.snapshots, repository: snapshotRepository };
  else delete plan.workload.snapshots;
  const file = join(mkdtempSync(join(tmpdir(), 'esplan-real-')), 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  return { file, name };
}

/** Removes what an apply of a throwaway plan wrote (apply itself never deletes); the cluster settings stay. */
async function removeThrowaway(name: string): Promise<void> {
  if (!target) return;
  const call = client(target);
  for (const path of [`/_slm/policy/${name}-snapshots`, `/_index_template/${name}`, `/_component_template/${name}-settings`, `/_component_template/${name}-mappings`]) {
    await call('DELETE', path).catch(() => undefined);
  }
}

const target = targetFromEnv();
const write = process.env.ESPLAN_REAL_CLUSTER_WRITE === '1';
const repository = process.env.ES_SNAPSHOT_REPOSITORY;

describe.skipIf(!target)('real cluster at ES_URL: conformance scenarios (skipped: set ES_URL to run them)', () => {
  const call = target ? client(target) : async () => ({ status: 0, headers: {}, body: undefined });
  const prefix = `esplan-it-${Date.now().toString(36)}`;
  let version = '';
  const clusterVersion = async () => (version ||= String((await call('GET', '/')).body?.version?.number ?? '0.0.0'));

  for (const scenario of SCENARIOS) {
    const missing = [
      ...(scenario.needs.includes('write') && !write ? ['ESPLAN_REAL_CLUSTER_WRITE=1'] : []),
      ...(scenario.needs.includes('repository') && !repository ? ['ES_SNAPSHOT_REPOSITORY'] : []),
    ];
    const title = missing.length > 0 ? `${scenario.name} (skipped: set ${missing.join(' and ')})` : scenario.name;
    it.runIf(missing.length === 0)(title, async (ctx) => {
      const v = await clusterVersion();
      if (!inVersion(scenario, v)) return ctx.skip();
      await runScenario(scenario, { call, prefix, version: v, repository });
    }, 60_000);
  }
});

describe.skipIf(!process.env.ES_URL)('real cluster at ES_URL: esplan apply (skipped: set ES_URL to run it)', () => {
  it('observes the cluster and produces a plan without writing', async () => {
    const r = await runCli(['apply', throwawayPlan().file, '--dry-run', '--json', '--force'], realEnv(), 60_000);
    expect(r.stderr).not.toMatch(/internal error/);
    const doc = JSON.parse(r.stdout);
    expect(Number(String(doc.cluster.version).split('.')[0])).toBeGreaterThanOrEqual(9);
    // New throwaway templates are always creates; refusals (e.g. nodes without zones) are valid answers too.
    expect(['dry-run', 'refused']).toContain(doc.result);
    if (doc.result === 'dry-run') expect(r.code).toBe(2);
  });

  it.runIf(write)(`applies, verifies, and then finds nothing to change${write ? '' : ' (skipped: set ESPLAN_REAL_CLUSTER_WRITE=1)'}`, async () => {
    const { file, name } = throwawayPlan();
    try {
      const first = await runCli(['apply', file, '--yes', '--force', '--take-ownership'], realEnv(), 60_000);
      expect(first.stderr).toMatch(/Apply complete/);
      const second = await runCli(['apply', file, '--dry-run', '--force'], realEnv(), 60_000);
      expect(second.code).toBe(0);
    } finally {
      await removeThrowaway(name);
    }
  });

  it.runIf(write && !!repository)(
    `writes the snapshot policy too, and a re-apply leaves its version alone${write && repository ? '' : ' (skipped: set ESPLAN_REAL_CLUSTER_WRITE=1 and ES_SNAPSHOT_REPOSITORY)'}`,
    async () => {
      const { file, name } = throwawayPlan(repository);
      const call = client(target as NonNullable<typeof target>);
      try {
        const first = await runCli(['apply', file, '--yes', '--force', '--take-ownership'], realEnv(), 60_000);
        expect(first.stderr).toMatch(/Apply complete/);
        const id = `${name}-snapshots`;
        const version = (await call('GET', `/_slm/policy/${id}`)).body[id].version;
        const again = await runCli(['apply', file, '--yes', '--force', '--take-ownership'], realEnv(), 60_000);
        expect(again.code).toBe(0);
        expect((await call('GET', `/_slm/policy/${id}`)).body[id].version).toBe(version);
      } finally {
        await removeThrowaway(name);
      }
    },
  );
});

describe.skipIf(!process.env.ES_URL)('real cluster at ES_URL: esplan check (skipped: set ES_URL to run it)', () => {
  it('reads the cluster, read-only, and answers with a findings document (exit 0 or 2), never an internal error', async () => {
    // A plan index the cluster has no index for is itself a finding (INDEX_MISSING): the read still covers nodes and awareness.
    const r = await runCli(['check', throwawayPlan().file, '--json'], realEnv(), 120_000);
    expect(r.stderr).not.toMatch(/internal error/);
    const doc = JSON.parse(r.stdout);
    expect(['match', 'findings']).toContain(doc.result);
    expect(r.code).toBe(doc.result === 'match' ? 0 : 2);
    expect(Number(String(doc.cluster.version).split('.')[0])).toBeGreaterThanOrEqual(9);
    for (const f of doc.findings) expect(f).toEqual(expect.objectContaining({ code: expect.stringMatching(/^[A-Z_]+$/), severity: expect.any(String), message: expect.any(String) }));
    expect(doc.findings.map((f: { code: string }) => f.code)).toContain('INDEX_MISSING');
  }, 120_000);
});
