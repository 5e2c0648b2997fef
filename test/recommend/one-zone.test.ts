/**
 * availability.zones 1 and replicas 0 through the recommender (issue #10): one zone plans with no
 * tiebreaker, one Kibana and one ML node, master-eligible data nodes below six Elasticsearch
 * nodes and all three dedicated masters in the one zone from six; the plan carries
 * NOT_HIGHLY_AVAILABLE naming why and the fix.
 */
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { planSchema } from '../../src/model/plan.js';
import type { Workload, WorkloadInput } from '../../src/model/workload.js';
import { buildPlan } from '../../src/recommend/build-plan.js';
import { chooseTopology, type TopologyOptions } from '../../src/recommend/choose-topology.js';
import { searchLoad, queryModelData } from '../../src/recommend/search-load.js';
import { notHighlyAvailable } from '../../src/recommend/warnings.js';
import { sizeWorkload } from '../../src/sizing/size-workload.js';
import { sizingFixture } from './sizing-fixture.js';
import { modelData } from '../helpers/model-data.js';

const GIB = 1024 ** 3;
const noResize: TopologyOptions = { data: modelData, resize: () => { throw new Error('not in this test'); } };

function workload(overrides: Partial<WorkloadInput> = {}): Workload {
  return parseWorkload({
    name: 'one-zone',
    elasticsearch: { version: '9.2', license: 'enterprise' },
    corpus: { documents: 100_000, source_bytes_per_document: 2000 },
    vectors: [{ field: 'embedding', dims: 768 }],
    deployment: { provider: 'aws', region: 'us-east-1' },
    ...overrides,
  });
}

describe('zones 1, replicas 0: a single-node plan', () => {
  const w = workload({ availability: { zones: 1, replicas: 0 } });
  const sizing = sizeWorkload(w, { constants: 'codec', data: modelData });
  const t = chooseTopology(w, sizing, noResize);
  const data = t.tiers.find((x) => x.role === 'data')!;

  it('has one data node, one Kibana, no master tier', () => {
    // 1 primary, 0 replicas: 1 copy of 1 shard, well inside one node; one zone needs no tiebreaker.
    expect(sizing.shards.total_shards).toBe(1);
    expect(data).toMatchObject({ nodes: 1, nodes_per_zone: [1] });
    expect(t.tiers.map((x) => x.role)).toEqual(['data', 'kibana']);
    expect(t.tiers[1]).toMatchObject({ nodes: 1, nodes_per_zone: [1] });
  });

  it('warns NOT_HIGHLY_AVAILABLE naming both reasons and the fix', () => {
    const ha = t.warnings.find((x) => x.code === 'NOT_HIGHLY_AVAILABLE');
    expect(ha?.message).toContain('one zone: a zone outage stops the whole cluster');
    expect(ha?.message).toContain('replicas 0: losing one data node loses the shards on it');
    expect(ha?.message).toContain('availability.zones: 3');
    expect(ha?.message).toContain('availability.replicas: 1 or more');
  });

  it('the full plan validates against the plan schema with zones 1', () => {
    const p = planSchema.parse(buildPlan(w, { ...noResize, esplanVersion: 'test' }));
    expect(p.zones).toBe(1);
    expect(p.warnings.map((x) => x.code)).toContain('NOT_HIGHLY_AVAILABLE');
  });
});

describe('NOT_HIGHLY_AVAILABLE', () => {
  it('names only the reason that applies', () => {
    expect(notHighlyAvailable(workload({ availability: { zones: 1, replicas: 1 } }))?.message).toBe(
      'not highly available: one zone: a zone outage stops the whole cluster. For production, set availability.zones: 3 (or 2 with a tiebreaker)',
    );
    expect(notHighlyAvailable(workload({ availability: { zones: 3, replicas: 0 } }))?.message).toBe(
      'not highly available: replicas 0: losing one data node loses the shards on it (until restored from a snapshot) and the searches that need them. For production, set availability.replicas: 1 or more',
    );
  });

  it('is absent with two or three zones and a replica', () => {
    expect(notHighlyAvailable(workload({ availability: { zones: 2, replicas: 1 } }))).toBeUndefined();
    const w = workload();
    const t = chooseTopology(w, sizeWorkload(w, { constants: 'codec', data: modelData }), noResize);
    expect(t.warnings.map((x) => x.code)).not.toContain('NOT_HIGHLY_AVAILABLE');
  });
});

describe('zones 1 with replicas', () => {
  it('puts both copies on two nodes of the one zone', () => {
    // 1 primary + 1 replica = 2 copies: two nodes, both in zone 1.
    const w = workload({ availability: { zones: 1, replicas: 1 } });
    const t = chooseTopology(w, sizeWorkload(w, { constants: 'codec', data: modelData }), noResize);
    expect(t.tiers.find((x) => x.role === 'data')).toMatchObject({ nodes: 2, nodes_per_zone: [2] });
    expect(t.tiers.some((x) => x.role === 'master')).toBe(false);
  });

  it('places all three dedicated masters in the one zone from six nodes, and one ML node', () => {
    // 3,000 GiB of vector RAM per copy, 2 copies: 6,000 GiB; no r6gd holds more than ~425 GiB of
    // vector cache (r6gd.16xlarge: (512 - 31 - 8) x 0.9), so at least 15 data nodes.
    const w = workload({
      availability: { zones: 1, replicas: 1 },
      inference: { placement: 'ml_nodes', model_memory_gib: 4 },
      deployment: { provider: 'aws', region: 'us-east-1', instance_families: ['r6gd'] },
    });
    const s = sizingFixture({ ramBytes: 3000 * GIB, diskBytes: 6000e9, primaries: 60, replicas: 1 });
    const t = chooseTopology(w, s, noResize);
    const data = t.tiers.find((x) => x.role === 'data')!;
    expect(data.nodes).toBeGreaterThanOrEqual(15);
    expect(data.nodes_per_zone).toEqual([data.nodes]);
    const masters = t.tiers.find((x) => x.role === 'master');
    expect(masters).toMatchObject({ nodes: 3, nodes_per_zone: [3] });
    expect(masters?.note).toContain('all 3 dedicated master-eligible nodes in that zone');
    expect(t.tiers.find((x) => x.role === 'ml')).toMatchObject({ nodes: 1, nodes_per_zone: [1] });
    expect(t.warnings.map((x) => x.code)).not.toContain('TWO_ZONE_TIEBREAKER');
  });
});

describe('search load with one zone', () => {
  it('every copy serves: there is no zone to lose', () => {
    const w = workload({ availability: { zones: 1, replicas: 2 }, search: { peak_qps: 100 } });
    const load = searchLoad(w, sizeWorkload(w, { constants: 'codec', data: modelData }), queryModelData(modelData))!;
    // 1 primary + 2 replicas = 3 copies, all serving (with 3 zones the policy would leave 3 - ceil(3 / 3) = 2).
    expect(load.copies).toBe(3);
    expect(load.serving_copies).toBe(3);
    expect(load.serve_with_zone_lost).toBe(false);
  });
});
