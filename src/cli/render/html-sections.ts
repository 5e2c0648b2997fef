/**
 * The sections of the HTML plan page other than the drawn cluster: tiers and their cost line
 * items, sizing, shard layout, capacity, warnings, alternatives and the change against a baseline.
 * Rows come from planRows and diffSummary, the same ones the table and Markdown show.
 */
import type { Plan } from '../../model/plan.js';
import type { FigureChange, PlanDiff } from '../../model/plan-diff.js';
import { displayText } from '../../model/display-text.js';
import { esc, htmlKeyValues, htmlTable } from './html-page.js';
import { perZone, type PlanRows } from './plan-summary.js';
import { diffSummary, shortBytes } from './plan-diff.js';
import { formatBytes, formatCount, formatUsd } from './units.js';

export function tiersSection(plan: Plan, rows: PlanRows): string {
  const out = ['<h2>Tiers and cost per month</h2>', htmlTable(rows.tierHeader, rows.tiers, [2, 4, 7, 8])];
  for (const t of plan.tiers) {
    const items = rows.costs.filter((c) => c[0] === t.role).map((c) => c.slice(1));
    out.push(`<h3>${esc(`${t.role}: ${t.nodes} x ${t.instance_type}, ${formatUsd(t.monthly_usd)} per month`)}</h3>`);
    if (items.length) out.push(htmlTable(rows.costHeader.slice(1), items, [1, 2]));
    else out.push(`<p class="muted">${esc(`no line items: ${formatUsd(t.monthly_usd_per_node)} per node, ${formatUsd(t.monthly_usd)} for the tier`)}</p>`);
  }
  out.push(`<p class="total">${esc(`Total: ${rows.total}`)}</p>`);
  if (rows.notes.length) out.push(`<ul>${rows.notes.map((n) => `<li>${esc(n)}</li>`).join('\n')}</ul>`);
  return out.join('\n');
}

export function sizingSection(rows: PlanRows): string {
  const out = ['<h2>Sizing</h2>', htmlKeyValues(rows.sizing)];
  if (rows.vectors.length) out.push(htmlTable(rows.vectorHeader, rows.vectors, [3, 4, 5, 6]));
  const notes = [...rows.vectorNotes, ...(rows.calibration ? [rows.calibration] : [])];
  if (notes.length) out.push(`<ul>${notes.map((n) => `<li>${esc(n)}</li>`).join('\n')}</ul>`);
  if (rows.fields.length) out.push(htmlTable(rows.fieldHeader, rows.fields, [3, 4]));
  return out.join('\n');
}

/** Per index: primaries, replicas, routing shards (and the factors it can split by), shard size and docs per shard. */
export function shardsSection(plan: Plan): string {
  const head = ['index', 'primaries', 'replicas', 'routing shards', 'split by', 'shard size at horizon', 'docs per shard at horizon', 'shard copies'];
  const body = plan.indices.map((ix) => [
    ix.name,
    String(ix.shards.primaries),
    String(ix.shards.replicas),
    String(ix.shards.routing_shards),
    ix.shards.split_factors.length ? ix.shards.split_factors.join(', ') : '-',
    formatBytes(ix.shards.shard_bytes),
    formatCount(ix.shards.docs_per_shard),
    String(ix.shards.total_shards),
  ]);
  return ['<h2>Shard layout</h2>', htmlTable(head, body, [1, 2, 3, 5, 6, 7])].join('\n');
}

export function capacitySection(rows: PlanRows): string {
  if (!rows.capacity.length) return '';
  return ['<h2>Capacity of the data tier</h2>', htmlKeyValues(rows.capacity)].join('\n');
}

export function warningsSection(plan: Plan): string {
  if (!plan.warnings.length) return '<h2>Warnings</h2>\n<p>None.</p>';
  const items = plan.warnings.map((w) => `<li><code>${esc(w.code)}</code> ${esc(w.message)}</li>`);
  return ['<h2>Warnings</h2>', '<ul class="warnings">', ...items, '</ul>'].join('\n');
}

export function alternativesSection(plan: Plan): string {
  if (!plan.alternatives.length) return '';
  const body = plan.alternatives.map((a) => [a.instance_type, String(a.nodes), formatUsd(a.monthly_usd), a.why_not]);
  return ['<h2>Alternatives rejected</h2>', htmlTable(['instance type', 'data nodes', 'monthly', 'why not'], body, [1, 2])].join('\n');
}

type TierSide = NonNullable<PlanDiff['tiers'][number]['after']>;

function tierSideText(side: TierSide | null, zones: number | null): string {
  if (!side) return 'none';
  return `${side.nodes} x ${side.instance_type} (nodes per zone: ${perZone(side.nodes_per_zone, zones ?? side.nodes_per_zone.length)}), ${formatUsd(side.monthly_usd)} per month`;
}

function signedUsd(delta: number | null): string {
  if (delta === null) return 'unknown';
  return `${delta > 0 ? '+' : delta < 0 ? '-' : '±'}${formatUsd(Math.abs(delta))}`;
}

function signedCount(delta: number | null): string {
  if (delta === null) return 'unknown';
  return delta > 0 ? `+${formatCount(delta)}` : delta < 0 ? `-${formatCount(-delta)}` : '±0';
}

function signedBytes(delta: number | null): string {
  if (delta === null) return 'unknown';
  return delta > 0 ? `+${shortBytes(delta)}` : delta < 0 ? `-${shortBytes(-delta)}` : '±0';
}

function deltaClass(delta: number | null): string {
  return delta === null || delta === 0 ? '' : delta > 0 ? ' class="delta-up"' : ' class="delta-down"';
}

/** Before, after and delta of one figure as a table row. */
function figureRow(what: string, c: FigureChange | PlanDiff['monthly_usd'], show: (n: number | null) => string, signed: (d: number | null) => string): string {
  return `<tr><td>${esc(what)}</td><td class="num">${esc(show(c.before))}</td><td class="num">${esc(show(c.after))}</td><td class="num"><span${deltaClass(c.delta)}>${esc(signed(c.delta))}</span></td></tr>`;
}

/** --baseline: the headline and lines of the change, the tiers side by side, and every figure before, after and delta. */
export function diffSection(diff: PlanDiff): string {
  const summary = diffSummary(diff);
  const bytes = (n: number | null) => (n === null ? 'unknown' : shortBytes(n));
  const count = (n: number | null) => (n === null ? 'unknown' : formatCount(n));
  const out = [
    '<h2>Against the baseline</h2>',
    `<p class="muted">${esc(`Baseline: ${displayText(diff.baseline.file)} (esplan ${diff.baseline.esplan_version}${diff.baseline.workload_name !== null ? `, workload ${diff.baseline.workload_name}` : ''})`)}</p>`,
    `<p class="total">${esc(summary.headline)}</p>`,
  ];
  if (summary.lines.length) out.push(`<ul>${summary.lines.map((l) => `<li>${esc(l)}</li>`).join('\n')}</ul>`);
  out.push('<h3>Tiers, before and after</h3>', '<div class="before-after">');
  out.push(
    `<div><h3>before</h3>${htmlTable(['role', 'tier'], diff.tiers.map((t) => [t.role, tierSideText(t.before, diff.zones.before)]))}</div>`,
    `<div><h3>after</h3>${htmlTable(['role', 'tier'], diff.tiers.map((t) => [t.role, tierSideText(t.after, diff.zones.after)]))}</div>`,
    '</div>',
  );
  out.push(
    '<h3>Figures, before and after</h3>',
    '<table class="figures">',
    '<thead><tr><th></th><th class="num">before</th><th class="num">after</th><th class="num">delta</th></tr></thead>',
    '<tbody>',
    figureRow('monthly cost', diff.monthly_usd, formatUsd, signedUsd),
    figureRow('zones', diff.zones, count, signedCount),
    figureRow('vector RAM, one copy', diff.vector_ram_bytes, bytes, signedBytes),
    figureRow('RAM, all copies', diff.total_ram_bytes, bytes, signedBytes),
    figureRow('disk, one copy', diff.primary_disk_bytes, bytes, signedBytes),
    figureRow('disk, all copies', diff.total_disk_bytes, bytes, signedBytes),
    figureRow('primary shards', diff.primaries, count, signedCount),
    figureRow('routing shards', diff.routing_shards, count, signedCount),
    '</tbody>',
    '</table>',
  );
  const shards = (s: PlanDiff['indices'][number]['before']) => (s ? `${s.primaries} primaries, ${s.replicas} replicas, ${s.routing_shards} routing shards` : 'none');
  if (diff.indices.length) out.push(htmlTable(['index', 'before', 'after'], diff.indices.map((i) => [i.name, shards(i.before), shards(i.after)])));
  return out.join('\n');
}
