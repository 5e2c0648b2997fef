/**
 * Issue 11, item 2 and 3: disk and failure headroom as policies (formulas/topology.json), the
 * cost tie margin and idle data nodes. Figures by hand from catalogs/aws.json (us-east-1, 730 h):
 * r6gd.2xlarge 8 vCPU 64 GiB 474 GB NVMe $0.4608/h; r6gd.4xlarge 16 vCPU 128 GiB 950 GB $0.9216/h;
 * r6gd.8xlarge 32 vCPU 256 GiB 1900 GB $1.8432/h; r6g.4xlarge 128 GiB, EBS only, $0.8064/h;
 * gp3 $0.08/GiB-month; Kibana 3 x c8gd.2xlarge $858.30. Disk below the low watermark: 85%, at most
 * 200 GiB kept free; the plan fills at most 90% of that (5% merge reserve + 5% growth margin).
 */
import { describe, expect, it } from 'vitest';
import awsCatalog from '../../catalogs/aws.json' with { type: 'json' };
import type { CatalogEntry } from '../../src/data/catalogs.js';
import { parseWorkload } from '../../src/model/parse-workload.js';
import type { WorkloadInput } from '../../src/model/workload.js';
import { chooseTopology, type TopologyOptions } from '../../src/recommend/choose-topology.js';
import { rankFits, type DataFit } from '../../src/recommend/data-tier.js';
import { evaluateTopology } from '../../src/recommend/evaluate-topology.js';
import { modelData } from '../helpers/model-data.js';
import { sizingFixture } from './sizing-fixture.js';

const GIB = 1024 ** 3;
const noResize: TopologyOptions = { data: modelData, resize: () => { throw new Error('not in this test'); } };
const aws = (type: string) => awsCatalog.entries.find((e) => e.instance_type === type) as CatalogEntry;

function workload(deployment: WorkloadInput['deployment'], availability: WorkloadInput['availability'] = {}) {
  return parseWorkload({
    name: 'headroom',
    elasticsearch: { version: '9.2', license: 'enterprise' },
    corpus: { documents: 1_000_000, source_bytes_per_document: 1000 },
    vectors: [{ field: 'embedding', dims: 1024 }],
    availability,
    deployment: { provider: 'aws', region: 'us-east-1', ...deployment },
  });
}

// 18 primaries, 1 replica, 3 zones: 36 shard copies, 12 per zone; 60 GiB of vectors per copy.
const rag = (diskBytes: number) => sizingFixture({ ramBytes: 60 * GIB, diskBytes, primaries: 18, replicas: 1 });

describe('merge reserve and growth margin', () => {
  it('never plans the fullest node to the low watermark', () => {
    // 1200 GB per copy: 3 nodes hold 12 of the 36 copies each, 12 x 2400 GB / 36 = 800 GB. An
    // r6gd.4xlarge can fill 807.5 GB below the low watermark (the old plan, 99% full), but only
    // 726.75 GB of that is planned. 6 x r6gd.4xlarge (400 GB each; 800 GB after a node loss)
    // costs the same for data as 3 x r6gd.8xlarge (6 x 0.9216 = 3 x 1.8432) but needs three
    // dedicated masters. r6gd.8xlarge: 1900e9 - min(285e9, 200 x 2^30 = 214,748,364,800) =
    // 1,685,251,635,200 bytes below the watermark, planned to 90% of that, 1,516,726,471,680.
    const t = chooseTopology(workload({ instance_families: ['r6gd'] }), rag(1200e9), noResize);
    const data = t.tiers[0]!;
    expect(data).toMatchObject({ instance_type: 'r6gd.8xlarge', nodes: 3, fullest_node_disk_bytes: 800e9 });
    expect(data.usable_disk_bytes).toBe(1_685_251_635_200);
    expect(data.disk_fill_limit_bytes).toBe(1_516_726_471_680);
    // 3 x 1.8432 x 730 = 4036.608 -> 4036.61, plus Kibana 858.30.
    expect(t.monthly_usd).toBe(4894.91);
    expect(data.note).toMatch(/holds 745\.1 GiB of the 1569\.5 GiB it can fill below the low disk watermark \(planned to at most 1412\.6 GiB/);
    expect(t.alternatives.find((a) => a.instance_type === 'r6gd.4xlarge')).toMatchObject({ nodes: 6 });
  });
});

describe('evaluate: a tier planned into its margins', () => {
  it('warns DISK_INSIDE_MERGE_MARGIN when the fullest node fits the watermark but not the margins', () => {
    // 3 x r6gd.4xlarge with 800 GB on the fullest node: below the 807.5 GB watermark fill, above the
    // 726.75 GB planned fill (0.9 x 807.5).
    const t = evaluateTopology(workload({ instance_families: ['r6gd'] }), rag(1200e9), { instance_type: 'r6gd.4xlarge', nodes: 3 }, noResize);
    const codes = t.warnings.map((w) => w.code);
    expect(codes).toContain('DISK_INSIDE_MERGE_MARGIN');
    expect(codes).not.toContain('DISK_ABOVE_LOW_WATERMARK');
    expect(t.tiers[0]!.disk_fill_limit_bytes).toBe(726.75e9);
  });
});

describe('surviving the loss of one data node', () => {
  // 900 GB per copy: 600 GB on each of 3 nodes; with 2 nodes per zone, 300 GB each, 600 GB after a loss.
  it('evaluate reports the node-loss fill and warns when a zone cannot absorb it', () => {
    // 6 x r6gd.2xlarge: 6 copies (300 GB) per node; a lost node's zone keeps one node with 12
    // copies (12 <= 18 primaries): 600 GB > 402.9 GB below the watermark (474 x 0.85), 12 x 120 GiB
    // / 36 = 40 GiB of vectors > 26.1 GiB of cache ((64 - 31 - 4) x 0.9 = 26.1 GiB).
    const t = evaluateTopology(workload({ instance_families: ['r6gd'] }), rag(900e9), { instance_type: 'r6gd.2xlarge', nodes: 6 }, noResize);
    const data = t.tiers[0]!;
    expect(data.node_loss).toMatchObject({ required: true, survives: false, surviving_nodes_in_zone: 1, fullest_node_shard_copies: 12, fullest_node_disk_bytes: 600e9 });
    expect(data.node_loss?.fullest_node_vector_bytes).toBe(40 * GIB);
    expect(data.node_loss?.disk_headroom_bytes).toBe(402.9e9 - 600e9);
    expect(t.warnings.map((w) => w.code)).toContain('NODE_LOSS_OVERFILLS');
    expect(data.notes?.map((n) => n.code)).toContain('NODE_LOSS_OVERFILLS');
  });

  it('availability.survive_node_loss: false accepts it, reported but not warned', () => {
    const w = workload({ instance_families: ['r6gd'] }, { survive_node_loss: false });
    const t = evaluateTopology(w, rag(900e9), { instance_type: 'r6gd.2xlarge', nodes: 6 }, noResize);
    expect(t.tiers[0]!.node_loss).toMatchObject({ required: false, survives: false });
    expect(t.warnings.map((x) => x.code)).not.toContain('NODE_LOSS_OVERFILLS');
  });

  it('the search only takes counts whose zones absorb a lost node', () => {
    // node_sizing: fit, r6gd only. 6 x r6gd.2xlarge fails as above; 9 x r6gd.2xlarge holds 4
    // copies each, ceil(12 / 2) = 6 (400 GB <= 402.9 GB, 20 GiB <= 26.1 GiB) after a loss.
    const t = chooseTopology(workload({ instance_families: ['r6gd'], node_sizing: 'fit' }), rag(900e9), noResize);
    expect(t.tiers[0]).toMatchObject({ instance_type: 'r6gd.4xlarge', nodes: 3 });
    const two = t.alternatives.find((a) => a.instance_type === 'r6gd.2xlarge');
    expect(two).toMatchObject({ nodes: 9 });
    expect(two?.why_not).toMatch(/set by node-loss headroom/);
    // Without the policy 6 x r6gd.2xlarge is enough for the data: 300 GB <= 362.61 GB planned.
    const off = chooseTopology(workload({ instance_families: ['r6gd'], node_sizing: 'fit' }, { survive_node_loss: false }), rag(900e9), noResize);
    expect(off.alternatives.find((a) => a.instance_type === 'r6gd.2xlarge')).toMatchObject({ nodes: 6 });
  });
});

describe('node loss with one large copy per node', () => {
  it('adds a spare node per zone and says the idle nodes are what absorbs a loss', () => {
    // 3 primaries, 1 replica: 6 copies of 150 GiB of vectors, 2 per zone. Inside the reference
    // band only r6gd.8xlarge (188.1 GiB of cache) holds one copy. 6 nodes: losing one leaves its
    // zone's other node 2 copies, 300 GiB > 188.1. 9 nodes: ceil(2 / 2) = 1 copy each after a loss;
    // each zone's third node holds nothing until then. 9 x 1.8432 x 730 = 12109.82, 3 masters
    // (c8gd.2xlarge) 858.30, Kibana 858.30: 13826.42.
    const heavy = sizingFixture({ ramBytes: 450 * GIB, diskBytes: 300e9, primaries: 3, replicas: 1 });
    const t = chooseTopology(workload({ instance_families: ['r6gd'] }), heavy, noResize);
    expect(t.tiers[0]).toMatchObject({ instance_type: 'r6gd.8xlarge', nodes: 9 });
    expect(t.monthly_usd).toBe(13826.42);
    expect(t.tiers[0]!.node_loss).toMatchObject({ survives: true, surviving_nodes_in_zone: 2, fullest_node_shard_copies: 1 });
    const idle = t.warnings.find((w) => w.code === 'IDLE_DATA_NODES');
    expect(idle?.message).toMatch(/^3 of 9 data nodes would hold no shard copy \(6 shard copies over 3 zones of 3 data nodes\); the node count is set by node-loss headroom/);
    expect(idle?.message).toMatch(/availability\.survive_node_loss: false \(fewer nodes cost less/);
  });
});

describe('cost tie margin: local NVMe over a network volume', () => {
  // 900 GB per copy, 3 nodes, 600 GB each. r6g.4xlarge needs 600 / 0.9 / 0.85 = 784.31 GB of gp3 =
  // 730.4 -> 731 GiB: 731 x 0.08 / 730 = $0.08011/h. r6gd.4xlarge plan: 3 x 672.77 + 858.30 = $2,876.60.
  const families = { instance_families: ['r6gd', 'r6g'] };

  it('prefers local NVMe that costs less than 1% more, and says so', () => {
    // r6g.4xlarge at $0.8362/h: 3 x (0.8362 + 0.08011) x 730 = 2006.72 + 858.30 = 2865.02, 0.4% less.
    const t = chooseTopology(workload(families), rag(900e9), { ...noResize, extraCatalogEntries: [{ ...aws('r6g.4xlarge'), price_usd_per_hour: 0.8362 }] });
    expect(t.tiers[0]).toMatchObject({ instance_type: 'r6gd.4xlarge', disk_kind: 'local-nvme' });
    expect(t.monthly_usd).toBe(2876.6);
    const ebs = t.alternatives.find((a) => a.instance_type === 'r6g.4xlarge');
    expect(ebs?.monthly_usd).toBe(2865.02);
    expect(ebs?.why_not).toMatch(/^plan costs \$11\.58 less per month \(-0\.4%\), within the 1% cost tie margin, where esplan prefers local disk/);
  });

  it('takes the network volume when it saves more than the margin', () => {
    // r6g.4xlarge at its list $0.8064/h: 3 x 0.88651 x 730 = 1941.46 + 858.30 = 2799.76, 2.7% less.
    const t = chooseTopology(workload(families), rag(900e9), noResize);
    expect(t.tiers[0]).toMatchObject({ instance_type: 'r6g.4xlarge', disk_kind: 'attached' });
    expect(t.monthly_usd).toBe(2799.76);
  });
});

describe('IDLE_DATA_NODES', () => {
  it('warns when the zone count forces a node without a shard copy, naming both fixes', () => {
    // 1 primary, 1 replica: 2 copies, but 3 zones need 3 data nodes.
    const t = chooseTopology(workload({ instance_families: ['r6gd'], node_sizing: 'fit' }), sizingFixture({ ramBytes: GIB, diskBytes: 10e9, primaries: 1, replicas: 1 }), noResize);
    expect(t.tiers[0]!.nodes).toBe(3);
    const idle = t.warnings.find((w) => w.code === 'IDLE_DATA_NODES');
    expect(idle?.message).toMatch(/^1 of 3 data nodes would hold no shard copy \(2 shard copies over 3 zones/);
    expect(idle?.message).toMatch(/more replicas serve more queries/);
    expect(idle?.message).toMatch(/fewer nodes cost less/);
  });

  it('no warning when every node holds a copy', () => {
    const t = chooseTopology(workload({ instance_families: ['r6gd'] }), rag(900e9), noResize);
    expect(t.warnings.map((w) => w.code)).not.toContain('IDLE_DATA_NODES');
  });

  it('ranking puts a plan without idle nodes first when it costs the same or up to the margin more', () => {
    const fit = (id: string, monthly: number, idle: number) =>
      ({
        entry: { id, instance_type: id },
        nodes: 3,
        monthly_usd: monthly,
        plan_monthly_usd: monthly,
        idle_nodes: idle,
        storage: { disk_kind: 'local-nvme' },
        capacity: { usable_disk_bytes: 100, vector_cache_bytes: 100 },
        disk_need_per_node_bytes: 50,
        ram_need_per_node_bytes: 50,
      }) as unknown as DataFit;
    const ids = (fits: DataFit[][]) => rankFits(fits, 0.01).map((f) => f.entry.id);
    expect(ids([[fit('idle', 100, 1)], [fit('busy', 100, 0)]])).toEqual(['busy', 'idle']);
    expect(ids([[fit('idle', 100, 1)], [fit('busy', 100.9, 0)]])).toEqual(['busy', 'idle']);
    // Beyond the 1% margin the cheaper plan wins, idle node and all.
    expect(ids([[fit('idle', 100, 1)], [fit('busy', 101.5, 0)]])).toEqual(['idle', 'busy']);
  });
});
