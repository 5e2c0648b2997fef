import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { UserError } from '../../src/model/problems.js';
import type { Workload, WorkloadInput } from '../../src/model/workload.js';
import { chooseTopology, type TopologyOptions } from '../../src/recommend/choose-topology.js';
import type { SizingResult } from '../../src/sizing/size-workload.js';
import { sizingFixture, type FixtureSpec } from './sizing-fixture.js';
import { modelData } from '../helpers/model-data.js';

const GIB = 1024 ** 3;
const noResize: TopologyOptions = { data: modelData, resize: () => { throw new Error('not in this test'); } };

function workload(overrides: Partial<WorkloadInput> = {}): Workload {
  return parseWorkload({
    name: 'test',
    elasticsearch: { version: '9.2', license: 'enterprise' },
    corpus: { documents: 1_000_000, source_bytes_per_document: 1000 },
    vectors: [{ field: 'embedding', dims: 1024 }],
    deployment: { provider: 'aws', region: 'us-east-1' },
    ...overrides,
  });
}

// 60 GiB of vector RAM and 900 GB on disk per copy, 18 primaries, 1 replica: 36 shards.
const rag: FixtureSpec = { ramBytes: 60 * GIB, diskBytes: 900e9, primaries: 18, replicas: 1 };

function plan(w: Workload, s: SizingResult, o: TopologyOptions = noResize) {
  return chooseTopology(w, s, o);
}

describe('data tier on AWS (r6gd, c8gd)', () => {
  const w = workload({ deployment: { provider: 'aws', region: 'us-east-1', instance_families: ['r6gd', 'c8gd'] } });
  const t = plan(w, sizingFixture(rag));
  const data = t.tiers[0]!;

  it('picks 3 x r6gd.4xlarge', () => {
    // 3 nodes hold 12 shards each: 12 x 120 GiB / 36 = 40 GiB of vectors <= 80.1 GiB of vector cache
    // (128 GiB - 31 GiB heap - 8 GiB OS) x 0.9, and 12 x 1800 GB / 36 = 600 GB <= 807.5 GB usable of 950 GB.
    // 6 x r6gd.2xlarge costs the same for data (6 x 0.4608 = 3 x 0.9216) but needs dedicated masters.
    expect(data).toMatchObject({ role: 'data', instance_type: 'r6gd.4xlarge', nodes: 3, nodes_per_zone: [1, 1, 1], disk_kind: 'local-nvme' });
    expect(data.vector_cache_bytes).toBe(86006720102);
    expect(data.usable_disk_bytes).toBe(807.5e9);
    // 0.9216 $/h x 730 h = 672.768 per node; x 3 = 2018.304
    expect(data.monthly_usd_per_node).toBe(672.77);
    expect(data.monthly_usd).toBe(2018.3);
  });

  it('uses master-eligible data nodes below six nodes, Kibana in every zone, cost from the tiers', () => {
    expect(t.tiers.map((x) => x.role)).toEqual(['data', 'kibana']);
    const kibana = t.tiers[1]!;
    // c8gd.2xlarge: the cheapest c8gd with >= 8 vCPU and >= 8 GiB; $0.39192 x 730 x 3 = 858.3048
    expect(kibana).toMatchObject({ instance_type: 'c8gd.2xlarge', nodes: 3, nodes_per_zone: [1, 1, 1], monthly_usd: 858.3 });
    expect(kibana.note).toMatch(/load balancer/);
    expect(t.monthly_usd).toBe(2876.6);
    expect(t.price_date).toBe('2026-07-20');
  });

  it('keeps losing choices as alternatives with the reason, all at or above the reference floor', () => {
    expect(t.alternatives.length).toBeGreaterThan(0);
    // node_sizing defaults to reference: r6gd.2xlarge (8 vCPU, 64 GiB) is below the 16 vCPU / 64 GiB floor.
    expect(t.alternatives.find((a) => a.instance_type === 'r6gd.2xlarge')).toBeUndefined();
    expect(t.alternatives.some((a) => a.instance_type.startsWith('c8gd'))).toBe(true);
    // The smallest c8gd at the floor is c8gd.8xlarge (32 vCPU, 64 GiB): c8gd.4xlarge has 32 GiB.
    expect(t.alternatives.some((a) => /^c8gd\.(medium|large|xlarge|2xlarge|4xlarge)$/.test(a.instance_type))).toBe(false);
  });

  it('with node_sizing: fit, smaller types are alternatives again', () => {
    const fit = plan(workload({ deployment: { provider: 'aws', region: 'us-east-1', instance_families: ['r6gd', 'c8gd'], node_sizing: 'fit' } }), sizingFixture(rag));
    expect(fit.tiers[0]).toMatchObject({ instance_type: 'r6gd.4xlarge', nodes: 3 });
    const two = fit.alternatives.find((a) => a.instance_type === 'r6gd.2xlarge');
    // 6 x r6gd.2xlarge would hold 6 shards (300 GB) each, but losing one leaves its zone's other
    // node 12 shards = 600 GB, above the 402.9 GB of its 474 GB NVMe below the low watermark.
    // 9 nodes: 4 shards each, 6 (300 GB) after a node loss. 9 x 0.4608 x 730 = 3027.46, plus
    // 3 dedicated c8gd.2xlarge masters (858.30) and Kibana (858.30): 4744.06.
    expect(two).toMatchObject({ nodes: 9 });
    expect(two?.monthly_usd).toBeCloseTo(4744.06, 2);
    expect(two?.why_not).toMatch(/plan costs \$1,867\.46 more per month \(\+64\.9%\); 9 data nodes, set by node-loss headroom/);
    // The floor did not set the size here, so no warning about it in either mode.
    expect(fit.warnings.map((x) => x.code)).not.toContain('NODE_SIZE_FROM_GUIDANCE');
    expect(t.warnings.map((x) => x.code)).not.toContain('NODE_SIZE_FROM_GUIDANCE');
  });

  it('names every catalog entry and policy it used in basis', () => {
    const ids = t.basis.map((b) => b.id);
    expect(ids).toEqual(expect.arrayContaining(['aws:r6gd.4xlarge', 'aws:c8gd.2xlarge', 'policy.ram_headroom_ratio', 'policy.os_reserve_ratio', 'node.heap.auto', 'node.usable_disk', 'topology.zone_loss', 'cost.hours_per_month']));
    for (const b of t.basis) expect(b.source.length).toBeGreaterThan(5);
  });
});

describe('masters, ML and zones', () => {
  it('adds three dedicated masters, one per zone, from six nodes', () => {
    // 600 GiB of vectors per copy: far beyond 3 nodes of any r6gd size below 16xlarge.
    const w = workload({ deployment: { provider: 'aws', instance_families: ['r6gd'] } });
    const t = plan(w, sizingFixture({ ramBytes: 600 * GIB, diskBytes: 3000e9, primaries: 60, replicas: 1 }));
    const data = t.tiers[0]!;
    const masters = t.tiers.find((x) => x.role === 'master');
    if (data.nodes >= 6) {
      expect(masters).toMatchObject({ nodes: 3, nodes_per_zone: [1, 1, 1], instance_type: 'c8gd.2xlarge' });
      expect(masters?.heap_bytes).toBe(9830 * 1024 * 1024); // 60% of 16 GiB, whole MiB
    } else {
      expect(masters).toBeUndefined();
    }
  });

  it('two zones: a voting-only tiebreaker in a third location', () => {
    const w = workload({ availability: { zones: 2, replicas: 1 } });
    const t = plan(w, sizingFixture({ ramBytes: 10 * GIB, diskBytes: 100e9, primaries: 2, replicas: 1 }));
    expect(t.tiers[0]!.nodes).toBe(2);
    expect(t.tiers[0]!.nodes_per_zone).toEqual([1, 1]);
    const tb = t.tiers.find((x) => x.role === 'master');
    // Tiebreaker policy: >= 1 vCPU and 4 GiB; c8gd.large (2 vCPU, 4 GiB) is the cheapest c8gd that has it.
    expect(tb).toMatchObject({ nodes: 1, nodes_per_zone: [0, 0, 1], instance_type: 'c8gd.large' });
    expect(tb?.note).toMatch(/voting_only/);
    expect(t.warnings.map((x) => x.code)).toContain('TWO_ZONE_TIEBREAKER');
    expect(t.tiers.find((x) => x.role === 'kibana')?.nodes_per_zone).toEqual([1, 1]);
  });

  it('ML nodes only for in-cluster inference, one per zone, sized for the model', () => {
    const w = workload({ inference: { placement: 'ml_nodes', model_memory_gib: 12 } });
    const t = plan(w, sizingFixture({ ramBytes: 10 * GIB, diskBytes: 100e9, primaries: 1, replicas: 1 }));
    // m5dn.4xlarge: 16 vCPU, 64 GiB (reference minimum); 30% of 64 GiB = 19.2 GiB >= 12 GiB.
    expect(t.tiers.find((x) => x.role === 'ml')).toMatchObject({ instance_type: 'm5dn.4xlarge', nodes: 3, nodes_per_zone: [1, 1, 1] });
    // 3 data + 3 ML = 6 Elasticsearch nodes: dedicated masters.
    expect(t.tiers.find((x) => x.role === 'master')?.nodes).toBe(3);
    expect(plan(workload(), sizingFixture({ ramBytes: 10 * GIB, diskBytes: 100e9, primaries: 1, replicas: 1 })).tiers.some((x) => x.role === 'ml')).toBe(false);
  });

  it('a model too large for any ML node is a user error naming the field', () => {
    const w = workload({ inference: { placement: 'ml_nodes', model_memory_gib: 1000 } });
    expect(() => plan(w, sizingFixture(rag))).toThrow(/inference.model_memory_gib|ML instance/);
  });
});

describe('storage', () => {
  it('EBS-only families get a gp3 volume sized for the shards, priced per GiB-month', () => {
    const w = workload({ deployment: { provider: 'aws', instance_families: ['r6g'] } });
    const data = plan(w, sizingFixture(rag)).tiers[0]!;
    expect(data).toMatchObject({ instance_type: 'r6g.4xlarge', nodes: 3, disk_kind: 'attached' });
    // Need 600 GB per node, planned to fill at most 90% of the disk below the low watermark (5% merge
    // reserve, 5% growth margin): 600e9 / 0.9 = 666.67 GB usable, / 0.85 = 784.31 GB = 730.4 GiB ->
    // 731 GiB (730 GiB gives 666.26 GB usable, too little). $0.8064/h + 731 GiB x $0.08 / 730 h
    expect(data.price_usd_per_hour).toBeCloseTo(0.8064 + (731 * 0.08) / 730, 6);
    expect(data.note).toMatch(/731 GiB EBS gp3 volume/);
  });

  it('GCP N2D data nodes take the fewest Local SSDs that hold the shards, priced per disk', () => {
    const w = workload({ deployment: { provider: 'gcp' } });
    const data = plan(w, sizingFixture(rag)).tiers[0]!;
    expect(data.disk_kind).toBe('local-ssd');
    const disks = Math.round(data.disk_gb / (375 * GIB / 1e9));
    // 600 GB per node: one 375 GiB disk (402.65 GB) is too small, two (805.3 GB, 684.5 GB usable) hold it.
    expect(disks).toBe(2);
  });
});

describe('prices', () => {
  it('Elastic Cloud: cost unknown unless the workload gives a price per GB of RAM', () => {
    const w = workload({ deployment: { provider: 'elastic-cloud' } });
    const t = plan(w, sizingFixture(rag));
    expect(t.monthly_usd).toBeNull();
    expect(t.price_date).toBeNull();
    expect(t.tiers.every((x) => x.monthly_usd === null)).toBe(true);
    expect(t.warnings.map((x) => x.code)).toContain('COST_UNKNOWN');

    const priced = plan(workload({ deployment: { provider: 'elastic-cloud', price_usd_per_gb_ram_hour: 0.03 } }), sizingFixture(rag));
    const d = priced.tiers[0]!;
    // memory x $0.03 x 730 h per node
    expect(d.monthly_usd_per_node).toBeCloseTo(d.memory_gib * 0.03 * 730, 2);
    expect(priced.monthly_usd).not.toBeNull();
    // All roles on the data tier's cloud.
    const cloud = d.instance_type.split('.')[0];
    for (const tier of priced.tiers) expect(tier.instance_type.startsWith(`${cloud}.`)).toBe(true);
  });

  it('Elastic Cloud: an ECH region id keeps every tier on that cloud', () => {
    const t = plan(workload({ deployment: { provider: 'elastic-cloud', region: 'gcp-us-central1' } }), sizingFixture(rag));
    for (const tier of t.tiers) expect(tier.instance_type.startsWith('gcp.')).toBe(true);
  });

  it('physical profiles are unpriced until --catalog gives prices', () => {
    const w = workload({ deployment: { provider: 'physical' } });
    expect(plan(w, sizingFixture(rag)).monthly_usd).toBeNull();
    const priced = (id: string, usd: number) => ({
      ...baseProfile(id),
      price_usd_per_hour: usd,
      price_date: '2026-10-01',
      source: 'our hardware quote 2026-10',
    });
    const t = plan(w, sizingFixture(rag), {
      ...noResize,
      extraCatalogEntries: [
        priced('data-32c-128g-1tb', 1),
        priced('data-32c-256g-2tb', 1.5),
        { ...baseProfile('kibana-8c-8g-256gb'), price_usd_per_hour: 0.1, price_date: '2026-10-01', source: 'our hardware quote 2026-10' },
      ],
    });
    expect(t.tiers[0]).toMatchObject({ instance_type: 'data-32c-128g-1tb', nodes: 3, monthly_usd: 2190 }); // 3 x 1 x 730
    expect(t.monthly_usd).toBe(2190 + 219); // + 3 x 0.1 x 730
    expect(t.price_date).toBe('2026-10-01');
  });

  it('a --catalog entry with a negotiated price can win', () => {
    const w = workload({ deployment: { provider: 'aws', instance_families: ['r6gd'] } });
    const t = plan(w, sizingFixture(rag), {
      ...noResize,
      extraCatalogEntries: [{ ...awsEntry('r6gd.4xlarge'), price_usd_per_hour: 0.5, price_date: '2026-11-01', source: 'negotiated EDP rate sheet' }],
    });
    expect(t.tiers[0]).toMatchObject({ instance_type: 'r6gd.4xlarge', price_usd_per_hour: 0.5 });
    expect(t.price_date).toBe('2026-07-20'); // the oldest date used (Kibana's list price)
  });

  it('an unknown instance family is a user error with a suggestion', () => {
    const w = workload({ deployment: { provider: 'aws', instance_families: ['r6gdd'] } });
    try {
      plan(w, sizingFixture(rag));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).problems[0]).toMatchObject({ path: 'deployment.instance_families', fix: 'did you mean r6gd?' });
    }
  });
});

describe('safety margin', () => {
  it('a larger ram_headroom_ratio never needs fewer data nodes', () => {
    const s = sizingFixture({ ramBytes: 300 * GIB, diskBytes: 1000e9, primaries: 30, replicas: 1 });
    const small = plan(workload({ deployment: { provider: 'aws', instance_families: ['r6gd'] }, assumptions: { ram_headroom_ratio: 0 } }), s);
    const big = plan(workload({ deployment: { provider: 'aws', instance_families: ['r6gd'] }, assumptions: { ram_headroom_ratio: 0.5 } }), s);
    const ram = (t: typeof small) => t.tiers[0]!.nodes * t.tiers[0]!.memory_gib;
    expect(ram(big)).toBeGreaterThan(ram(small));
    expect(big.basis.find((b) => b.id === 'policy.ram_headroom_ratio')?.result).toBe(0.5);
  });
});

describe('warnings', () => {
  it('HNSW with a large RAM bill: suggests BBQ with the saving', () => {
    const w = workload({ vectors: [{ field: 'embedding', dims: 1024, index_type: 'int8_hnsw' }] });
    const heavy = sizingFixture({ ...rag, indexType: 'int8_hnsw', ramBytes: 400 * GIB });
    const t = chooseTopology(w, heavy, {
      data: modelData,
      resize: (v) => sizingFixture({ ...rag, ramBytes: v.vectors![0]?.index_type === 'bbq_hnsw' ? 50 * GIB : 20 * GIB, indexType: v.vectors![0]?.index_type as 'bbq_hnsw' }),
    });
    const hint = t.warnings.find((x) => x.code === 'HNSW_RAM_COST');
    expect(hint?.message).toMatch(/bbq_hnsw needs 100\.0 GiB of vector RAM instead of 800\.0 GiB/);
    expect(hint?.message).toMatch(/\/month less/);
  });

  it('with node_sizing: fit, data nodes under the reference architecture RAM get a warning', () => {
    const fit = workload({ deployment: { provider: 'aws', region: 'us-east-1', node_sizing: 'fit' } });
    const small = plan(fit, sizingFixture({ ramBytes: 1 * GIB, diskBytes: 20e9, primaries: 1, replicas: 1 }));
    expect(small.tiers[0]!.memory_gib).toBeLessThan(64);
    expect(small.warnings.map((x) => x.code)).toContain('DATA_NODE_BELOW_GUIDANCE');
    expect(plan(workload(), sizingFixture(rag)).warnings.map((x) => x.code)).not.toContain('DATA_NODE_BELOW_GUIDANCE');
  });

  it('a RAM-bound tier on a basic license: DiskBBQ would need enterprise', () => {
    const w = workload({ elasticsearch: { version: '9.2', license: 'basic' }, deployment: { provider: 'aws', instance_families: ['r6gd'] } });
    const t = plan(w, sizingFixture({ ramBytes: 600 * GIB, diskBytes: 1000e9, primaries: 30, replicas: 1 }));
    const codes = t.warnings.map((x) => x.code);
    expect(codes).toContain('LICENSE_OR_VERSION_LIMITS_DISKBBQ');
    expect(t.warnings.find((x) => x.code === 'LICENSE_OR_VERSION_LIMITS_DISKBBQ')?.message).toMatch(/enterprise license/);
    const ent = plan(workload({ deployment: { provider: 'aws', instance_families: ['r6gd'] } }), sizingFixture({ ramBytes: 600 * GIB, diskBytes: 1000e9, primaries: 30, replicas: 1 }));
    expect(ent.warnings.map((x) => x.code)).not.toContain('LICENSE_OR_VERSION_LIMITS_DISKBBQ');
  });

  it('Elasticsearch before 8.16 has no BBQ: says so', () => {
    const w = workload({ elasticsearch: { version: '8.15', license: 'basic' }, vectors: [{ field: 'embedding', dims: 1024, index_type: 'int8_hnsw' }] });
    const t = plan(w, sizingFixture({ ...rag, indexType: 'int8_hnsw' }));
    expect(t.warnings.find((x) => x.code === 'VERSION_LIMITS_INDEX_TYPE')?.message).toMatch(/bbq_hnsw needs 8\.16\+/);
    expect(plan(workload(), sizingFixture(rag)).warnings.map((x) => x.code)).not.toContain('VERSION_LIMITS_INDEX_TYPE');
  });

  it('no HNSW hint for BBQ', () => {
    const t = plan(workload(), sizingFixture(rag));
    expect(t.warnings.map((x) => x.code)).not.toContain('HNSW_RAM_COST');
  });

  it('recall above DiskBBQ, filtered HNSW, no replicas', () => {
    const w = workload({ search: { recall_target: 0.98, filtered: true }, availability: { zones: 3, replicas: 0 } });
    const disk = plan(w, sizingFixture({ ...rag, replicas: 0, indexType: 'bbq_disk' }));
    const codes = disk.warnings.map((x) => x.code);
    expect(codes).toContain('RECALL_ABOVE_DISKBBQ');
    expect(codes).toContain('NO_REPLICAS');
    expect(codes).not.toContain('FILTERED_KNN'); // bbq_disk is not HNSW
    const hnsw = plan(w, sizingFixture({ ...rag, replicas: 0 }));
    expect(hnsw.warnings.map((x) => x.code)).toContain('FILTERED_KNN');
  });
});

function baseProfile(type: string) {
  const [role, cpu, mem, disk] = type.split('-') as [string, string, string, string];
  return {
    id: `physical:${type}`,
    provider: 'physical' as const,
    family: `physical-${role}`,
    instance_type: type,
    vcpu: Number(cpu.replace('c', '')),
    memory_gib: Number(mem.replace('g', '')),
    local_disk_gb: disk.endsWith('tb') ? Number(disk.replace('tb', '')) * 1000 : Number(disk.replace('gb', '')),
    local_disk_kind: 'nvme' as const,
    network_gbps: null,
    arch: 'amd64' as const,
    region: 'on-premises',
  };
}

function awsEntry(type: string) {
  return {
    id: `aws:${type}`,
    provider: 'aws' as const,
    family: type.split('.')[0]!,
    instance_type: type,
    vcpu: 16,
    memory_gib: 128,
    local_disk_gb: 950,
    local_disk_kind: 'nvme' as const,
    network_gbps: 5,
    arch: 'arm64' as const,
    region: 'us-east-1',
  };
}
