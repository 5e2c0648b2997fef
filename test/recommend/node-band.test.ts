/**
 * The reference band as floor and ceiling (issue 11, item 1). Elastic's GenAI search HA reference
 * architecture gives hot/content nodes 16-32 vCPU and 64-256 GB RAM (shared/seed), ML 16-32 vCPU
 * and 64+ GB, Kibana 8-16 vCPU and 8-16 GB, masters 4 vCPU and 16 GB. Under node_sizing: reference
 * data nodes stay inside the band, so a heavy workload gets more nodes, not bigger ones.
 *
 * Figures by hand from catalogs/aws.json (us-east-1): r6gd.8xlarge 32 vCPU / 256 GiB, $1.8432/h;
 * r6gd.12xlarge 48 / 384, $2.7648/h; r6gd.16xlarge 64 / 512, $3.6864/h; c8gd.2xlarge 8 / 16,
 * $0.39192/h (masters and Kibana). Vector cache of a data node: (RAM - heap - RAM/16) x 0.9 with
 * heap min(RAM/2, 31 GiB): 256 GiB -> (256 - 31 - 16) x 0.9 = 188.1 GiB; 384 -> (384 - 31 - 24) x 0.9
 * = 296.1 GiB; 512 -> (512 - 31 - 32) x 0.9 = 404.1 GiB. 730 hours per month.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog, type CatalogEntry } from '../../src/data/catalogs.js';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { UserError } from '../../src/model/problems.js';
import { PROVIDERS, type Workload } from '../../src/model/workload.js';
import { buildPlan } from '../../src/recommend/build-plan.js';
import { chooseTopology, type TopologyOptions } from '../../src/recommend/choose-topology.js';
import { workloadInput } from '../support/arbitrary-workload.js';
import { sizingFixture } from './sizing-fixture.js';
import { modelData } from '../helpers/model-data.js';

const GIB = 1024 ** 3;
const noResize: TopologyOptions = { data: modelData, resize: () => { throw new Error('not in this test'); } };

// These cases isolate the band: availability.survive_node_loss is off, since two 150 GiB copies per
// zone cannot double up on one node after a node loss (test/recommend/headroom.test.ts has that case).
function workload(deployment: Record<string, unknown>, inference?: Record<string, unknown>): Workload {
  return parseWorkload({
    corpus: { documents: 1000, source_bytes_per_document: 100 },
    vectors: [{ field: 'e', dims: 1024 }],
    availability: { survive_node_loss: false },
    deployment: { provider: 'aws', region: 'us-east-1', instance_families: ['r6gd'], ...deployment },
    ...(inference ? { inference } : {}),
  });
}

const codes = (t: { warnings: { code: string }[] }) => t.warnings.map((w) => w.code);

// 3 primaries, 1 replica: 6 shard copies of 150 GiB of vectors and 100 GB of disk each.
const heavy = sizingFixture({ ramBytes: 450 * GIB, diskBytes: 300e9, primaries: 3, replicas: 1 });

describe('data nodes: the ceiling (16-32 vCPU, 64-256 GiB)', () => {
  it('reference: more nodes inside the band instead of fewer above it', () => {
    // Inside the band only r6gd.8xlarge holds a copy (188.1 >= 150; r6gd.4xlarge: (128 - 31 - 8) x 0.9 = 80.1),
    // one per node: 6 nodes, so 3 dedicated masters.
    // 6 x 1.8432 x 730 = 8073.22; masters 3 x 0.39192 x 730 = 858.30; Kibana 858.30; total 9789.82.
    const t = chooseTopology(workload({}), heavy, noResize);
    expect(t.tiers[0]).toMatchObject({ instance_type: 'r6gd.8xlarge', nodes: 6, vcpu: 32, memory_gib: 256 });
    expect(t.monthly_usd).toBe(9789.82);
    // Without the ceiling, 3 x r6gd.16xlarge (2 copies each in 404.1 GiB): 8073.22 + Kibana 858.30 = 8931.52,
    // 858.30 less. The note says the ceiling set the count, not the floor.
    expect(t.tiers[0]!.note).toMatch(/more, smaller nodes: the reference architecture's data-node ceiling \(32 vCPU \/ 256 GiB RAM\) rules out 3 x r6gd\.16xlarge \(64 vCPU, 512 GiB\), \$858\.30 per month less/);
    expect(t.tiers[0]!.note).not.toMatch(/floor/);
    expect(codes(t)).not.toContain('DATA_NODE_BAND_EXCEEDED');
    expect(t.alternatives.map((a) => a.instance_type)).not.toContain('r6gd.16xlarge');
    expect(t.basis.find((b) => b.id === 'policy.data_node_ceiling')).toMatchObject({ inputs: { vcpu: 32, memory_gib: 256 }, result: 256 });
  });

  it('fit: the bigger nodes, with DATA_NODE_ABOVE_GUIDANCE', () => {
    const t = chooseTopology(workload({ node_sizing: 'fit' }), heavy, noResize);
    expect(t.tiers[0]).toMatchObject({ instance_type: 'r6gd.16xlarge', nodes: 3 });
    expect(t.monthly_usd).toBe(8931.52);
    const w = t.warnings.find((x) => x.code === 'DATA_NODE_ABOVE_GUIDANCE');
    expect(w?.message).toMatch(/64 vCPU and 512 GiB of RAM, above the reference architecture's 32 vCPU \/ 256 GiB RAM/);
    expect(codes(t)).not.toContain('DATA_NODE_BELOW_GUIDANCE');
  });

  it('fit inside the band: no DATA_NODE_ABOVE_GUIDANCE', () => {
    // 1 GiB per copy: r6gd.medium (1 vCPU, 8 GiB) holds it; below the band, not above.
    const tiny = sizingFixture({ ramBytes: 1 * GIB, diskBytes: 20e9, primaries: 1, replicas: 1 });
    expect(codes(chooseTopology(workload({ node_sizing: 'fit' }), tiny, noResize))).not.toContain('DATA_NODE_ABOVE_GUIDANCE');
  });

  it('deployment.max_data_node_vcpu and max_data_node_memory_gib move the ceiling', () => {
    const both = chooseTopology(workload({ max_data_node_vcpu: 64, max_data_node_memory_gib: 512 }), heavy, noResize);
    expect(both.tiers[0]).toMatchObject({ instance_type: 'r6gd.16xlarge', nodes: 3 });
    expect(both.monthly_usd).toBe(8931.52);
    expect(codes(both)).not.toContain('DATA_NODE_ABOVE_GUIDANCE');
    expect(both.basis.find((b) => b.id === 'policy.data_node_ceiling')).toMatchObject({ inputs: { vcpu: 64, memory_gib: 512 } });
    // RAM alone: r6gd.16xlarge still has 64 vCPU, above the 32 left in place.
    const ramOnly = chooseTopology(workload({ max_data_node_memory_gib: 512 }), heavy, noResize);
    expect(ramOnly.tiers[0]).toMatchObject({ instance_type: 'r6gd.8xlarge', nodes: 6 });
    expect(ramOnly.tiers[0]!.note).toMatch(/the workload data-node ceiling \(32 vCPU \/ 512 GiB RAM\) rules out/);
  });

  it('a ceiling below the floor is a user error naming the key and the fix', () => {
    for (const [key, value, floor] of [['max_data_node_vcpu', 8, '16'], ['max_data_node_memory_gib', 32, '64']] as const) {
      try {
        chooseTopology(workload({ [key]: value }), heavy, noResize);
        expect.unreachable('a ceiling below the floor');
      } catch (err) {
        expect(err).toBeInstanceOf(UserError);
        const p = (err as UserError).problems[0]!;
        expect(p.path).toBe(`deployment.${key}`);
        expect(p.message).toMatch(new RegExp(`${value} is below the reference architecture's data-node floor of ${floor}`));
        // The workload schema refuses it (validate says so too), naming the fix.
        expect(`${p.message} ${p.fix ?? ''}`).toMatch(new RegExp(`set at least ${floor}, or deployment.node_sizing: fit`));
      }
    }
    // Under fit there is no floor, so a low ceiling only sets where the warning starts.
    const t = chooseTopology(workload({ node_sizing: 'fit', max_data_node_vcpu: 8 }), heavy, noResize);
    expect(t.warnings.find((x) => x.code === 'DATA_NODE_ABOVE_GUIDANCE')?.message).toMatch(/above the workload's 8 vCPU \/ 256 GiB RAM/);
  });

  it('zero or negative bounds are refused by the schema', () => {
    expect(() => workload({ max_data_node_vcpu: 0 })).toThrow();
    expect(() => workload({ max_data_node_memory_gib: -64 })).toThrow();
  });

  it('nothing inside the band holds one copy: the nearest type outside it, with DATA_NODE_BAND_EXCEEDED', () => {
    // 250 GiB per copy: r6gd.8xlarge (188.1) cannot hold one. Outside the band r6gd.12xlarge (296.1)
    // holds one, 6 nodes; it is nearer the band (48/32 and 384/256) than r6gd.16xlarge (64/32, 512/256).
    // 6 x 2.7648 x 730 = 12109.82; masters 858.30; Kibana 858.30; total 13826.42.
    const huge = sizingFixture({ ramBytes: 750 * GIB, diskBytes: 300e9, primaries: 3, replicas: 1 });
    const t = chooseTopology(workload({}), huge, noResize);
    expect(t.tiers[0]).toMatchObject({ instance_type: 'r6gd.12xlarge', nodes: 6 });
    expect(t.monthly_usd).toBe(13826.42);
    const w = t.warnings.find((x) => x.code === 'DATA_NODE_BAND_EXCEEDED');
    expect(w?.message).toMatch(/r6gd\.12xlarge \(48 vCPU, 384 GiB\), outside the reference architecture's hot\/content band of 16-32 vCPU, 64-256 GiB RAM/);
    expect(w?.message).toMatch(/vector RAM does not fit the page cache/);
    expect(w?.message).toMatch(/more primaries/);
    expect(w?.message).toMatch(/deployment\.max_data_node_vcpu/);
    expect(t.tiers[0]!.note).toMatch(/outside the reference architecture's data-node band/);
    // Only the nearest size is offered: no alternative further from the band.
    expect(t.alternatives.map((a) => a.instance_type)).not.toContain('r6gd.16xlarge');
  });

  it('the floor note appears only when the floor set the size', () => {
    // A user's own type below the floor (8 vCPU) with 512 GiB, $0.50/h: 3 of them (2 copies each in
    // 404.1 GiB) cost 3 x 0.5 x 730 = 1095 + Kibana 858.30 = 1953.30, far below 9789.82. The floor ruled
    // it out, but the chosen r6gd.8xlarge (32 vCPU, 256 GiB) is not at the floor: the workload set its size.
    const base = loadCatalog('aws').entries.find((e) => e.instance_type === 'r6gd.16xlarge')!;
    const wide: CatalogEntry = { ...base, id: 'aws:own.wide', instance_type: 'own.wide', family: 'own', vcpu: 8, price_usd_per_hour: 0.5 };
    const t = chooseTopology(workload({ instance_families: ['r6gd', 'own'] }), heavy, { ...noResize, extraCatalogEntries: [wide] });
    expect(t.tiers[0]).toMatchObject({ instance_type: 'r6gd.8xlarge', nodes: 6 });
    expect(t.tiers[0]!.note).not.toMatch(/instance size set by the reference architecture's data-node floor/);
    expect(t.tiers[0]!.note).toMatch(/the reference architecture's data-node floor \(16 vCPU \/ 64 GiB RAM\) ruled out a cheaper plan on nodes below it/);
    expect(t.warnings.find((x) => x.code === 'NODE_SIZE_FROM_GUIDANCE')?.message).toMatch(/fits on 3 x own\.wide \(8 vCPU, 512 GiB\)/);
  });
});

describe('support roles inside their bands', () => {
  const small = sizingFixture({ ramBytes: 1 * GIB, diskBytes: 20e9, primaries: 1, replicas: 1 });

  it('an ML model too big for a 32 vCPU node takes the nearest larger one, with a warning', () => {
    // ML share 30% of RAM: m5dn.8xlarge (32 vCPU, 128 GiB) holds 38.4 GiB, m5dn.12xlarge (48, 192) 57.6 GiB.
    const t = chooseTopology(workload({}, { placement: 'ml_nodes', model_memory_gib: 50 }), small, noResize);
    expect(t.tiers.find((x) => x.role === 'ml')).toMatchObject({ instance_type: 'm5dn.12xlarge', nodes: 3 });
    const w = t.warnings.find((x) => x.code === 'SUPPORT_NODE_OUTSIDE_BAND');
    expect(w?.message).toMatch(/ML nodes are m5dn\.12xlarge \(48 vCPU, 192 GiB\), outside the reference architecture's ml band of 16-32 vCPU, 64\+ GiB RAM/);
    expect(w?.message).toMatch(/inference\.model_memory_gib/);
  });

  it('a model that fits stays inside the band, without a warning', () => {
    // 4 GiB (the default) fits m5dn.4xlarge (16 vCPU, 64 GiB: 19.2 GiB), the cheapest inside 16-32 vCPU, 64+ GiB.
    const t = chooseTopology(workload({}, { placement: 'ml_nodes' }), small, noResize);
    expect(t.tiers.find((x) => x.role === 'ml')).toMatchObject({ instance_type: 'm5dn.4xlarge' });
    expect(codes(t)).not.toContain('SUPPORT_NODE_OUTSIDE_BAND');
  });
});

describe('Elastic Cloud: its own ladder, held to the reference', () => {
  // 0.02 USD per GB-hour; ML nodes in the cluster, so 3 data + 3 ML = 6 nodes: 3 dedicated masters.
  const ech = (region: string) =>
    chooseTopology(workload({ provider: 'elastic-cloud', region, instance_families: undefined, price_usd_per_gb_ram_hour: 0.02 }, { placement: 'ml_nodes' }), sizingFixture({ ramBytes: 1 * GIB, diskBytes: 20e9, primaries: 1, replicas: 1 }), noResize);

  it('AWS: 15 GB masters, 8 GB Kibana, 60 GB ML nodes (not the 4 GB / 1 GB / model-sized platform minimums)', () => {
    const t = ech('aws-us-east-1');
    const tier = (role: string) => t.tiers.find((x) => x.role === role)!;
    // The master ladder has 15 GB then 30 GB: 15 is the nearest to the reference's 16 (catalogs.md 5.2).
    expect(tier('master')).toMatchObject({ memory_gib: 15, nodes: 3 });
    expect(tier('kibana')).toMatchObject({ memory_gib: 8 });
    expect(tier('ml')).toMatchObject({ memory_gib: 60 });
    expect(tier('data')).toMatchObject({ memory_gib: 60 });
    // 3 x (60 + 15 + 60 + 8) GB x 0.02 x 730 = 3 x 143 x 14.6 = 6263.40
    expect(t.monthly_usd).toBe(6263.4);
    const w = t.warnings.find((x) => x.code === 'PROVIDER_BELOW_REFERENCE');
    expect(w?.message).toMatch(/data nodes 60 GiB .*reference at least 64 GB/);
    expect(w?.message).toMatch(/dedicated masters 15 GiB .*reference at least 16 GB/);
    expect(w?.message).toMatch(/ML nodes 60 GiB .*reference at least 64 GB/);
    expect(w?.message).not.toMatch(/Kibana/);
  });

  it('fit: small data nodes are the workload\'s choice, so the warning names only the support roles', () => {
    const t = chooseTopology(
      workload({ provider: 'elastic-cloud', region: 'aws-us-east-1', instance_families: undefined, price_usd_per_gb_ram_hour: 0.02, node_sizing: 'fit' }, { placement: 'ml_nodes' }),
      sizingFixture({ ramBytes: 1 * GIB, diskBytes: 20e9, primaries: 1, replicas: 1 }),
      noResize,
    );
    expect(t.tiers[0]!.memory_gib).toBeLessThan(60);
    const w = t.warnings.find((x) => x.code === 'PROVIDER_BELOW_REFERENCE');
    expect(w?.message).not.toMatch(/data nodes/);
    expect(w?.message).toMatch(/ML nodes 60 GiB/);
  });

  it('GCP: the ladder reaches the reference (16 GB masters, 64 GB data and ML); no warning', () => {
    const t = ech('gcp-us-central1');
    const tier = (role: string) => t.tiers.find((x) => x.role === role)!;
    expect(tier('master').memory_gib).toBe(16);
    expect(tier('ml').memory_gib).toBe(64);
    expect(tier('data').memory_gib).toBe(64);
    expect(tier('kibana').memory_gib).toBe(8);
    expect(codes(t)).not.toContain('PROVIDER_BELOW_REFERENCE');
  });
});

describe('property: every data tier is inside the band or says why not', () => {
  // Log-uniform demands over every provider, Elastic Cloud and physical included, default families.
  const logInt = (lo: number, hi: number) => fc.double({ min: Math.log(lo), max: Math.log(hi), noNaN: true }).map((x) => Math.round(Math.exp(x)));
  const demand = fc.record({
    provider: fc.constantFrom(...PROVIDERS),
    ramGib: logInt(1, 20_000),
    diskGb: logInt(10, 500_000),
    primaries: logInt(1, 300),
    replicas: fc.integer({ min: 1, max: 2 }),
    zones: fc.constantFrom(2 as const, 3 as const),
  });
  const BAND = { vcpu: [16, 32], memory: [64, 256] } as const; // genai-search-high-availability.md, hot/content
  const ECH_FLOOR = 60; // GiB: the top of Elastic Cloud's AWS/Azure ladder (catalogs.md 5.2)

  it('inside 16-32 vCPU / 64-256 GiB (Elastic Cloud: 60+ GiB), or DATA_NODE_BAND_EXCEEDED; few refusals', () => {
    let refused = 0;
    let runs = 0;
    let outside = 0;
    fc.assert(
      fc.property(demand, (d) => {
        runs++;
        const s = sizingFixture({ ramBytes: d.ramGib * GIB, diskBytes: d.diskGb * 1e9, primaries: d.primaries, replicas: d.replicas });
        const w = parseWorkload({
          corpus: { documents: 1000, source_bytes_per_document: 100 },
          vectors: [{ field: 'e', dims: 1024 }],
          availability: { zones: d.zones, replicas: d.replicas },
          deployment: { provider: d.provider },
        });
        let t;
        try {
          t = chooseTopology(w, s, noResize);
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          refused++;
          return;
        }
        const data = t.tiers[0]!;
        const minMemory = d.provider === 'elastic-cloud' ? ECH_FLOOR : BAND.memory[0];
        const minVcpu = d.provider === 'elastic-cloud' ? 0 : BAND.vcpu[0];
        const inside = data.vcpu >= minVcpu && data.vcpu <= BAND.vcpu[1] && data.memory_gib >= minMemory && data.memory_gib <= BAND.memory[1];
        if (!inside) {
          outside++;
          expect(codes(t), `${data.instance_type} (${data.vcpu} vCPU, ${data.memory_gib} GiB) on ${d.provider}`).toContain('DATA_NODE_BAND_EXCEEDED');
        } else {
          expect(codes(t)).not.toContain('DATA_NODE_BAND_EXCEEDED');
        }
      }),
      { seed: 1111, numRuns: 60 },
    );
    // Up to 20,000 GiB of vectors per copy over up to 300 primaries: most plans fit within 600 nodes.
    expect(refused / runs).toBeLessThan(0.35);
    expect(outside / runs).toBeLessThan(0.5);
  });
});

describe('property: generated workloads, the whole pipeline', () => {
  // Both policies, and the ceiling moved by the workload's keys (each at least the floor).
  const sizingKeys = fc.record(
    {
      node_sizing: fc.constantFrom('reference' as const, 'fit' as const),
      max_data_node_vcpu: fc.constantFrom(32, 48, 64, 96),
      max_data_node_memory_gib: fc.constantFrom(128, 256, 384, 512),
    },
    { requiredKeys: ['node_sizing'] },
  );

  it('every data tier under node_sizing: reference is inside the band or warns DATA_NODE_BAND_EXCEEDED; fit warns above it', () => {
    let planned = 0;
    let runs = 0;
    fc.assert(
      fc.property(workloadInput('realistic', { extended: true }), sizingKeys, (input, keys) => {
        runs++;
        let workload: Workload;
        try {
          workload = parseWorkload({ ...input, deployment: { ...input.deployment, ...keys } });
        } catch {
          return; // the generator's rare invalid combination: not this property's business
        }
        let plan;
        try {
          plan = buildPlan(workload, { esplanVersion: 'test', data: modelData });
        } catch (err) {
          if (err instanceof UserError) return;
          throw err;
        }
        planned++;
        const data = plan.tiers.find((t) => t.role === 'data')!;
        const codes = plan.warnings.map((w) => w.code);
        // genai-search-high-availability.md, hot/content: 16-32 vCPU, 64-256 GB; Elastic Cloud: 60 GiB floor, no vCPU floor.
        const ech = workload.deployment.provider === 'elastic-cloud';
        const above = data.vcpu > (keys.max_data_node_vcpu ?? 32) || data.memory_gib > (keys.max_data_node_memory_gib ?? 256);
        const below = ech ? data.memory_gib < 60 : data.vcpu < 16 || data.memory_gib < 64;
        if (workload.deployment.node_sizing === 'reference') expect(codes.includes('DATA_NODE_BAND_EXCEEDED'), `${data.instance_type} on ${workload.deployment.provider}`).toBe(above || below);
        else expect(codes.includes('DATA_NODE_ABOVE_GUIDANCE')).toBe(above);
      }),
      { seed: 20261211, numRuns: 80 },
    );
    // Refusals (too large for one index, nothing fits within 600 nodes) stay a minority.
    expect(planned / runs).toBeGreaterThan(0.6);
  });
});
