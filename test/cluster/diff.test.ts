import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadApplyPolicy } from '../../src/data/apply-policy.js';
import { desiredState } from '../../src/cluster/desired.js';
import { comparableTemplate, diffObject, diffState, foreignSettingChanges } from '../../src/cluster/diff.js';
import { globsOverlap } from '../../src/cluster/glob-overlap.js';
import { flatten, flattenClusterSettings, flattenIndexSettings } from '../../src/cluster/normalise.js';
import { patternsIntersect } from '../fake-es/patterns.js';
import { emptyObserved, loadPlanFixture } from './helpers.js';

const policy = loadApplyPolicy();
const rag = loadPlanFixture('rag-3zones.json');
const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

describe('normalisation', () => {
  it('gives flat and nested settings the same form', () => {
    expect(flatten({ cluster: { routing: { allocation: { enable: 'all' } } } })).toEqual(flatten({ 'cluster.routing.allocation.enable': 'all' }));
    expect(flatten({ 'cluster.routing': { 'allocation.enable': 'all' } })).toEqual({ 'cluster.routing.allocation.enable': 'all' });
  });

  it('treats numbers and the strings Elasticsearch returns for them alike', () => {
    expect(flattenIndexSettings({ number_of_shards: 3 })).toEqual(flattenIndexSettings({ index: { number_of_shards: '3' } }));
    expect(flatten({ oversample: 3 })).toEqual(flatten({ oversample: '3.0' }));
    expect(flatten({ oversample: 3 })).not.toEqual(flatten({ oversample: '3.5' }));
  });

  it('drops null (reset) cluster settings and joins list values', () => {
    expect(flattenClusterSettings({ a: null, b: ['zone', 'rack'], c: 'x' })).toEqual({ b: 'zone,rack', c: 'x' });
  });

  it('reads a component template as Elasticsearch returns it like the body esplan sent', () => {
    // Shape from es-api-examples/cluster.get_component_template__GetComponentTemplateResponseExample1.yaml:
    // settings nested under index with string values, plus created/modified dates nobody sent.
    const returned = {
      version: 1,
      template: { settings: { index: { number_of_shards: '1' } }, mappings: { properties: { message: { type: 'text' } } } },
      created_date: '2024-01-01T12:00:00.000Z',
      created_date_millis: 1704110400000,
      modified_date: '2025-01-01T12:00:00.000Z',
      modified_date_millis: 1735732800000,
    };
    const sent = { version: 1, template: { settings: { number_of_shards: 1 }, mappings: { properties: { message: { type: 'text' } } } } };
    expect(comparableTemplate(returned)).toEqual(comparableTemplate(sent));
  });
});

describe('diff', () => {
  const desired = desiredState(rag, zones, policy);
  const settingsObject = desired.objects[0]!;

  it('creates what is missing, every key shown as added', () => {
    const d = diffObject(settingsObject, emptyObserved());
    expect(d.action).toBe('create');
    expect(d.changes).toContainEqual({ key: 'template.settings.index.number_of_shards', new: '3' });
  });

  it('finds nothing to do when the cluster returns what was sent, in its own form', () => {
    const observed = emptyObserved({
      componentTemplates: {
        'support-docs-settings': {
          template: { settings: { index: { number_of_shards: '3', number_of_replicas: '1', number_of_routing_shards: '768' } } },
          _meta: (settingsObject.body as { _meta: unknown })._meta as Record<string, unknown>,
          created_date_millis: 1,
          modified_date_millis: 2,
        },
      },
    });
    const d = diffObject(settingsObject, observed);
    expect(d).toMatchObject({ action: 'unchanged', changes: [], ownedByEsplan: true });
  });

  it('reports old → new per key, and keys only the cluster has as going away', () => {
    const observed = emptyObserved({
      componentTemplates: {
        'support-docs-settings': {
          template: { settings: { index: { number_of_shards: '1', number_of_replicas: '1', number_of_routing_shards: '768', refresh_interval: '5s' } } },
        },
      },
    });
    const d = diffObject(settingsObject, observed);
    expect(d.action).toBe('update');
    expect(d.ownedByEsplan).toBe(false);
    expect(d.changes).toContainEqual({ key: 'template.settings.index.number_of_shards', old: '1', new: '3' });
    expect(d.changes).toContainEqual({ key: 'template.settings.index.refresh_interval', old: '5s', new: undefined });
    expect(d.changes).toContainEqual({ key: '_meta.managed_by', old: undefined, new: 'esplan' });
  });

  it('compares only esplan keys of the cluster settings, in flat or nested form', () => {
    const nested = emptyObserved({
      persistent: {
        cluster: { routing: { allocation: { awareness: { attributes: 'zone', force: { zone: { values: 'us-east-1a,us-east-1b,us-east-1c' } } } } } },
        'indices.recovery.max_bytes_per_sec': '50mb',
      },
    });
    const settings = desired.objects.find((o) => o.kind === 'cluster_settings')!;
    expect(diffObject(settings, nested).action).toBe('unchanged');
    const other = emptyObserved({ persistent: { 'cluster.routing.allocation.awareness.attributes': 'rack' } });
    const d = diffObject(settings, other);
    expect(d.changes).toEqual([
      { key: 'cluster.routing.allocation.awareness.attributes', old: 'rack', new: 'zone' },
      { key: 'cluster.routing.allocation.awareness.force.zone.values', old: undefined, new: 'us-east-1a,us-east-1b,us-east-1c' },
    ]);
  });

  it('flags a cluster setting someone else set, but not one esplan recorded writing', () => {
    const settings = desired.objects.find((o) => o.kind === 'cluster_settings')!;
    const foreign = emptyObserved({ persistent: { 'cluster.routing.allocation.awareness.attributes': 'rack' } });
    expect(foreignSettingChanges(diffObject(settings, foreign), foreign, 'support-docs').map((c) => c.key)).toEqual([
      'cluster.routing.allocation.awareness.attributes',
    ]);
    // esplan's own template recorded a 2-zone value; moving to 3 zones is esplan changing its own setting.
    const ours = emptyObserved({
      persistent: { 'cluster.routing.allocation.awareness.attributes': 'zone', 'cluster.routing.allocation.awareness.force.zone.values': 'us-east-1a,us-east-1b' },
      indexTemplates: [
        {
          name: 'support-docs',
          index_template: {
            index_patterns: ['support-docs'],
            _meta: { managed_by: 'esplan', cluster_settings: { 'cluster.routing.allocation.awareness.force.zone.values': 'us-east-1a,us-east-1b' } },
          },
        },
      ],
    });
    const d = diffObject(settings, ours);
    expect(d.changes).toHaveLength(1);
    expect(foreignSettingChanges(d, ours, 'support-docs')).toEqual([]);
  });

  it('never plans to change an existing snapshot repository', () => {
    const memory = loadPlanFixture('agent-memory-2zones.json');
    const state = desiredState(memory, ['a', 'b'], policy);
    const observed = emptyObserved({ repositories: { 'memory-backups': { type: 's3', settings: { bucket: 'x' } } } });
    const repo = diffState(state, observed).find((d) => d.kind === 'snapshot_repository')!;
    expect(repo.action).toBe('unchanged');
    expect(repo.note).toMatch(/never changes/);
  });
});

describe('index pattern overlap', () => {
  it('knows the obvious cases', () => {
    expect(globsOverlap('support-docs', 'support-*')).toBe(true);
    expect(globsOverlap('support-docs-*', '*-v2')).toBe(true);
    expect(globsOverlap('logs-*', 'support-docs')).toBe(false);
    expect(globsOverlap('a*b', 'a*c')).toBe(false);
    expect(globsOverlap('*', '')).toBe(true);
  });

  const pattern = fc.stringMatching(/^[ab*]{0,6}$/);
  const toRegex = (p: string) => new RegExp(`^${p.split('*').join('.*')}$`);

  it('agrees with the fake cluster’s independent implementation', () => {
    fc.assert(fc.property(pattern, pattern, (a, b) => globsOverlap(a, b) === patternsIntersect(a, b)), { seed: 20261118 });
  });

  it('says "overlap" whenever some name matches both patterns', () => {
    fc.assert(
      fc.property(pattern, pattern, fc.stringMatching(/^[ab]{0,8}$/), (a, b, name) => {
        if (toRegex(a).test(name) && toRegex(b).test(name)) return globsOverlap(a, b);
        return true;
      }),
      { seed: 20261119 },
    );
  });

  it('says "no overlap" only when no short name matches both', () => {
    const names = ['', 'a', 'b', 'aa', 'ab', 'ba', 'bb', 'aaa', 'aab', 'aba', 'abb', 'baa', 'bab', 'bba', 'bbb'];
    const longer = names.flatMap((x) => names.map((y) => x + y));
    fc.assert(
      fc.property(fc.stringMatching(/^[ab*]{0,3}$/), fc.stringMatching(/^[ab*]{0,3}$/), (a, b) => {
        const witness = longer.some((n) => toRegex(a).test(n) && toRegex(b).test(n));
        return globsOverlap(a, b) === witness;
      }),
      { seed: 20261120 },
    );
  });
});
