/**
 * What changed between a baseline plan and a new one: the figures a pull-request reviewer asks
 * about (cost, nodes per tier and zone, vector RAM, disk, shards, warnings). Pure: both plans in,
 * the diff out.
 */
import { baselineIndices, type Baseline, type BaselineShards, type BaselineTier } from '../model/baseline.js';
import type { Plan, Tier } from '../model/plan.js';
import type { FigureChange, PlanDiff } from '../model/plan-diff.js';
import { ROLES } from '../model/plan-roles.js';
import { cents } from './data-tier.js';

export function diffPlans(before: Baseline, after: Plan, file: string): PlanDiff {
  const monthly = {
    before: before.monthly_usd,
    after: after.monthly_usd,
    delta: before.monthly_usd === null || after.monthly_usd === null ? null : cents(after.monthly_usd - before.monthly_usd),
  };
  const tiers = ROLES.flatMap((role) => {
    const b = before.tiers.find((t) => t.role === role);
    const a = after.tiers.find((t) => t.role === role);
    if (!b && !a) return [];
    const bs = b ? tierSide(b) : null;
    const as = a ? tierSide(a) : null;
    return [{ role, before: bs, after: as, changed: JSON.stringify(bs) !== JSON.stringify(as) }];
  });
  const beforeIndices = baselineIndices(before);
  const afterIndices = after.indices.map((i) => ({ name: i.name, shards: i.shards }));
  const names = [...new Set([...afterIndices.map((i) => i.name), ...beforeIndices.map((i) => i.name)])];
  const indices = names.map((name) => {
    const b = beforeIndices.find((i) => i.name === name);
    const a = afterIndices.find((i) => i.name === name);
    const bs = b ? shardSide(b.shards) : null;
    const as = a ? shardSide(a.shards) : null;
    return { name, before: bs, after: as, changed: JSON.stringify(bs) !== JSON.stringify(as) };
  });
  const sum = (list: { shards: BaselineShards }[], key: 'primaries' | 'routing_shards') => list.reduce((s, i) => s + i.shards[key], 0);
  const codes = (list: readonly { code: string }[]) => new Set(list.map((w) => w.code));
  const beforeCodes = codes(before.warnings);
  const afterCodes = codes(after.warnings);
  const warnings = {
    added: after.warnings.filter((w) => !beforeCodes.has(w.code)).map(({ code, message }) => ({ code, message })),
    removed: before.warnings.filter((w) => !afterCodes.has(w.code)).map(({ code, message }) => ({ code, message })),
  };
  const figures = {
    zones: change(before.zones, after.zones),
    vector_ram_bytes: change(before.sizing.vector_ram_bytes, after.sizing.vector_ram_bytes),
    total_ram_bytes: change(before.sizing.total_ram_bytes, after.sizing.total_ram_bytes),
    primary_disk_bytes: change(before.sizing.primary_disk_bytes, after.sizing.primary_disk_bytes),
    total_disk_bytes: change(before.sizing.total_disk_bytes, after.sizing.total_disk_bytes),
    primaries: change(sum(beforeIndices, 'primaries'), sum(afterIndices, 'primaries')),
    routing_shards: change(sum(beforeIndices, 'routing_shards'), sum(afterIndices, 'routing_shards')),
  };
  const changed =
    monthly.before !== monthly.after ||
    tiers.some((t) => t.changed) ||
    indices.some((i) => i.changed) ||
    Object.values(figures).some((f) => f.delta !== 0) ||
    warnings.added.length + warnings.removed.length > 0;
  const workloadName = before.workload.name;
  return {
    baseline: {
      file,
      esplan_version: before.esplan_version,
      workload_name: typeof workloadName === 'string' ? workloadName : null,
      same_version: before.esplan_version === after.esplan_version,
    },
    changed,
    monthly_usd: monthly,
    tiers,
    ...figures,
    indices,
    warnings,
  };
}

function change(before: number, after: number): FigureChange {
  return { before, after, delta: after - before };
}

function tierSide(t: BaselineTier | Tier) {
  return {
    ...(t.provider !== undefined ? { provider: t.provider } : {}),
    instance_type: t.instance_type,
    nodes: t.nodes,
    nodes_per_zone: [...t.nodes_per_zone],
    monthly_usd: t.monthly_usd ?? null,
  };
}

function shardSide(s: BaselineShards) {
  return { primaries: s.primaries, replicas: s.replicas, routing_shards: s.routing_shards };
}
