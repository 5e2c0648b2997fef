/**
 * deployment.node_sizing: reference (the default) keeps data nodes at or above the reference
 * architecture's hot/content lower bounds (catalogs/roles.json: 16 vCPU / 64 GiB; Elastic Cloud
 * 60 GiB, the top of its AWS/Azure RAM ladder); fit allows any size that holds the workload.
 * Prices from catalogs/aws.json: r6gd.medium $0.0576/h, c8gd.2xlarge $0.39192/h, r6gd.4xlarge $0.9216/h.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog, type CatalogEntry } from '../../src/data/catalogs.js';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { UserError } from '../../src/model/problems.js';
import type { Workload } from '../../src/model/workload.js';
import { chooseTopology, type TopologyOptions } from '../../src/recommend/choose-topology.js';
import { sizingFixture } from './sizing-fixture.js';
import { modelData } from '../helpers/model-data.js';

const GIB = 1024 ** 3;
const noResize: TopologyOptions = { data: modelData, resize: () => { throw new Error('not in this test'); } };

function workload(deployment: Record<string, unknown>): Workload {
  return parseWorkload({
    corpus: { documents: 1000, source_bytes_per_document: 100 },
    vectors: [{ field: 'e', dims: 1024 }],
    deployment: { provider: 'aws', region: 'us-east-1', ...deployment },
  });
}

// 1 GiB of vector RAM and 20 GB of disk per copy: 1 primary, 1 replica, 3 zones.
const tiny = sizingFixture({ ramBytes: 1 * GIB, diskBytes: 20e9, primaries: 1, replicas: 1 });

describe('node_sizing on a small corpus (AWS r6gd, c8gd)', () => {
  const reference = chooseTopology(workload({}), tiny, noResize);
  const fit = chooseTopology(workload({ node_sizing: 'fit' }), tiny, noResize);

  it('defaults to reference', () => {
    expect(workload({}).deployment.node_sizing).toBe('reference');
  });

  it('fit: the smallest node that holds a shard copy', () => {
    // 3 nodes (one per zone), at most 1 shard copy each: 1 GiB of vectors, 20 GB of disk.
    // c8gd.medium ($0.04899/h) holds too little: (2 GiB - 1 GiB heap - 2/16 GiB OS) x 0.9 = 0.7875 GiB cache.
    // r6gd.medium: (8 - 4 - 0.5) x 0.9 = 3.15 GiB cache; 59 GB x 0.85 = 50.15 GB usable; the cheapest that fits.
    expect(fit.tiers[0]).toMatchObject({ instance_type: 'r6gd.medium', nodes: 3 });
    // 0.0576 x 730 x 3 = 126.144; Kibana 3 x c8gd.2xlarge = 0.39192 x 730 x 3 = 858.3048; 126.14 + 858.30
    expect(fit.monthly_usd).toBe(984.44);
    expect(fit.warnings.map((w) => w.code)).toContain('DATA_NODE_BELOW_GUIDANCE');
    expect(fit.warnings.map((w) => w.code)).not.toContain('NODE_SIZE_FROM_GUIDANCE');
    expect(fit.tiers[0]!.note).not.toMatch(/floor/);
    expect(fit.basis.find((b) => b.id === 'policy.data_node_floor')?.description).toMatch(/node_sizing: fit: no floor/);
  });

  it('reference: the cheapest node at or above 16 vCPU / 64 GiB', () => {
    // At the floor: r6gd.4xlarge (16 vCPU, 128 GiB, $0.9216/h) and c8gd.8xlarge (32 vCPU, 64 GiB, $1.56768/h).
    // 3 x 0.9216 x 730 = 2018.304; plus Kibana 858.3048 = 2876.6088
    expect(reference.tiers[0]).toMatchObject({ instance_type: 'r6gd.4xlarge', nodes: 3, vcpu: 16, memory_gib: 128 });
    expect(reference.monthly_usd).toBe(2876.6);
    for (const a of reference.alternatives) expect(a.instance_type).not.toMatch(/^c8gd\.(medium|large|xlarge|2xlarge|4xlarge)$|^r6gd\.(medium|large|xlarge|2xlarge)$/);
    expect(reference.warnings.map((w) => w.code)).not.toContain('DATA_NODE_BELOW_GUIDANCE');
  });

  it('reference: the note and a warning say the floor set the size, and what fit would save', () => {
    expect(reference.tiers[0]!.note).toMatch(/instance size set by the reference architecture's data-node floor \(16 vCPU \/ 64 GiB RAM\), not by the workload/);
    const w = reference.warnings.find((x) => x.code === 'NODE_SIZE_FROM_GUIDANCE');
    // 2876.60 - 984.44 = 1892.16; 1892.16 / 2876.60 = 65.8%
    expect(w?.message).toMatch(/fits on 3 x r6gd\.medium \(1 vCPU, 8 GiB\), a plan \$1,892\.16 per month cheaper \(-65\.8%\)/);
    expect(w?.message).toMatch(/deployment\.node_sizing: fit/);
  });

  it('reference: basis names the floor and its source', () => {
    const b = reference.basis.find((x) => x.id === 'policy.data_node_floor');
    expect(b).toMatchObject({ kind: 'policy', inputs: { vcpu: 16, memory_gib: 64 }, result: 64, unit: 'GiB RAM' });
    expect(b?.source).toMatch(/catalogs\/roles\.json/);
    expect(b?.source).toMatch(/genai-search-high-availability\.md/);
  });

  it('no note or warning when the workload alone needs nodes above the floor', () => {
    // 60 GiB of vectors per copy, 36 shards: 3 x r6gd.4xlarge in both modes (choose-topology.test.ts).
    const rag = sizingFixture({ ramBytes: 60 * GIB, diskBytes: 900e9, primaries: 18, replicas: 1 });
    const t = chooseTopology(workload({}), rag, noResize);
    expect(t.tiers[0]).toMatchObject({ instance_type: 'r6gd.4xlarge', nodes: 3 });
    expect(t.tiers[0]!.note).not.toMatch(/floor/);
    expect(t.warnings.map((w) => w.code)).not.toContain('NODE_SIZE_FROM_GUIDANCE');
  });
});

describe('node_sizing on Elastic Cloud', () => {
  // 0.01 USD per GB of RAM per hour, AWS only: the floor is 60 GiB, the top of the AWS ladder.
  const ech = (nodeSizing: 'reference' | 'fit') =>
    chooseTopology(workload({ provider: 'elastic-cloud', region: 'aws-us-east-1', price_usd_per_gb_ram_hour: 0.01, node_sizing: nodeSizing }), tiny, noResize);

  it('reference keeps data nodes at 60 GiB, fit goes below', () => {
    const r = ech('reference').tiers[0]!;
    const f = ech('fit').tiers[0]!;
    expect(r.memory_gib).toBe(60);
    expect(f.memory_gib).toBeLessThan(60);
    expect(ech('reference').basis.find((b) => b.id === 'policy.data_node_floor')).toMatchObject({ inputs: { vcpu: 0, memory_gib: 60 } });
  });
});

describe('node_sizing when every eligible type meets the floor', () => {
  it('physical data profiles (16-32 vCPU, 64-256 GiB) are all kept; no warning', () => {
    const t = chooseTopology(workload({ provider: 'physical', region: undefined, instance_families: ['physical-data'] }), tiny, noResize);
    expect(t.tiers[0]!.vcpu).toBeGreaterThanOrEqual(16);
    expect(t.warnings.map((w) => w.code)).not.toContain('NODE_SIZE_FROM_GUIDANCE');
  });
});

describe('node_sizing when nothing reaches the floor', () => {
  // A user's own family whose only size is below the floor.
  const base = loadCatalog('aws').entries.find((e) => e.instance_type === 'c8gd.2xlarge')!;
  const small: CatalogEntry = { ...base, id: 'aws:own.small', instance_type: 'own.small', family: 'own' };
  const options: TopologyOptions = { ...noResize, extraCatalogEntries: [small] };

  it('reference: the band excludes the only family, so the nearest type outside it, with a warning naming the fix', () => {
    // Issue 11: when nothing inside the band can hold the workload, take the nearest and say so.
    const t = chooseTopology(workload({ instance_families: ['own'] }), tiny, options);
    expect(t.tiers[0]).toMatchObject({ instance_type: 'own.small', nodes: 3 });
    const w = t.warnings.find((x) => x.code === 'DATA_NODE_BAND_EXCEEDED');
    expect(w?.message).toMatch(/own\.small \(8 vCPU, 16 GiB\), outside the reference architecture's hot\/content band of 16-32 vCPU, 64-256 GiB RAM/);
    expect(w?.message).toMatch(/no eligible instance lies inside it/);
    expect(w?.message).toMatch(/deployment\.instance_families|deployment\.node_sizing: fit/);
    expect(t.warnings.map((x) => x.code)).toContain('DATA_NODE_BELOW_GUIDANCE');
  });

  it('fit: the same family is used', () => {
    const t = chooseTopology(workload({ instance_families: ['own'], node_sizing: 'fit' }), tiny, options);
    expect(t.tiers[0]).toMatchObject({ instance_type: 'own.small', nodes: 3 });
  });
});

describe('node_sizing property', () => {
  const demand = fc.record({
    ramGib: fc.integer({ min: 0, max: 1500 }),
    diskGb: fc.integer({ min: 1, max: 15000 }),
    primaries: fc.integer({ min: 1, max: 100 }),
    replicas: fc.integer({ min: 1, max: 2 }),
    zones: fc.constantFrom(2 as const, 3 as const),
    families: fc.constantFrom(['r6gd', 'c8gd'], ['r6gd', 'r6g'], ['c8gd']),
  });

  it('with fit the plan never costs more than with reference, and reference nodes meet the floor', () => {
    fc.assert(
      fc.property(demand, (d) => {
        const s = sizingFixture({ ramBytes: d.ramGib * GIB, diskBytes: d.diskGb * 1e9, primaries: d.primaries, replicas: d.replicas });
        const w = (nodeSizing: 'reference' | 'fit') =>
          parseWorkload({
            corpus: { documents: 1000, source_bytes_per_document: 100 },
            vectors: [{ field: 'e', dims: 1024 }],
            availability: { zones: d.zones, replicas: d.replicas },
            deployment: { provider: 'aws', instance_families: d.families, node_sizing: nodeSizing },
          });
        const attempt = (nodeSizing: 'reference' | 'fit') => {
          try {
            return chooseTopology(w(nodeSizing), s, noResize);
          } catch (err) {
            if (err instanceof UserError) return undefined;
            throw err;
          }
        };
        const ref = attempt('reference');
        const fit = attempt('fit');
        // fit searches a superset of reference's instance types: whatever reference finds, fit finds.
        if (ref === undefined) return;
        expect(fit).toBeDefined();
        expect(fit!.monthly_usd!).toBeLessThanOrEqual(ref.monthly_usd! + 0.01);
        const data = ref.tiers[0]!;
        expect(data.vcpu).toBeGreaterThanOrEqual(16);
        expect(data.memory_gib).toBeGreaterThanOrEqual(64);
      }),
      { seed: 20261114, numRuns: 25 },
    );
  });
});
