/**
 * Properties of the headroom policies (issue 11, items 2 and 8), over demands drawn log-uniformly
 * (vector RAM, disk and primaries spread over orders of magnitude) on every provider, so the data
 * tier reaches the 5 to 7 node range where zones start to hold two or more nodes:
 * - no plan puts the fullest node above its usable disk less the merge reserve and growth margin
 *   (formulas/topology.json: 5% + 5% of the disk below the low watermark);
 * - every plan with two or more data nodes per zone survives the loss of any one data node: the
 *   fullest zone's remaining nodes hold its shard copies below the low watermark and in their vector
 *   cache, recomputed here from the plan's own figures, not from the recommender's code.
 * Forced awareness keeps copies in their zone; a node holds at most one copy of each shard.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { UserError } from '../../src/model/problems.js';
import { PROVIDERS } from '../../src/model/workload.js';
import { chooseTopology, type TopologyOptions } from '../../src/recommend/choose-topology.js';
import { modelData } from '../helpers/model-data.js';
import { sizingFixture } from './sizing-fixture.js';

const GIB = 1024 ** 3;
const FILL_SHARE = 0.9;
const noResize: TopologyOptions = { data: modelData, resize: () => { throw new Error('not in this test'); } };

// Unbiased: fast-check's default bias towards small values would keep most demands near the minimum.
const logUniform = (min: number, max: number) =>
  fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((i) => Math.min(max, Math.max(min, Math.exp(Math.log(min) + ((Math.log(max) - Math.log(min)) * i) / 1_000_000))));
const logInt = (min: number, max: number) => logUniform(min, max).map(Math.round);

const demand = fc.record({
  ramGib: logUniform(0.05, 20000),
  diskGb: logUniform(1, 400000),
  primaries: logInt(1, 200),
  replicas: fc.integer({ min: 0, max: 2 }),
  zones: fc.constantFrom(1 as const, 2 as const, 3 as const),
  provider: fc.constantFrom(...PROVIDERS),
  nodeSizing: fc.constantFrom('reference' as const, 'fit' as const),
});

describe('headroom properties (log-uniform demands, every provider)', () => {
  it('fills the fullest node at most to the margin and survives any one data node lost', () => {
    const nodeCounts: number[] = [];
    let refused = 0;
    let lossChecked = 0;
    let runs = 0;
    fc.assert(
      fc.property(demand, (d) => {
        runs += 1;
        const w = parseWorkload({
          corpus: { documents: 1000, source_bytes_per_document: 100 },
          vectors: [{ field: 'e', dims: 1024 }],
          availability: { zones: d.zones, replicas: d.replicas },
          deployment: { provider: d.provider, node_sizing: d.nodeSizing, ...(d.provider === 'elastic-cloud' ? { price_usd_per_gb_ram_hour: 0.01 } : {}) },
        });
        const s = sizingFixture({ ramBytes: Math.round(d.ramGib * GIB), diskBytes: Math.round(d.diskGb * 1e9), primaries: d.primaries, replicas: d.replicas });
        let t;
        try {
          t = chooseTopology(w, s, noResize);
        } catch (err) {
          expect(err).toBeInstanceOf(UserError);
          refused += 1;
          return;
        }
        const data = t.tiers[0]!;
        nodeCounts.push(data.nodes);
        const S = s.shards.total_shards;
        const z = d.zones;
        const perZone = data.nodes / z;
        const ramPerShard = s.sizing.total_ram_bytes / S;
        const diskPerShard = s.sizing.total_disk_bytes / S;
        const usable = data.usable_disk_bytes!;
        const cache = data.vector_cache_bytes!;

        // The fullest node: ceil(S / z) copies per zone over its nodes.
        const k = Math.ceil(Math.ceil(S / z) / perZone);
        expect(data.fullest_node_disk_bytes).toBe(Math.ceil(k * diskPerShard));
        expect(data.fullest_node_disk_bytes!).toBeLessThanOrEqual(usable * FILL_SHARE);

        if (perZone < 2) {
          expect(data.node_loss).toBeUndefined();
          return;
        }
        lossChecked += 1;
        // One node of the fullest zone lost: its copies go to the zone's other nodes.
        const kLost = Math.min(Math.ceil(Math.ceil(S / z) / (perZone - 1)), d.primaries);
        expect(Math.ceil(kLost * diskPerShard)).toBeLessThanOrEqual(usable);
        expect(Math.ceil(kLost * ramPerShard)).toBeLessThanOrEqual(cache);
        expect(data.node_loss).toMatchObject({ required: true, survives: true, surviving_nodes_in_zone: perZone - 1, fullest_node_shard_copies: kLost });
      }),
      { seed: 20261203, numRuns: 200 },
    );
    // The generator reaches the range where zones hold several nodes, and mostly plans.
    expect(nodeCounts.filter((n) => n >= 5 && n <= 7).length).toBeGreaterThanOrEqual(3);
    expect(lossChecked).toBeGreaterThanOrEqual(10);
    expect(refused / runs).toBeLessThanOrEqual(0.4);
  });
});
