/**
 * MORE_REPLICAS_FOR_THROUGHPUT with figures derived by hand from the throughput model
 * (a measured search.shard_query_ms of 5 ms, so no coordination term; formulas/throughput.json: one busy thread per processor, 75% target
 * utilisation, peak served with one zone lost: serving copies = copies - ceil(copies / zones)),
 * r6gd prices from catalogs/aws.json (2xlarge $0.4608/h, 4xlarge $0.9216/h, 8xlarge $1.8432/h,
 * 730 h a month) and the policies more_replicas_max_extra (2) and max_extra_cost_ratio (0.1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { UserError } from '../../src/model/problems.js';
import type { Workload } from '../../src/model/workload.js';
import { chooseTopology, type TopologyOptions } from '../../src/recommend/choose-topology.js';
import { sizingFixture } from './sizing-fixture.js';
import { modelData } from '../helpers/model-data.js';

const GIB = 1024 ** 3;
const CODE = 'MORE_REPLICAS_FOR_THROUGHPUT';

function workload(zones: 2 | 3, replicas: number, peakQps: number | undefined, nodeSizing: 'reference' | 'fit'): Workload {
  return parseWorkload({
    corpus: { documents: 1000, source_bytes_per_document: 100 },
    vectors: [{ field: 'e', dims: 1024 }],
    search: peakQps === undefined ? {} : { peak_qps: peakQps, shard_query_ms: 5 },
    availability: { zones, replicas },
    deployment: { provider: 'aws', instance_families: ['r6gd'], node_sizing: nodeSizing },
  });
}

/** Sizing with tiny RAM and disk, so only search CPU can grow the tier; re-sizing follows availability.replicas. */
function fixture(primaries: number) {
  const sized = (replicas: number) => sizingFixture({ ramBytes: GIB, diskBytes: 10e9, primaries, replicas });
  const options: TopologyOptions = { data: modelData, resize: (w) => sized(w.availability.replicas) };
  return { sized, options };
}

describe('MORE_REPLICAS_FOR_THROUGHPUT', () => {
  it('advises a second replica when it makes the plan cheaper, and keeps the workload replicas', () => {
    // 1 primary, 3 zones, 2000 qps, node_sizing: fit.
    // replicas 1: 2 copies, serving 2 - ceil(2/3) = 1; one copy per node keeps 2000 x 5 / 1000 / 1 = 10 threads
    //   busy: 10 / 0.75 = 13.3 processors, so 3 x r6gd.4xlarge (16 vCPU, 12 threads), data tier 3 x 0.9216 x 730 = $2,018.30.
    // replicas 2: 3 copies, serving 3 - ceil(3/3) = 2; 2000 x 5 / 1000 / 2 = 5 threads per node: 6.7 processors,
    //   so 3 x r6gd.2xlarge (8 vCPU, 6 threads), data tier 3 x 0.4608 x 730 = $1,009.15.
    // Three data nodes either way (no dedicated masters, same Kibana): the plan is $1,009.15 cheaper.
    const { sized, options } = fixture(1);
    const t = chooseTopology(workload(3, 1, 2000, 'fit'), sized(1), options);
    expect(t.tiers[0]!.instance_type).toBe('r6gd.4xlarge');
    expect(t.tiers[0]!.nodes).toBe(3);
    const w = t.warnings.find((x) => x.code === CODE);
    expect(w?.message).toContain('availability.replicas: 2');
    expect(w?.message).toContain('3 x r6gd.2xlarge, 5 of 6 search threads per node busy at peak');
    expect(w?.message).toContain('$1,009.15 per month cheaper');
    expect(t.basis.map((b) => b.id)).toContain('policy.more_replicas_max_extra_cost_ratio');
  });

  it('advises more replicas for the same cost when they leave more search headroom', () => {
    // 3 primaries, 3 zones, 2000 qps, node_sizing: reference (16 vCPU floor).
    // replicas 1: 6 copies, 2 per node on 3 nodes, 10 threads each = 20 threads: 3 x r6gd.8xlarge (24 threads), 20/24 busy.
    // replicas 2: 9 copies, 3 per node, 2000 x 5 / 1000 / 2 = 5 threads each = 15: again 3 x r6gd.8xlarge, 15/24 busy.
    //   (6 nodes: 2 copies x 5 = 10 threads on r6gd.4xlarge, the same data price, plus three dedicated masters.)
    // Same cost (within the 10% policy) with more headroom: advised, $0.00 more.
    const { sized, options } = fixture(3);
    const t = chooseTopology(workload(3, 1, 2000, 'reference'), sized(1), options);
    expect(t.tiers[0]!.instance_type).toBe('r6gd.8xlarge');
    const w = t.warnings.find((x) => x.code === CODE);
    expect(w?.message).toContain('availability.replicas: 2');
    expect(w?.message).toContain('3 x r6gd.8xlarge, 15 of 24 search threads per node busy at peak');
    expect(w?.message).toContain('$0.00 more per month (+0.0%), with more search headroom');
  });

  it('stays silent when more replicas are dearer or leave no more headroom', () => {
    // 1 primary, 2 zones, 3000 qps, node_sizing: reference.
    // replicas 1: 2 copies, serving 2 - ceil(2/2) = 1; 3000 x 5 / 1000 = 15 threads per node: 20 processors,
    //   2 x r6gd.8xlarge (24 threads), 15/24 busy. Without query load: 2 x r6gd.4xlarge, so CPU binds.
    // replicas 2: serving 3 - ceil(3/2) = 1, so 15 threads per copy and 2 copies on the fullest of 2 nodes = 30:
    //   2 x r6gd.12xlarge (1.5x the price), or 4 x r6gd.8xlarge (2x). Still CPU-bound, so replicas 3 is tried.
    // replicas 3: serving 4 - 2 = 2, 7.5 threads per copy; 2 nodes x 2 copies = 15 on r6gd.8xlarge (same cost,
    //   same 15/24), or 4 nodes x 1 copy = 7.5 on r6gd.4xlarge (same price per hour, same 7.5/12): no gain.
    const { sized, options } = fixture(1);
    const t = chooseTopology(workload(2, 1, 3000, 'reference'), sized(1), options);
    expect(t.tiers[0]!.instance_type).toBe('r6gd.8xlarge');
    expect(t.tiers[0]!.nodes).toBe(2);
    expect(t.warnings.map((x) => x.code)).not.toContain('THROUGHPUT_ASSUMED'); // the 5 ms is measured
    expect(t.warnings.map((x) => x.code)).not.toContain(CODE);
  });

  it('is not considered without query load', () => {
    const { sized, options } = fixture(1);
    const t = chooseTopology(workload(3, 1, undefined, 'fit'), sized(1), options);
    expect(t.warnings.map((x) => x.code)).not.toContain(CODE);
    expect(t.basis.map((b) => b.id)).not.toContain('policy.more_replicas_max_extra_cost_ratio');
  });
});

describe('MORE_REPLICAS_FOR_THROUGHPUT invariants (random demands and peak QPS, AWS r6gd)', () => {
  const load = fc.record({
    ramGib: fc.integer({ min: 0, max: 400 }),
    diskGb: fc.integer({ min: 1, max: 4000 }),
    primaries: fc.integer({ min: 1, max: 40 }),
    replicas: fc.integer({ min: 0, max: 3 }),
    zones: fc.constantFrom(2 as const, 3 as const),
    qps: fc.integer({ min: 0, max: 4000 }),
    nodeSizing: fc.constantFrom('reference' as const, 'fit' as const),
  });

  it('appears only when search CPU sets the data tier, and never changes the plan', () => {
    fc.assert(
      fc.property(load, (d) => {
        fc.pre(d.ramGib / d.primaries < 100 && d.diskGb / d.primaries < 1500);
        const sized = (replicas: number) => sizingFixture({ ramBytes: d.ramGib * GIB, diskBytes: d.diskGb * 1e9, primaries: d.primaries, replicas });
        const options: TopologyOptions = { data: modelData, resize: (w) => sized(w.availability.replicas) };
        const plan = (qps: number | undefined, opts: TopologyOptions) => {
          try {
            return chooseTopology(workload(d.zones, d.replicas, qps, d.nodeSizing), sized(d.replicas), opts);
          } catch (err) {
            expect(err).toBeInstanceOf(UserError);
            return undefined;
          }
        };
        const withLoad = plan(d.qps, options);
        if (!withLoad) return;
        const advice = withLoad.warnings.find((w) => w.code === CODE);
        // Independent check of "search CPU binds": the same workload without peak_qps gets another data tier.
        const without = plan(undefined, options)!;
        const binds = without.tiers[0]!.instance_type !== withLoad.tiers[0]!.instance_type || without.tiers[0]!.nodes !== withLoad.tiers[0]!.nodes;
        if (!binds) expect(advice).toBeUndefined();
        if (advice) {
          const advised = Number(/availability\.replicas: (\d+) in the workload/.exec(advice.message)?.[1]);
          expect(advised).toBeGreaterThan(d.replicas);
          expect(advised).toBeLessThanOrEqual(Math.min(10, d.replicas + 2));
        }
        // The advice never alters the plan: same tiers as a run that cannot re-size.
        const fixed = plan(d.qps, { data: modelData, resize: () => { throw new Error('no re-sizing'); } })!;
        expect(withLoad.tiers).toEqual(fixed.tiers);
        expect(withLoad.monthly_usd).toBe(fixed.monthly_usd);
      }),
      { seed: 20261113, numRuns: 40 },
    );
  });
});
