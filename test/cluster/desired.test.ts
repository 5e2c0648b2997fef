import { describe, expect, it } from 'vitest';
import { loadApplyPolicy } from '../../src/data/apply-policy.js';
import { desiredState } from '../../src/cluster/desired.js';
import { loadPlanFixture } from './helpers.js';

const policy = loadApplyPolicy();
const rag = loadPlanFixture('rag-3zones.json');
const memory = loadPlanFixture('agent-memory-2zones.json');
const zones3 = ['us-east-1c', 'us-east-1a', 'us-east-1b'];

// Request bodies are free-form JSON; tests walk them by key.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;
const byName = (state: ReturnType<typeof desiredState>, name: string): Body => {
  const o = state.objects.find((x) => x.name === name);
  if (!o) throw new Error(`no desired object ${name}`);
  return o.body as Body;
};

describe('desiredState', () => {
  it('writes the shard layout of the plan into <index>-settings', () => {
    // rag-3zones.json: shards.primaries 3, replicas 1, routing_shards 768.
    const s = byName(desiredState(rag, zones3, policy), 'support-docs-settings');
    expect(s.template.settings).toEqual({ index: { number_of_shards: 3, number_of_replicas: 1, number_of_routing_shards: 768 } });
    expect(s._meta.managed_by).toBe('esplan');
  });

  it('maps a bbq_hnsw field with m, ef_construction and the BBQ default oversample', () => {
    // Workload: m 16, ef_construction 100, similarity cosine; oversample unset, so formulas/apply.json
    // apply.bbq_default_oversample (3, DenseVectorFieldMapper DEFAULT_OVERSAMPLE) is written.
    const m = byName(desiredState(rag, zones3, policy), 'support-docs-mappings');
    expect(m.template.mappings.properties.content_embedding).toEqual({
      type: 'dense_vector',
      dims: 1024,
      element_type: 'float',
      similarity: 'cosine',
      index: true,
      index_options: { type: 'bbq_hnsw', m: 16, ef_construction: 100, rescore_vector: { oversample: 3 } },
    });
  });

  it('maps bbq_disk without HNSW parameters, with cluster_size and bits, and nests dotted field names', () => {
    const m = byName(desiredState(memory, ['a', 'b'], policy), 'agent-memory-mappings');
    const props = m.template.mappings.properties;
    expect(props['memory.embedding']).toBeUndefined();
    expect(props.memory.properties.embedding.index_options).toEqual({ type: 'bbq_disk', rescore_vector: { oversample: 3 }, cluster_size: 512, bits: 2 });
    // int8_hnsw with the workload's own m 24, ef_construction 200 and oversample 2.
    expect(props.title_vector).toMatchObject({
      element_type: 'bfloat16',
      similarity: 'dot_product',
      index_options: { type: 'int8_hnsw', m: 24, ef_construction: 200, rescore_vector: { oversample: 2 } },
    });
  });

  it('composes both component templates into an index template marked as esplan-managed', () => {
    const state = desiredState(rag, zones3, policy);
    const t = byName(state, 'support-docs');
    expect(t.index_patterns).toEqual(['support-docs', 'support-docs-*']);
    expect(t.composed_of).toEqual(['support-docs-settings', 'support-docs-mappings']);
    expect(t.priority).toBe(501); // formulas/apply.json apply.index_template_priority
    expect(t._meta.managed_by).toBe('esplan');
    expect(t._meta.plan_hash).toBe(state.planHash);
    expect(state.planHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('sets awareness on the workload attribute with the zones found, sorted', () => {
    const state = desiredState(rag, zones3, policy);
    expect(byName(state, 'persistent').persistent).toEqual({
      'cluster.routing.allocation.awareness.attributes': 'zone',
      'cluster.routing.allocation.awareness.force.zone.values': 'us-east-1a,us-east-1b,us-east-1c',
    });
    const memoryState = desiredState(memory, ['eu-2', 'eu-1'], policy);
    expect(byName(memoryState, 'persistent').persistent).toEqual({
      'cluster.routing.allocation.awareness.attributes': 'az',
      'cluster.routing.allocation.awareness.force.az.values': 'eu-1,eu-2',
    });
  });

  it('leaves forced awareness out when no zone is known', () => {
    const p = byName(desiredState(rag, [], policy), 'persistent').persistent;
    expect(Object.keys(p)).toEqual(['cluster.routing.allocation.awareness.attributes']);
  });

  it('orders writes: templates, repository, policy, then cluster settings last', () => {
    const kinds = desiredState(memory, ['a', 'b'], policy).objects.map((o) => `${o.kind}:${o.name}`);
    expect(kinds).toEqual([
      'component_template:agent-memory-settings',
      'component_template:agent-memory-mappings',
      'index_template:agent-memory',
      'snapshot_repository:memory-backups',
      'slm_policy:agent-memory-snapshots',
      'cluster_settings:persistent',
    ]);
    expect(byName(desiredState(memory, ['a'], policy), 'memory-backups')).toEqual({ type: 'fs', settings: { location: '/mnt/backups' } });
  });

  it('writes the SLM policy from the workload, tagged as esplan-managed', () => {
    const slm = byName(desiredState(rag, zones3, policy), 'support-docs-snapshots');
    expect(slm).toEqual({
      schedule: '0 30 1 * * ?',
      name: '<support-docs-snap-{now/d}>',
      repository: 'backups',
      config: { indices: ['support-docs', 'support-docs-*'], metadata: { managed_by: 'esplan' } },
      retention: { expire_after: '30d', min_count: 5, max_count: 50 },
    });
  });

  it('hashes only what it writes: prices and version strings do not move the hash, shards do', () => {
    const base = desiredState(rag, zones3, policy).planHash;
    expect(desiredState({ ...rag, esplan_version: '9.9.9', monthly_usd: 123 }, zones3, policy).planHash).toBe(base);
    expect(desiredState({ ...rag, shards: { ...rag.shards!, replicas: 2 } }, zones3, policy).planHash).not.toBe(base);
    expect(desiredState(rag, ['x', 'y', 'z'], policy).planHash).not.toBe(base);
  });
});

describe('desiredState with one zone', () => {
  it('writes no awareness settings: no cluster settings object and none recorded in the index template', () => {
    const oneZone = { ...rag, zones: 1 };
    const state = desiredState(oneZone, ['us-east-1a'], policy);
    expect(state.objects.map((o) => o.kind)).not.toContain('cluster_settings');
    expect(byName(state, 'support-docs')._meta.cluster_settings).toEqual({});
    // Two zones or three keep both settings.
    const three = desiredState(rag, zones3, policy);
    expect(byName(three, 'persistent').persistent).toEqual({
      'cluster.routing.allocation.awareness.attributes': 'zone',
      'cluster.routing.allocation.awareness.force.zone.values': 'us-east-1a,us-east-1b,us-east-1c',
    });
  });
});
