import { describe, expect, it } from 'vitest';
import { loadApplyPolicy } from '../../src/data/apply-policy.js';
import { loadIndexTypes } from '../../src/data/index-types.js';
import { desiredState } from '../../src/cluster/desired.js';
import { diffState } from '../../src/cluster/diff.js';
import type { NodeInfo } from '../../src/cluster/observe.js';
import { checkAwareness, checkClusterVersion, checkIndexOptions, checkOverlaps, checkOwnership, checkSnapshots } from '../../src/cluster/preflight.js';
import { emptyObserved, loadPlanFixture } from './helpers.js';

const policy = loadApplyPolicy();
const types = loadIndexTypes();
const rag = loadPlanFixture('rag-3zones.json');
const memory = loadPlanFixture('agent-memory-2zones.json');
const node = (name: string, zone?: string, roles = ['data', 'master']): NodeInfo => ({ id: name, name, roles, attributes: zone ? { zone } : {} });
const flags = { force: false, takeOwnership: false };

describe('cluster version and index options', () => {
  it('refuses clusters older than 9.0 (formulas/apply.json apply.min_cluster_version)', () => {
    expect(() => checkClusterVersion('8.19.3', policy)).toThrow(/runs Elasticsearch 8.19.3.*9.0 or later/);
    expect(() => checkClusterVersion('9.0.0', policy)).not.toThrow();
  });

  it('refuses bbq_disk before 9.2, bfloat16 before 9.3 and bits before 9.4', () => {
    const on91 = checkIndexOptions(memory, '9.1.5', types, policy).map((p) => p.path);
    expect(on91).toEqual(['vectors[0].index_type', 'vectors[0].bits', 'vectors[1].element_type']);
    const on93 = checkIndexOptions(memory, '9.3.0', types, policy).map((p) => p.path);
    expect(on93).toEqual(['vectors[0].bits']);
    expect(checkIndexOptions(memory, '9.4.0', types, policy)).toEqual([]);
    expect(checkIndexOptions(rag, '9.0.0', types, policy)).toEqual([]);
  });
});

describe('awareness', () => {
  it('accepts one data node or more in every planned zone', () => {
    const observed = emptyObserved({ nodes: [node('a', 'z1'), node('b', 'z2'), node('c', 'z3'), node('m', undefined, ['master'])] });
    expect(checkAwareness(rag, observed, flags)).toEqual([]);
  });

  it('names the data nodes lacking the attribute and the zones found when too few', () => {
    const observed = emptyObserved({ nodes: [node('a', 'z1'), node('b', 'z2'), node('c')] });
    const problems = checkAwareness(rag, observed, flags);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/without the attribute zone: c;/);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/needs 3 zones but the data nodes are in 2: z1 \(a\), z2 \(b\)/);
    expect(checkAwareness(rag, observed, { ...flags, force: true })).toEqual([]);
  });

  it('refuses even with --force when no data node has the attribute', () => {
    const observed = emptyObserved({ nodes: [node('a'), node('b')] });
    expect(checkAwareness(rag, observed, { ...flags, force: true })[0]?.message).toMatch(/no data node has the attribute zone/);
  });
});

describe('ownership, overlaps and snapshots', () => {
  const zones = ['z1', 'z2', 'z3'];
  const desired = desiredState(rag, zones, policy);

  it('refuses to replace a template esplan did not write, unless --take-ownership', () => {
    const observed = emptyObserved({ componentTemplates: { 'support-docs-mappings': { template: { mappings: { properties: {} } } } } });
    const diffs = diffState(desired, observed);
    expect(checkOwnership(diffs, observed, 'support-docs', flags)[0]).toMatchObject({ path: 'component template support-docs-mappings' });
    expect(checkOwnership(diffs, observed, 'support-docs', { ...flags, takeOwnership: true })).toEqual([]);
  });

  it('takes the esplan marker as ownership only on a template or policy for this index', () => {
    // Forged or copied: the marker is there, but the patterns (indices) are not support-docs.
    const forged = emptyObserved({
      indexTemplates: [{ name: 'support-docs', index_template: { index_patterns: ['*'], priority: 501, _meta: { managed_by: 'esplan' } } }],
      slmPolicies: { 'support-docs-snapshots': { schedule: '0 30 1 * * ?', repository: 'backups', config: { indices: ['*'], metadata: { managed_by: 'esplan' } } } },
    });
    const diffs = diffState(desired, forged);
    expect(diffs.find((d) => d.kind === 'index_template')?.ownedByEsplan).toBe(false);
    const problems = checkOwnership(diffs, forged, 'support-docs', flags);
    expect(problems.map((p) => p.path)).toEqual(['index template support-docs', 'snapshot lifecycle policy support-docs-snapshots']);
    expect(problems[0]?.message).toBe(
      `exists and is not esplan's for index support-docs: it carries managed_by "esplan" but its index_patterns do not include support-docs; applying would replace it`,
    );
    expect(problems[1]?.message).toMatch(/its config\.indices do not include support-docs/);
    // What esplan wrote itself binds: patterns support-docs and support-docs-*.
    const own = emptyObserved({
      indexTemplates: [{ name: 'support-docs', index_template: { index_patterns: ['support-docs', 'support-docs-*'], priority: 501, _meta: { managed_by: 'esplan' } } }],
    });
    expect(diffState(desired, own).find((d) => d.kind === 'index_template')?.ownedByEsplan).toBe(true);
  });

  it('names the other esplan plan that set a cluster setting this plan would change', () => {
    const key = 'cluster.routing.allocation.awareness.attributes';
    const persistent = { cluster: { routing: { allocation: { awareness: { attributes: 'rack' } } } } };
    const other = { index_patterns: ['kb', 'kb-*'], priority: 501, _meta: { managed_by: 'esplan', plan_hash: 'x', cluster_settings: { [key]: 'rack' } } };
    const byEsplan = emptyObserved({ persistent, indexTemplates: [{ name: 'kb', index_template: other }] });
    const mine = checkOwnership(diffState(desired, byEsplan), byEsplan, 'support-docs', flags).find((p) => p.path === key);
    expect(mine?.message).toMatch(/is set to "rack" by esplan's plan for another index \(index template kb\)/);

    const byHand = emptyObserved({ persistent });
    const foreign = checkOwnership(diffState(desired, byHand), byHand, 'support-docs', flags).find((p) => p.path === key);
    expect(foreign?.message).toMatch(/is set to "rack" by someone other than esplan/);
  });

  it('refuses an overlapping template at the same or a higher priority, and warns about each lower one it shadows', () => {
    const observed = emptyObserved({
      indexTemplates: [
        { name: 'same', index_template: { index_patterns: ['support-*'], priority: 501 } },
        { name: 'higher', index_template: { index_patterns: ['*-docs-*'], priority: 900 } },
        // No priority is priority 0; support* matches support-docs itself.
        { name: 'lower', index_template: { index_patterns: ['support*'] } },
        // Like the built-in logs template (logs-*-*, priority 100), for indices support-docs-*-*.
        { name: 'builtin-like', index_template: { index_patterns: ['support-docs-*-*'], priority: 100 } },
        { name: 'apart', index_template: { index_patterns: ['logs-*'], priority: 501 } },
        { name: 'apart-low', index_template: { index_patterns: ['logs-*-*'], priority: 100 } },
      ],
    });
    const result = checkOverlaps(desired, observed, policy);
    expect(result.refusals.map((p) => p.path)).toEqual(['index template same', 'index template higher']);
    expect(result.refusals[0]?.message).toMatch(/same priority/);
    expect(result.refusals[1]?.message).toMatch(/higher .*priority 900.*outranks esplan's template support-docs/);
    expect(result.refusals[1]?.fix).toMatch(/lower the priority of higher below 501/);
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings[0]).toMatch(/^index template lower \(patterns support\*, priority 0\) is shadowed by esplan's template support-docs \(priority 501\)/);
    expect(result.warnings[1]).toMatch(/^index template builtin-like .*priority 100\) is shadowed/);
  });

  it('needs the snapshot repository unless the workload says how to register it', () => {
    expect(checkSnapshots(rag, emptyObserved())[0]?.message).toMatch(/backups does not exist/);
    expect(checkSnapshots(rag, emptyObserved({ repositories: { backups: { type: 'fs', settings: {} } } }))).toEqual([]);
    expect(checkSnapshots(memory, emptyObserved())).toEqual([]);
  });

  it('refuses a schedule more frequent than the cluster\'s own slm.minimum_interval, before anything is written', () => {
    const repos = { repositories: { backups: { type: 'fs', settings: {} } } };
    // rag-3zones runs daily at 01:30 ("0 30 1 * * ?"): 24 h apart, so a 2-day minimum refuses it and a 1-hour one does not.
    const refused = checkSnapshots(rag, emptyObserved({ ...repos, persistent: { 'slm.minimum_interval': '2d' } }));
    expect(refused).toEqual([
      {
        path: 'snapshots.schedule',
        message: 'the cluster sets slm.minimum_interval to 2d; Elasticsearch would refuse the policy: invalid schedule [0 30 1 * * ?]: schedule would be too frequent, executing more than every [2d]',
        fix: 'run snapshots at most every 2d (e.g. snapshots.schedule: 2d), or lower slm.minimum_interval on the cluster',
      },
    ]);
    expect(checkSnapshots(rag, emptyObserved({ ...repos, persistent: { 'slm.minimum_interval': '1h' } }))).toEqual([]);
  });
});
