import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { UserError } from '../../src/model/problems.js';
import type { Workload } from '../../src/model/workload.js';
import { chooseTopology, type TopologyOptions } from '../../src/recommend/choose-topology.js';
import { bruteForce } from './brute-force.js';
import { sizingFixture } from './sizing-fixture.js';
import { modelData } from '../helpers/model-data.js';

const GIB = 1024 ** 3;
const noResize: TopologyOptions = { data: modelData, resize: () => { throw new Error('not in this test'); } };

function workload(zones: 2 | 3, replicas: number, families: string[], nodeSizing: 'reference' | 'fit' = 'reference'): Workload {
  return parseWorkload({
    corpus: { documents: 1000, source_bytes_per_document: 100 },
    vectors: [{ field: 'e', dims: 1024 }],
    availability: { zones, replicas },
    deployment: { provider: 'aws', instance_families: families, node_sizing: nodeSizing },
  });
}

const demand = fc.record({
  ramGib: fc.integer({ min: 0, max: 2000 }),
  diskGb: fc.integer({ min: 1, max: 20000 }),
  primaries: fc.integer({ min: 1, max: 120 }),
  replicas: fc.integer({ min: 1, max: 2 }),
  zones: fc.constantFrom(2 as const, 3 as const),
});

describe('recommender invariants (random demands, AWS r6gd and r6g)', () => {
  it('the plan is zone-balanced, holds every copy and matches the brute-force minimum', () => {
    fc.assert(
      fc.property(demand, fc.constantFrom('reference' as const, 'fit' as const), (d, nodeSizing) => {
        const w = workload(d.zones, d.replicas, ['r6gd', 'r6g'], nodeSizing);
        const s = sizingFixture({ ramBytes: d.ramGib * GIB, diskBytes: d.diskGb * 1e9, primaries: d.primaries, replicas: d.replicas });
        let t;
        try {
          t = chooseTopology(w, s, noResize);
        } catch (err) {
          // No fit at all (a shard bigger than any node): the brute force must agree.
          expect(err).toBeInstanceOf(UserError);
          expect(bruteForce(w, s)).toBeUndefined();
          return;
        }
        const data = t.tiers[0]!;
        expect(data.nodes % d.zones).toBe(0);
        expect(data.nodes).toBeGreaterThanOrEqual(d.replicas + 1);
        const S = s.shards.total_shards;
        const k = Math.ceil(Math.ceil(S / d.zones) / (data.nodes / d.zones));
        expect(k * (s.sizing.total_ram_bytes / S)).toBeLessThanOrEqual(data.vector_cache_bytes! + 1);
        expect(k * (s.sizing.total_disk_bytes / S)).toBeLessThanOrEqual(data.usable_disk_bytes! + 1);
        const brute = bruteForce(w, s);
        expect(Math.abs((t.monthly_usd ?? NaN) - (brute?.monthly ?? NaN))).toBeLessThanOrEqual(0.05);
      }),
      { seed: 20261115, numRuns: 25 },
    );
  });

  it('more vector RAM never makes the plan cheaper', () => {
    fc.assert(
      fc.property(demand, fc.integer({ min: 0, max: 1000 }), (d, extraGib) => {
        // Keep every shard small enough for the largest r6gd (~400 GiB of vector cache).
        // and its disk for the largest local NVMe (3800 GB, 3585 GB usable).
        fc.pre((d.ramGib + extraGib) / d.primaries < 300 && d.diskGb / d.primaries < 3000);
        const w = workload(d.zones, d.replicas, ['r6gd']);
        const base = { diskBytes: d.diskGb * 1e9, primaries: d.primaries, replicas: d.replicas };
        const a = chooseTopology(w, sizingFixture({ ...base, ramBytes: d.ramGib * GIB }), noResize);
        const b = chooseTopology(w, sizingFixture({ ...base, ramBytes: (d.ramGib + extraGib) * GIB }), noResize);
        expect(b.monthly_usd!).toBeGreaterThanOrEqual(a.monthly_usd! - 0.01);
      }),
      { seed: 20261116, numRuns: 25 },
    );
  });
});

function withQps(zones: 2 | 3, replicas: number, families: string[], peakQps: number): Workload {
  return parseWorkload({
    corpus: { documents: 1000, source_bytes_per_document: 100 },
    vectors: [{ field: 'e', dims: 1024 }],
    // A measured per-shard time keeps the arithmetic below by hand (5 ms; a measured time holds coordination).
    search: { peak_qps: peakQps, shard_query_ms: 5 },
    availability: { zones, replicas },
    deployment: { provider: 'aws', instance_families: families },
  });
}

describe('query load invariants (random demands and peak QPS, AWS r6gd)', () => {
  // Small enough per shard that r6gd always fits RAM and disk; QPS up to where one shard copy
  // (x ms / 1000 threads per qps) still fits the largest r6gd (64 vCPU x 0.75 = 48 threads).
  const load = fc.record({
    ramGib: fc.integer({ min: 0, max: 400 }),
    diskGb: fc.integer({ min: 1, max: 4000 }),
    primaries: fc.integer({ min: 1, max: 40 }),
    replicas: fc.integer({ min: 1, max: 2 }),
    zones: fc.constantFrom(2 as const, 3 as const),
    qps: fc.integer({ min: 0, max: 4000 }),
    extraQps: fc.integer({ min: 0, max: 4000 }),
  });

  it('more QPS never yields fewer data vCPU or a cheaper plan; zones stay balanced; the brute force agrees', () => {
    fc.assert(
      fc.property(load, (d) => {
        fc.pre(d.ramGib / d.primaries < 100 && d.diskGb / d.primaries < 1500);
        const s = sizingFixture({ ramBytes: d.ramGib * GIB, diskBytes: d.diskGb * 1e9, primaries: d.primaries, replicas: d.replicas });
        const plan = (qps: number) => {
          const w = withQps(d.zones, d.replicas, ['r6gd'], qps);
          try {
            return { w, t: chooseTopology(w, s, noResize) };
          } catch (err) {
            expect(err).toBeInstanceOf(UserError);
            expect(bruteForce(w, s)).toBeUndefined();
            return { w, t: undefined };
          }
        };
        const a = plan(d.qps);
        const b = plan(d.qps + d.extraQps);
        // A load no node can carry stays uncarriable with more load.
        if (!a.t) {
          expect(b.t).toBeUndefined();
          return;
        }
        if (!b.t) return;
        for (const { w, t } of [a, b]) {
          const data = t!.tiers[0]!;
          expect(data.nodes % d.zones).toBe(0);
          expect(new Set(data.nodes_per_zone).size).toBe(1);
          // The fullest node's shard copies each carry qps x 5 ms / 1000 / (copies - ceil(copies / zones)) threads.
          const copies = d.replicas + 1;
          const k = Math.ceil(Math.ceil((d.primaries * copies) / d.zones) / (data.nodes / d.zones));
          const perCopy = ((w.search.peak_qps ?? 0) * 5) / 1000 / Math.max(1, copies - Math.ceil(copies / d.zones));
          expect(k * perCopy).toBeLessThanOrEqual(Math.floor(data.vcpu) * 0.75 + 1e-9);
          const brute = bruteForce(w, s);
          expect(Math.abs((t!.monthly_usd ?? NaN) - (brute?.monthly ?? NaN))).toBeLessThanOrEqual(0.05);
        }
        const vcpu = (t: NonNullable<typeof a.t>) => t.tiers[0]!.nodes * t.tiers[0]!.vcpu;
        expect(vcpu(b.t)).toBeGreaterThanOrEqual(vcpu(a.t));
        expect(b.t.monthly_usd!).toBeGreaterThanOrEqual(a.t.monthly_usd! - 0.01);
      }),
      { seed: 20261117, numRuns: 30 },
    );
  });
});
