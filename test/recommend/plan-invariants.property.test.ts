/**
 * Property: for any valid workload, `buildPlan` either returns a plan whose structural promises
 * hold, or refuses with a UserError (a message for the user) — never any other exception.
 *
 * The limits below are Elastic's published guidance, written out here rather than read from
 * formulas/, so a change there has to be a deliberate change here too:
 * - "Aim for shard sizes between 10GB and 50GB": 50gb as Elasticsearch parses it is 50 × 2^30 =
 *   53,687,091,200 bytes (size-shards.md);
 * - "Keep the number of documents on each shard below 200 million" (size-shards.md);
 * - index.number_of_routing_shards must be a multiple of number_of_shards (split API:
 *   "must be a multiple of the number of shards"), so the index can be split later.
 * A primary count the workload pins (index.primaries) may break the first two; the plan then
 * says so (PINNED_SHARDS_ABOVE_SIZE_GUIDANCE / _DOC_GUIDANCE). One zone or no replicas is a plan
 * that is not highly available, and says so (NOT_HIGHLY_AVAILABLE).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { planSchema, type Plan } from '../../src/model/plan.js';
import { UserError } from '../../src/model/problems.js';
import type { Workload } from '../../src/model/workload.js';
import { buildPlan } from '../../src/recommend/build-plan.js';
import { workloadInput, type Range } from '../support/arbitrary-workload.js';
import { modelData } from '../helpers/model-data.js';

const MAX_SHARD_BYTES = 50 * 2 ** 30;
const MAX_SHARD_DOCS = 200_000_000;

/** Every number in the plan is finite (JSON has no NaN or Infinity). */
function nonFiniteNumbers(value: unknown, path = 'plan'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => nonFiniteNumbers(v, `${path}.${k}`));
}

function checkPlan(plan: Plan, workload: Workload): void {
  expect(nonFiniteNumbers(plan)).toEqual([]);
  // The output contract: every key present with its type and range, also at the schema's edges
  // (sizing refuses an index above Elasticsearch's 1024 shards, which keeps byte counts exact).
  expect(planSchema.safeParse(plan).error?.issues ?? []).toEqual([]);

  const zones = plan.zones;
  for (const tier of plan.tiers) {
    expect(tier.nodes_per_zone.reduce((a, b) => a + b, 0), `${tier.role} nodes_per_zone sums to nodes`).toBe(tier.nodes);
  }
  const data = plan.tiers.filter((t) => t.role === 'data');
  expect(data).toHaveLength(1);
  const dataTier = data[0]!;
  // Data nodes are spread evenly: the same count in every zone, so losing any zone loses the same share.
  expect(dataTier.nodes_per_zone).toHaveLength(zones);
  expect(Math.max(...dataTier.nodes_per_zone) - Math.min(...dataTier.nodes_per_zone)).toBe(0);

  // Capacity: the data tier holds every copy's vectors in page cache and every copy's bytes on disk.
  expect(dataTier.vector_cache_bytes).toBeDefined();
  expect(dataTier.usable_disk_bytes).toBeDefined();
  expect(dataTier.nodes * dataTier.vector_cache_bytes!).toBeGreaterThanOrEqual(plan.sizing.total_ram_bytes);
  expect(dataTier.nodes * dataTier.usable_disk_bytes!).toBeGreaterThanOrEqual(plan.sizing.total_disk_bytes);

  // The capacity the plan reports agrees with what it was sized for: vectors and disk fit the
  // fullest node, the peak fits within the target utilisation with a zone lost (max_peak_qps is
  // rounded to 0.1 QPS), and saturation (every copy, every thread) is never below that peak.
  const c = plan.capacity!;
  expect(c.ram.fits && c.disk.fits).toBe(true);
  // Headroom (formulas/topology.json): the fullest node is planned to at most 90% of its disk below
  // the low watermark (5% merge reserve, 5% growth margin), and with two or more data nodes per zone
  // (survive_node_loss on) a zone's other nodes absorb a lost node below the watermark and in cache.
  expect(dataTier.fullest_node_disk_bytes!).toBeLessThanOrEqual(dataTier.usable_disk_bytes! * 0.9);
  const perZone = dataTier.nodes / zones;
  if (perZone >= 2 && workload.availability.survive_node_loss) {
    const S = plan.shards!.total_shards;
    const kLost = Math.min(Math.ceil(Math.ceil(S / zones) / (perZone - 1)), plan.shards!.primaries);
    expect(Math.ceil(kLost * (plan.sizing.total_disk_bytes / S))).toBeLessThanOrEqual(dataTier.usable_disk_bytes!);
    expect(Math.ceil(kLost * (plan.sizing.total_ram_bytes / S))).toBeLessThanOrEqual(dataTier.vector_cache_bytes!);
    expect(dataTier.node_loss?.survives).toBe(true);
  } else if (perZone < 2) {
    expect(dataTier.node_loss).toBeUndefined();
  }
  expect(c.search.saturation_qps).toBeGreaterThanOrEqual(c.search.max_peak_qps);
  if (c.search.peak_qps) expect(c.search.max_peak_qps).toBeGreaterThanOrEqual(c.search.peak_qps - 0.05);

  const s = plan.shards;
  const codes = plan.warnings.map((w) => w.code);
  const pinned = workload.index!.primaries;
  if (pinned === undefined) {
    expect(s!.shard_bytes).toBeLessThanOrEqual(MAX_SHARD_BYTES);
    expect(s!.docs_per_shard).toBeLessThan(MAX_SHARD_DOCS);
  } else {
    // A pinned count is used as given; past the guidance the plan says so, and only then.
    expect(s!.primaries).toBe(pinned);
    expect(codes.includes('PINNED_SHARDS_ABOVE_SIZE_GUIDANCE'), `shard_bytes ${s!.shard_bytes}`).toBe(s!.shard_bytes > MAX_SHARD_BYTES);
    expect(codes.includes('PINNED_SHARDS_ABOVE_DOC_GUIDANCE'), `docs_per_shard ${s!.docs_per_shard}`).toBe(s!.docs_per_shard >= MAX_SHARD_DOCS);
  }
  expect(s!.routing_shards % s!.primaries).toBe(0);
  const { zones: z, replicas } = workload.availability;
  expect(codes.includes('NOT_HIGHLY_AVAILABLE')).toBe(z === 1 || replicas === 0);
  // One zone: every tier sits in it, so no tier lists a second zone (the two-zone tiebreaker's third location included).
  if (z === 1) for (const tier of plan.tiers) expect(tier.nodes_per_zone, tier.role).toHaveLength(1);
  expect(s!.total_shards).toBe(s!.primaries * (s!.replicas + 1));

  // The total is the sum of the tiers (each rounded to cents, so allow a cent per tier).
  if (plan.monthly_usd !== null) {
    const sum = plan.tiers.reduce((a, t) => a + (t.monthly_usd ?? 0), 0);
    expect(Math.abs(plan.monthly_usd - sum)).toBeLessThanOrEqual(0.01 * plan.tiers.length);
  }
}

interface Reach {
  runs: number;
  refused: number;
  oneZonePlans: number;
  pinnedPlans: number;
  pinnedPastGuidance: number;
}

function property(range: Range, reach: Reach) {
  return fc.property(workloadInput(range, { extended: true }), (raw) => {
    reach.runs += 1;
    // The generator only makes valid workloads; a rejection here is a bug in it, not a finding.
    const workload = parseWorkload(raw);
    let plan: Plan;
    try {
      plan = buildPlan(workload, { esplanVersion: 'test', data: modelData });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      reach.refused += 1;
      expect(err.problems.length).toBeGreaterThan(0);
      for (const p of err.problems) expect(p.message.trim()).not.toBe('');
      return;
    }
    checkPlan(plan, workload);
    if (workload.availability.zones === 1) reach.oneZonePlans += 1;
    if (workload.index!.primaries !== undefined) reach.pinnedPlans += 1;
    if (plan.warnings.some((w) => w.code.startsWith('PINNED_SHARDS_ABOVE_'))) reach.pinnedPastGuidance += 1;
  });
}

const reach = (): Reach => ({ runs: 0, refused: 0, oneZonePlans: 0, pinnedPlans: 0, pinnedPastGuidance: 0 });

describe('buildPlan on generated workloads', () => {
  it('realistic workloads: a sound plan or a UserError', () => {
    const r = reach();
    fc.assert(property('realistic', r), { seed: 20261203, numRuns: 400 });
    // Measured with this seed: 81 of 400 refused (too large for one index, no fitting instance, ML
    // memory); the bound leaves room for data changes while catching a generator gone wrong.
    expect(r.refused / r.runs).toBeLessThanOrEqual(0.3);
    expect(r.oneZonePlans).toBeGreaterThan(0);
    expect(r.pinnedPlans).toBeGreaterThan(0);
    // A pinned count past the 50 GiB / 200M-document guidance (10 with this seed).
    expect(r.pinnedPastGuidance).toBeGreaterThan(0);
  });

  it('workloads at the edges of the schema: a sound plan or a UserError', () => {
    const r = reach();
    fc.assert(property('extreme', r), { seed: 1012026, numRuns: 400 });
    // Measured with this seed: 150 of 400 refused (the schema's edges hold corpora no index can).
    expect(r.refused / r.runs).toBeLessThanOrEqual(0.5);
    expect(r.oneZonePlans).toBeGreaterThan(0);
    expect(r.pinnedPlans).toBeGreaterThan(0);
  });
});
