/**
 * Issue 11, item 8: the two-zone counterexample. Ranking data tiers by their own cost alone
 * (ignoring the masters and Kibana each implies) picks 6 x r6gd.medium, which needs three
 * dedicated masters; the whole plan with 4 x r6gd.large and a voting-only tiebreaker is 42% cheaper.
 *
 * Figures by hand from catalogs/aws.json (us-east-1, 730 h a month):
 *   r6gd.medium 1 vCPU 8 GiB 59 GB NVMe $0.0576/h; r6gd.large 2 vCPU 16 GiB 118 GB NVMe $0.1152/h;
 *   c8gd.large 2 vCPU 4 GiB $0.09798/h; c8gd.2xlarge 8 vCPU 16 GiB $0.39192/h.
 * Vector cache = (RAM - 50% heap - RAM/16) x 0.9: r6gd.medium 3.15 GiB, r6gd.large 6.3 GiB.
 * Disk below the low watermark = 85%: 50.15 GB and 100.3 GB; planned fill at most 90% of that
 * (5% merge reserve + 5% growth margin): 45.135 GB and 90.27 GB.
 *
 * Workload: 6 primaries, 2 replicas = 18 shard copies, 2 zones (9 per zone); one copy holds
 * 3.6 GiB of vectors and 30 GB on disk, so a shard copy holds 0.6 GiB and 5 GB.
 *   4 x r6gd.medium: 5 copies per node fit (3.0 GiB, 25 GB), but after a node loss its zone's
 *     other node holds 6 (one copy of each primary): 3.6 GiB > 3.15 GiB. Out.
 *   6 x r6gd.medium: 3 per node (1.8 GiB, 15 GB); after a node loss ceil(9 / 2) = 5 (3.0 GiB,
 *     25 GB) fit. Data: 6 x 0.0576 x 730 = 252.288 -> $252.29. Six Elasticsearch nodes need three
 *     dedicated masters (4 vCPU / 16 GiB: c8gd.2xlarge, 3 x 286.1016 = $858.30) and Kibana in both
 *     zones (8 vCPU / 8 GiB: c8gd.2xlarge, 2 x 286.1016 = $572.20). Plan: $1,682.79.
 *   4 x r6gd.large: 5 per node (3.0 GiB, 25 GB); after a node loss 6 (3.6 GiB <= 6.3 GiB, 30 GB
 *     <= 100.3 GB). Data: 4 x 0.1152 x 730 = 336.384 -> $336.38. Four nodes: data nodes are
 *     master-eligible, plus one voting-only tiebreaker (1 vCPU / 4 GiB: c8gd.large,
 *     0.09798 x 730 = $71.53) and Kibana $572.20. Plan: $980.11.
 * By the data tier alone 6 x r6gd.medium ($252.29) beats 4 x r6gd.large ($336.38); by the plan
 * it costs $702.68 more.
 *
 * With availability.survive_node_loss: false (the original case) a copy of 4.8 GiB
 * (0.8 GiB a shard copy) gives the same ranking: 4 x r6gd.medium holds 5 x 0.8 = 4.0 GiB > 3.15;
 * 6 x r6gd.medium holds 3 x 0.8 = 2.4 GiB; 4 x r6gd.large 4.0 GiB <= 6.3 GiB.
 */
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { chooseTopology } from '../../src/recommend/choose-topology.js';
import { bruteForce } from './brute-force.js';
import { modelData } from '../helpers/model-data.js';
import { sizingFixture } from './sizing-fixture.js';

const GIB = 1024 ** 3;

function twoZones(surviveNodeLoss: boolean) {
  return parseWorkload({
    name: 'two-zone counterexample',
    corpus: { documents: 1_000_000, source_bytes_per_document: 1000 },
    vectors: [{ field: 'embedding', dims: 1024 }],
    availability: { zones: 2, replicas: 2, survive_node_loss: surviveNodeLoss },
    deployment: { provider: 'aws', region: 'us-east-1', node_sizing: 'fit' },
  });
}

const sizing = sizingFixture({ ramBytes: 3.6 * GIB, diskBytes: 30e9, primaries: 6, replicas: 2 });
const cases = [
  { survive: true, sizing },
  { survive: false, sizing: sizingFixture({ ramBytes: 4.8 * GIB, diskBytes: 30e9, primaries: 6, replicas: 2 }) },
];
const noResize = { data: modelData, resize: () => { throw new Error('not in this test'); } };

describe('two zones, 2 replicas, 6 primaries, AWS, node_sizing: fit', () => {
  for (const { survive, sizing } of cases) {
    it(`ranks by the whole plan: 4 x r6gd.large plus a tiebreaker, $980.11 (survive_node_loss: ${survive})`, () => {
      const t = chooseTopology(twoZones(survive), sizing, noResize);
      const data = t.tiers[0]!;
      expect(data).toMatchObject({ role: 'data', instance_type: 'r6gd.large', nodes: 4, nodes_per_zone: [2, 2], monthly_usd: 336.38 });
      const master = t.tiers.find((x) => x.role === 'master');
      expect(master).toMatchObject({ instance_type: 'c8gd.large', nodes: 1, monthly_usd: 71.53 });
      expect(t.tiers.find((x) => x.role === 'kibana')).toMatchObject({ instance_type: 'c8gd.2xlarge', nodes: 2, monthly_usd: 572.2 });
      expect(t.monthly_usd).toBe(980.11);
      // The data-tier-only winner is an alternative, priced with its masters and Kibana.
      const medium = t.alternatives.find((a) => a.instance_type === 'r6gd.medium');
      expect(medium).toMatchObject({ nodes: 6, monthly_usd: 1682.79 });
      expect(medium?.why_not).toMatch(/plan costs \$702\.68 more per month/);
      expect(bruteForce(twoZones(survive), sizing)).toMatchObject({ id: 'aws:r6gd.large', nodes: 4, monthly: 980.11 });
    });
  }

  it('reports the node-loss headroom of the chosen tier', () => {
    const data = chooseTopology(twoZones(true), sizing, noResize).tiers[0]!;
    // One of the two nodes in a zone lost: the other holds one copy of each of the 6 primaries.
    expect(data.node_loss).toEqual({
      required: true,
      survives: true,
      surviving_nodes_in_zone: 1,
      fullest_node_shard_copies: 6,
      fullest_node_disk_bytes: 30e9,
      fullest_node_vector_bytes: Math.ceil(6 * ((3 * 3.6 * GIB) / 18)),
      disk_headroom_bytes: 100.3e9 - 30e9,
      vector_headroom_bytes: data.vector_cache_bytes! - Math.ceil(6 * ((3 * 3.6 * GIB) / 18)),
    });
    expect(data.vector_cache_bytes).toBe(Math.floor(7 * GIB * 0.9));
  });
});
