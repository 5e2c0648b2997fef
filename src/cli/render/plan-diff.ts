/**
 * A plan's change against its baseline in words, with signed figures ("+$1,930.00 per month",
 * "+1 data node per zone", "+42.0 GiB vector RAM"): the lines a pull-request comment and the
 * terminal show. The exact figures are in `diff` of the JSON.
 */
import type { FigureChange, PlanDiff } from '../../model/plan-diff.js';
import { displayText } from '../../model/display-text.js';
import { formatUsd } from './units.js';

export interface DiffSummary {
  /** The headline: the monthly change, or why there is none to give. */
  headline: string;
  /** One line per change. */
  lines: string[];
}

export function diffSummary(diff: PlanDiff): DiffSummary {
  const lines: string[] = [];
  if (!diff.baseline.same_version) {
    lines.push(`The baseline was made by esplan ${displayText(diff.baseline.esplan_version)}: part of the change may come from the model rather than the workload.`);
  }
  for (const t of diff.tiers) {
    if (!t.changed) continue;
    if (!t.before && t.after) lines.push(`${t.role} tier added: ${t.after.nodes} x ${t.after.instance_type} (${zonesText(t.after.nodes_per_zone)})`);
    else if (t.before && !t.after) lines.push(`${t.role} tier removed: it had ${t.before.nodes} x ${t.before.instance_type}`);
    else if (t.before && t.after) lines.push(...tierLines(t.role, t.before, t.after));
  }
  if (diff.zones.delta) lines.push(`${signed(diff.zones.delta ?? 0)} zone${Math.abs(diff.zones.delta ?? 0) === 1 ? '' : 's'} (${diff.zones.before} → ${diff.zones.after})`);
  lines.push(...bytesLine(diff.vector_ram_bytes, 'vector RAM, one copy'));
  lines.push(...bytesLine(diff.total_ram_bytes, 'RAM, all copies'));
  lines.push(...bytesLine(diff.total_disk_bytes, 'disk, all copies'));
  lines.push(...countLine(diff.primaries, 'primary shard'));
  lines.push(...countLine(diff.routing_shards, 'routing shard'));
  for (const i of diff.indices) {
    if (!i.changed) continue;
    const name = displayText(i.name);
    if (!i.before && i.after) lines.push(`index ${name} added: ${i.after.primaries} primaries, ${i.after.replicas} replicas`);
    else if (i.before && !i.after) lines.push(`index ${name} removed`);
    else if (i.before && i.after) lines.push(`index ${name}: ${shardText(i.before)} → ${shardText(i.after)}`);
  }
  for (const w of diff.warnings.added) lines.push(`warning added: [${w.code}] ${w.message}`);
  for (const w of diff.warnings.removed) lines.push(`warning removed: [${w.code}]`);
  return { headline: headline(diff), lines };
}

function headline(diff: PlanDiff): string {
  const m = diff.monthly_usd;
  if (m.delta === null) {
    return m.before === null && m.after === null ? 'Monthly cost unknown in both plans (no prices)' : `Monthly cost: ${formatUsd(m.before)} → ${formatUsd(m.after)}`;
  }
  if (!diff.changed) return `No change against the baseline (${formatUsd(m.after)} per month)`;
  const sign = m.delta > 0 ? '+' : m.delta < 0 ? '-' : '±';
  return `${sign}${formatUsd(Math.abs(m.delta))} per month (${formatUsd(m.before)} → ${formatUsd(m.after)})`;
}

type TierSide = NonNullable<PlanDiff['tiers'][number]['after']>;

function tierLines(role: string, before: TierSide, after: TierSide): string[] {
  const out: string[] = [];
  if (before.instance_type !== after.instance_type || before.provider !== after.provider) {
    out.push(`${role}: ${before.instance_type} → ${after.instance_type}`);
  }
  const b = before.nodes_per_zone;
  const a = after.nodes_per_zone;
  const deltas = a.map((n, i) => n - (b[i] ?? 0));
  const uniform = a.length === b.length && a.length > 1 && deltas.every((d) => d === deltas[0]) && deltas[0] !== 0;
  const noun = (n: number) => `${role} node${Math.abs(n) === 1 ? '' : 's'}`;
  if (uniform) {
    const d = deltas[0] ?? 0;
    out.push(`${signed(d)} ${noun(d)} per zone (${b.join(' / ')} → ${zonesText(a)})`);
  } else if (after.nodes !== before.nodes || JSON.stringify(a) !== JSON.stringify(b)) {
    const d = after.nodes - before.nodes;
    out.push(`${d === 0 ? '±0' : signed(d)} ${noun(d)} (${b.join(' / ')} → ${zonesText(a)})`);
  }
  if (before.monthly_usd !== after.monthly_usd && before.monthly_usd !== null && after.monthly_usd !== null) {
    const d = after.monthly_usd - before.monthly_usd;
    out.push(`${role} tier: ${d >= 0 ? '+' : '-'}${formatUsd(Math.abs(d))} per month (${formatUsd(before.monthly_usd)} → ${formatUsd(after.monthly_usd)})`);
  }
  return out;
}

function zonesText(perZone: readonly number[]): string {
  return `${perZone.join(' / ')} per zone`;
}

function shardText(s: { primaries: number; replicas: number; routing_shards: number }): string {
  return `${s.primaries} primaries x ${s.replicas + 1} copies, ${s.routing_shards} routing shards`;
}

function signed(n: number): string {
  return n > 0 ? `+${n.toLocaleString('en-US')}` : `-${Math.abs(n).toLocaleString('en-US')}`;
}

function bytesLine(c: FigureChange, what: string): string[] {
  if (!c.delta) return [];
  return [`${c.delta > 0 ? '+' : '-'}${shortBytes(Math.abs(c.delta))} ${what} (${shortBytes(c.before ?? 0)} → ${shortBytes(c.after ?? 0)})`];
}

function countLine(c: FigureChange, noun: string): string[] {
  if (!c.delta) return [];
  return [`${signed(c.delta)} ${noun}${Math.abs(c.delta) === 1 ? '' : 's'} (${c.before} → ${c.after})`];
}

const KIB = 1024;
/** Bytes with one decimal ("42.0 GiB"): a change is read at a glance, the JSON keeps every byte. */
export function shortBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0;
  let v = n;
  while (v >= KIB && i < units.length - 1) {
    v /= KIB;
    i += 1;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}
