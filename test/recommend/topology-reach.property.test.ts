/**
 * Reach of the topology generator (test/support/arbitrary-workload.ts topologyWorkload): with a
 * pinned seed, a measured share of its workloads must land where the cluster-shape decisions flip,
 * so properties built on it can find something there (issue 11, item 8):
 * - 5 to 7 data nodes (with even zone spreading: 6, as 3 x 2 or 2 x 3);
 * - both sides of the dedicated-master threshold: fewer than 6 Elasticsearch nodes use
 *   master-eligible data nodes, from 6 on there are dedicated masters (docs-content
 *   resilience-in-ech.md: "For clusters that have six Elasticsearch nodes and beyond, dedicated
 *   master-eligible nodes are introduced"), and close to it on each side (4-5 and 6-8 nodes);
 * - the node-size band's edges: the reference architecture's hot/content row is "16-32 vCPU,
 *   64-256 GB RAM" (shared/seed/genai-search-ha.txt), so data nodes at its lower edge (16 vCPU)
 *   and at or above its upper edge (32 vCPU);
 * - every provider planned at least once;
 * and refusals (UserError) stay a bounded share, not "any refusal passes".
 *
 * The bounds are below the measured figures (in the comments) to leave room for catalog and
 * recommender changes; a generator that stops reaching a region fails them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { UserError } from '../../src/model/problems.js';
import { PROVIDERS } from '../../src/model/workload.js';
import { buildPlan } from '../../src/recommend/build-plan.js';
import { topologyWorkload } from '../support/arbitrary-workload.js';
import { modelData } from '../helpers/model-data.js';

const MASTERS_FROM_ES_NODES = 6; // resilience-in-ech.md, quoted above
const BAND_VCPU = { low: 16, high: 32 }; // genai-search-ha.txt hot/content row
/** Physical and Elastic Cloud shapes publish fractional vCPU (e.g. 15.99): within 1% is at the edge. */
const atLeast = (v: number, edge: number) => v >= edge * 0.99;
const near = (v: number, edge: number) => Math.abs(v - edge) <= edge * 0.01;

interface Reach {
  runs: number;
  refused: number;
  data5to7: number;
  belowMasters: number;
  fromMasters: number;
  justBelow: number; // 4-5 Elasticsearch nodes
  justFrom: number; // 6-8 Elasticsearch nodes
  bandLow: number;
  bandHighOrAbove: number;
  providers: Set<string>;
}

describe('topologyWorkload reaches the cluster-shape decisions', () => {
  it('measured with a pinned seed: 5-7 data nodes, both sides of the master threshold, the band edges, few refusals', () => {
    const r: Reach = {
      runs: 0,
      refused: 0,
      data5to7: 0,
      belowMasters: 0,
      fromMasters: 0,
      justBelow: 0,
      justFrom: 0,
      bandLow: 0,
      bandHighOrAbove: 0,
      providers: new Set(),
    };
    fc.assert(
      fc.property(topologyWorkload(), (raw) => {
        r.runs += 1;
        // The generator makes valid workloads only: a rejection here is a bug in it.
        const workload = parseWorkload(raw);
        let plan;
        try {
          plan = buildPlan(workload, { esplanVersion: 'test', data: modelData });
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          r.refused += 1;
          return;
        }
        const data = plan.tiers.find((t) => t.role === 'data')!;
        const esNodes = plan.tiers.filter((t) => t.role === 'data' || t.role === 'ml').reduce((a, t) => a + t.nodes, 0);
        if (data.nodes >= 5 && data.nodes <= 7) r.data5to7 += 1;
        if (esNodes < MASTERS_FROM_ES_NODES) r.belowMasters += 1;
        else r.fromMasters += 1;
        if (esNodes >= MASTERS_FROM_ES_NODES - 2 && esNodes < MASTERS_FROM_ES_NODES) r.justBelow += 1;
        if (esNodes >= MASTERS_FROM_ES_NODES && esNodes <= MASTERS_FROM_ES_NODES + 2) r.justFrom += 1;
        if (near(data.vcpu, BAND_VCPU.low)) r.bandLow += 1;
        if (atLeast(data.vcpu, BAND_VCPU.high)) r.bandHighOrAbove += 1;
        r.providers.add(plan.tiers[0]!.provider);
      }),
      { seed: 1112026, numRuns: 300 },
    );
    console.info(`topology reach: ${JSON.stringify({ ...r, providers: [...r.providers] })}`);
    const planned = r.runs - r.refused;
    const share = (n: number) => n / planned;
    // Measured with this seed (the recommender of main at 9064070; with the band ceiling of issue 11
    // item 1 merged, 42 plans land at 6 data nodes and 55 at 16 vCPU):
    // 14 of 300 refused (4.7%: an index above 1024 primaries, or no instance fits);
    expect(r.refused / r.runs).toBeLessThanOrEqual(0.15);
    // of the 286 plans: 37 at 6 data nodes (12.9%); with issue 11's node-loss headroom merged (two
    // nodes per zone must absorb one lost node, so many 6-node plans become 9), 15 (5.2%);
    expect(share(r.data5to7)).toBeGreaterThanOrEqual(0.04);
    // 162 below 6 Elasticsearch nodes (57%), 124 from 6 on (43%); 24 at 4-5, 42 at 6-8 (with the
    // node-loss headroom: 118 below, 168 from 6 on; 8 at 4-5, 29 at 6-8);
    expect(share(r.belowMasters)).toBeGreaterThanOrEqual(0.2);
    expect(share(r.fromMasters)).toBeGreaterThanOrEqual(0.2);
    expect(r.justBelow).toBeGreaterThanOrEqual(5);
    expect(r.justFrom).toBeGreaterThanOrEqual(10);
    // 39 with 16-vCPU data nodes (13.6%), 235 at 32 vCPU or more (82%).
    expect(share(r.bandLow)).toBeGreaterThanOrEqual(0.08);
    expect(share(r.bandHighOrAbove)).toBeGreaterThanOrEqual(0.1);
    expect([...r.providers].sort()).toEqual([...PROVIDERS].sort());
  });
});
