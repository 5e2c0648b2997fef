/**
 * Against a real Elasticsearch 9.x cluster, only when ES_URL is set (credentials from ES_API_KEY
 * or ES_USERNAME/ES_PASSWORD, CA from ES_CA_CERT). Read-only by default: it observes and plans
 * with --dry-run. Set ESPLAN_REAL_CLUSTER_WRITE=1 to let it apply templates under a throwaway
 * index name (it never deletes; remove `esplan-it-*` templates by hand afterwards).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from './cluster/helpers.js';
import { runCli } from './apply/run-cli.js';

const realEnv = (): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const k of ['ES_URL', 'ES_API_KEY', 'ES_USERNAME', 'ES_PASSWORD', 'ES_CA_CERT']) {
    const v = process.env[k];
    if (v) out[k] = v;
  }
  return out;
};

/** The fixture plan under a unique index name, without snapshots (a real cluster may have no repository). */
function throwawayPlan(): string {
  const plan = JSON.parse(readFileSync(join(fixturesDir, 'rag-3zones.json'), 'utf8'));
  const name = `esplan-it-${Date.now().toString(36)}`;
  plan.workload.index.name = name;
  delete plan.workload.snapshots;
  const file = join(mkdtempSync(join(tmpdir(), 'esplan-real-')), 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

describe.skipIf(!process.env.ES_URL)('real cluster at ES_URL (skipped: set ES_URL to run it)', () => {
  it('observes the cluster and produces a plan without writing', async () => {
    const r = await runCli(['apply', throwawayPlan(), '--dry-run', '--json', '--force'], realEnv(), 60_000);
    expect(r.stderr).not.toMatch(/internal error/);
    const doc = JSON.parse(r.stdout);
    expect(Number(String(doc.cluster.version).split('.')[0])).toBeGreaterThanOrEqual(9);
    // New throwaway templates are always creates; refusals (e.g. nodes without zones) are valid answers too.
    expect(['dry-run', 'refused']).toContain(doc.result);
    if (doc.result === 'dry-run') expect(r.code).toBe(2);
  });

  it.runIf(process.env.ESPLAN_REAL_CLUSTER_WRITE === '1')('applies, verifies, and then finds nothing to change', async () => {
    const plan = throwawayPlan();
    const first = await runCli(['apply', plan, '--yes', '--force', '--take-ownership'], realEnv(), 60_000);
    expect(first.stderr).toMatch(/Apply complete/);
    const second = await runCli(['apply', plan, '--dry-run', '--force'], realEnv(), 60_000);
    expect(second.code).toBe(0);
  });
});
