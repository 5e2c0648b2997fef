import type { Choice } from './prompter.js';
import type { Comparison, IndexTypeOption } from './compare-index-types.js';
import type { IndexType } from '../../data/index-types.js';
import { formatShare } from '../render/disk-bbq-band.js';

/** Binary units, as the sizing formulas count bytes. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

export function formatUsd(usd: number | null): string {
  return usd === null ? 'no price' : `$${Math.round(usd).toLocaleString('en-US')}/mo`;
}

function cells(o: IndexTypeOption, recommended: IndexType | undefined): string[] {
  const name = `${o.index_type}${o.is_default ? ' (ES default)' : ''}${o.index_type === recommended ? ' *' : ''}`;
  const ram = o.ram_band ? `${formatBytes(o.ram_band.low_bytes)}–${formatBytes(o.ram_band.high_bytes)}` : formatBytes(o.ram_bytes);
  return [name, ram, formatBytes(o.disk_bytes), o.band.label, formatUsd(o.monthly_usd)];
}

/** What the two ends of a bbq_disk RAM band mean, and which share the plan budgets. */
function bandNote(o: IndexTypeOption): string | undefined {
  const b = o.ram_band;
  if (!b) return undefined;
  const at = (share: number | undefined, end: string) => (share !== undefined ? `at ${formatShare(share)} of posting lists resident` : `at the ${end} end of the posting-list band`);
  const planned = b.planned_share !== undefined ? ` (the plan budgets ${formatShare(b.planned_share)})` : '';
  const high = b.high_share !== undefined ? `at ${formatShare(b.high_share)}` : at(undefined, 'high');
  return `  ${o.index_type} RAM: ${formatBytes(b.low_bytes)} ${at(b.low_share, 'low')}${planned}, ${formatBytes(b.high_bytes)} ${high}; fewer resident posting lists mean more disk reads per query.`;
}

/** What the other vector fields are on in every row: the compared field is the only one that changes. */
function heldLine(c: Comparison): string[] {
  if (c.held.length === 0) return [];
  const each = c.held.map((h) => `${h.field} on ${h.index_type} (${h.is_default ? 'ES default' : 'as chosen'})`);
  return [`  other fields held while ${c.field} varies: ${each.join(', ')}`];
}

/** A plain aligned table: it has to read well in any terminal and in a captured log. */
export function renderComparison(c: Comparison): string {
  const header = ['index type', 'RAM (all copies)', 'disk (all copies)', 'expected recall', 'plan cost'];
  const rows = [header, ...c.options.map((o) => cells(o, c.recommended))];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const notPlanned = c.unplannable.map((u) => `  ${u.index_type}: cannot be planned: ${u.why}`);
  const held = heldLine(c);
  if (c.recommended === undefined) return [`Index types for ${c.field}: none could be planned.`, ...held, ...notPlanned, ''].join('\n');
  return [
    `Index types for ${c.field}:`,
    ...held,
    ...rows.map((r) => `  ${line(r)}`),
    ...notPlanned,
    ...c.options.flatMap((o) => bandNote(o) ?? []),
    `  * recommended: ${c.recommended}, ${c.reason}.`,
    '  Recall bands are what Elastic documents for each type (formulas/recall-bands.json); measure on your data.',
    '',
  ].join('\n');
}

export function comparisonChoices(c: Comparison): Choice<IndexType>[] {
  return c.options.map((o) => ({
    value: o.index_type,
    name: o.index_type === c.recommended ? `${o.index_type} (recommended)` : o.index_type,
    description: `${o.ram_band ? `${formatBytes(o.ram_band.low_bytes)}–${formatBytes(o.ram_band.high_bytes)}` : formatBytes(o.ram_bytes)} RAM, ${formatBytes(o.disk_bytes)} disk, recall ${o.band.label}, ${formatUsd(o.monthly_usd)}`,
  }));
}
