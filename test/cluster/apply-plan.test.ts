/**
 * The apply plan as a value: built from plain objects, no cluster. Staleness, the saved plan's
 * integrity checks, connection warnings and the outcome-to-exit-code table.
 */
import { describe, expect, it } from 'vitest';
import { loadApplyPolicy } from '../../src/data/apply-policy.js';
import { loadIndexTypes } from '../../src/data/index-types.js';
import { buildApplyPlan, type ApplyPlanInput } from '../../src/cluster/apply-plan.js';
import { connectionWarnings } from '../../src/cluster/connection.js';
import { reviewedChanges } from '../../src/cluster/saved-plan.js';
import { applyJson } from '../../src/cluster/apply-view.js';
import { executeWrites } from '../../src/cluster/execute.js';
import type { ClusterHttp, RequestSpec } from '../../src/cluster/http.js';
import { makeSavedPlan } from '../../src/cluster/saved-plan.js';
import { APPLY_EXIT_CODES } from '../../src/cli/exit-codes.js';
import { emptyObserved, loadPlanFixture } from './helpers.js';

const policy = loadApplyPolicy();
const rag = loadPlanFixture('rag-3zones.json');
const nodes = ['a', 'b', 'c'].map((z) => ({ id: z, name: `es-${z}`, roles: ['data'], attributes: { zone: `zone-${z}` } }));
const observed = emptyObserved({ nodes, repositories: { backups: { type: 'fs', settings: {} } } });
const input = (over: Partial<ApplyPlanInput> = {}): ApplyPlanInput => ({
  plan: rag,
  observed,
  policy,
  indexTypes: loadIndexTypes(),
  flags: { force: false, takeOwnership: false },
  url: 'https://es.test:9200',
  ...over,
});
const saveOf = (ap: ReturnType<typeof buildApplyPlan>) => makeSavedPlan({ esplanVersion: 't', applyPlan: ap, plan: rag, now: new Date(0) });

describe('buildApplyPlan', () => {
  it('plans every object of an empty cluster, with no refusals', () => {
    const ap = buildApplyPlan(input());
    // rag-3zones: 2 component templates, the index template, the SLM policy (repository exists) and the cluster settings.
    expect(ap.summary).toEqual({ create: 4, update: 1, unchanged: 0 });
    expect(ap.pending).toBe(true);
    expect(ap.refusals).toEqual([]);
    expect(ap.staleness).toEqual({ kind: 'live' });
    expect(ap.planHash).toMatch(/^[0-9a-f]{16}$/);
    // The hash covers the reviewed changes as well as the bodies, so it is not the bodies' hash in _meta.
    expect(ap.planHash).not.toBe(ap.desired.planHash);
  });

  it('accepts its own saved plan unchanged, and refuses an edited plan or edited changes', () => {
    const ap = buildApplyPlan(input());
    const saved = saveOf(ap);
    expect(buildApplyPlan(input({ saved })).refusals).toEqual([]);
    expect(buildApplyPlan(input({ saved })).staleness).toEqual({ kind: 'fresh' });

    // The plan edited, its plan_hash kept: what it would write no longer hashes to plan_hash.
    const edited = { ...rag, shards: { ...rag.shards!, replicas: 0 } };
    const editedPlan = buildApplyPlan(input({ plan: edited, saved: { ...saved, plan: edited } }));
    expect(editedPlan.refusals.map((p) => p.path)).toContain('plan_hash');

    // The reviewed changes edited (one object's changes emptied).
    const changes = reviewedChanges(ap.diffs).map((c, i) => (i === 0 ? { ...c, changes: [] } : c));
    const editedChanges = buildApplyPlan(input({ saved: { ...saved, changes } }));
    expect(editedChanges.refusals.map((p) => p.path)).toEqual(['changes', 'plan_hash']);
  });

  it('refuses a stale saved plan, naming what changed', () => {
    const saved = saveOf(buildApplyPlan(input()));
    const moved = emptyObserved({ nodes: nodes.slice(0, 2).concat({ ...nodes[2]!, name: 'es-new' }), repositories: observed.repositories });
    const stale = buildApplyPlan(input({ observed: moved, saved }));
    expect(stale.staleness).toMatchObject({ kind: 'stale', changed: ['data nodes'] });
    expect(stale.refusals[0]?.message).toMatch(/^is stale: .*changed: data nodes/);
  });

  it('carries the connection warnings into the warnings and the JSON view', () => {
    const warnings = connectionWarnings({ url: 'https://es.test:9200', insecure: true, auth: { kind: 'api-key', apiKey: 'k' } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^--insecure: the certificate of https:\/\/es\.test:9200 is not checked: the API key is sent to whichever server answers/);
    expect(connectionWarnings({ url: 'https://es.test:9200', insecure: false, auth: { kind: 'none' } })).toEqual([]);
    const ap = buildApplyPlan(input({ warnings }));
    expect(applyJson(ap, 'dry-run').warnings[0]).toBe(warnings[0]);
  });
});

describe('one exit-code table', () => {
  it('maps every apply outcome as the README documents (0 ok, 1 error, 2 pending, 130 aborted)', () => {
    expect(APPLY_EXIT_CODES).toEqual({ applied: 0, 'no-changes': 0, 'dry-run': 2, refused: 1, failed: 1, aborted: 130 });
  });
});

describe('executeWrites', () => {
  /** A cluster of one answer per GET path; PUTs succeed. */
  const stub = (answers: Record<string, unknown>, log: string[]): ClusterHttp => ({
    request: async (spec: RequestSpec) => {
      log.push(`${spec.method} ${spec.path}`);
      if (spec.method === 'PUT') return { status: 200, body: { acknowledged: true }, headers: {} };
      const body = answers[spec.path];
      return body === undefined ? { status: 404, body: {}, headers: {} } : { status: 200, body, headers: {} };
    },
    close: async () => undefined,
  } as unknown as ClusterHttp);

  it('reports a write whose read-back has an unexpected shape as written, not verified, and stops', async () => {
    const ap = buildApplyPlan(input());
    const log: string[] = [];
    let reads = 0;
    const http = stub({}, log);
    const request = http.request.bind(http);
    http.request = async (spec) => {
      // The guard read (first GET) finds nothing, as observed; the read-back (second) is of a shape esplan does not know.
      if (spec.method === 'GET' && ++reads === 2) {
        log.push(`${spec.method} ${spec.path}`);
        return { status: 200, body: { component_templates: 'not a list' }, headers: {} } as never;
      }
      return request(spec);
    };
    const report = await executeWrites(http, ap.diffs, observed);
    expect(report.ok).toBe(false);
    expect(report.results.map((r) => r.status)).toEqual(['unverified', 'not attempted', 'not attempted', 'not attempted', 'not attempted']);
    expect(report.results[0]?.error).toMatch(/^written \(the cluster accepted it\), but reading it back failed: the reply could not be understood/);
    expect(log).toEqual(['GET /_component_template/support-docs-settings', 'PUT /_component_template/support-docs-settings', 'GET /_component_template/support-docs-settings']);
  });

  it('finishes the current object, then stops before the next write once interrupted', async () => {
    const ap = buildApplyPlan(input());
    const log: string[] = [];
    const stored = new Map<string, unknown>();
    const http = {
      request: async (spec: RequestSpec) => {
        log.push(`${spec.method} ${spec.path}`);
        const name = spec.path.split('/')[2] ?? '';
        if (spec.method === 'PUT') {
          stored.set(name, spec.body);
          return { status: 200, body: { acknowledged: true }, headers: {} };
        }
        const body = stored.get(name);
        return body === undefined ? { status: 404, body: {}, headers: {} } : { status: 200, body: { component_templates: [{ name, component_template: body }] }, headers: {} };
      },
      close: async () => undefined,
    } as unknown as ClusterHttp;
    const report = await executeWrites(http, ap.diffs, observed, { interrupted: () => log.some((l) => l.startsWith('PUT')) });
    expect(report).toMatchObject({ ok: false, interrupted: true });
    expect(report.results.map((r) => r.status)).toEqual(['written', 'not attempted', 'not attempted', 'not attempted', 'not attempted']);
    expect(log.filter((l) => l.startsWith('PUT'))).toEqual(['PUT /_component_template/support-docs-settings']);
  });
});
