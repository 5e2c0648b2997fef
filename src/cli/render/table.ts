import { createRequire } from 'node:module';
import type CliTable3 from 'cli-table3';
import type { Plan } from '../../model/plan.js';
import { drawTable, fitText, labelled, type TableSpec } from './fit.js';
import { planRows } from './plan-summary.js';
import { formatUsd } from './units.js';
import { diffSummary } from './plan-diff.js';
import { displayText } from '../../model/display-text.js';

// cli-table3 is loaded only when a table is drawn, never on the JSON path.
const require = createRequire(import.meta.url);

/** The plan for a terminal; with a width, every line fits it (see fit.ts), without one tables are as wide as their cells. */
export function renderTable(plan: Plan, color: boolean, width?: number): string {
  const Table = require('cli-table3') as typeof CliTable3;
  // No colour in tables: cli-table3's default red headings and grey borders carry no meaning.
  const style = { head: [], border: [], compact: true };
  const rows = planRows(plan);
  const out: string[] = [];
  const bold = (s: string) => (color ? `\u001b[1m${s}\u001b[22m` : s);
  const text = (s: string, first = '') => fitText(s, width, first);
  const table = (spec: Omit<TableSpec, 'style'>) => drawTable(Table, { ...spec, style }, width);
  const keyValues = (pairs: [string, string][]) => table({ rows: pairs, narrow: () => pairs.map(([k, v]) => `${k}: ${v}`) });

  out.push(...text(rows.title).map(bold));
  // disk ("950 GB local-nvme") may wrap after its size; every other cell is one figure and stays whole.
  out.push(table({ head: rows.tierHeader, rows: rows.tiers, wrapColumns: [6], narrow: () => rows.tiers.map(tierParagraph) }));
  if (rows.costs.length) {
    out.push(table({ head: rows.costHeader, rows: rows.costs, wrapColumns: [1], narrow: () => rows.costs.map((r) => labelled(rows.costHeader, r)) }));
  }
  out.push(...text(`Total: ${rows.total}`));
  out.push(...rows.notes.flatMap((n) => text(n, '- ')), '');
  if (plan.diff) {
    const summary = diffSummary(plan.diff);
    out.push(...text(`Against the baseline ${displayText(plan.diff.baseline.file)}`).map(bold));
    out.push(...text(summary.headline), ...summary.lines.flatMap((l) => text(l, '- ')), '');
  }

  out.push(...text('Sizing').map(bold));
  out.push(keyValues(rows.sizing));
  if (rows.vectors.length) {
    out.push(table({ head: rows.vectorHeader, rows: rows.vectors, narrow: () => rows.vectors.map((r) => labelled(rows.vectorHeader, r)) }));
    out.push(...rows.vectorNotes.flatMap((n) => text(n, '- ')));
  }
  if (rows.calibration) out.push(...text(rows.calibration, '- '));
  if (rows.fields.length) {
    out.push(table({ head: rows.fieldHeader, rows: rows.fields, wrapColumns: [2], narrow: () => rows.fields.map((r) => labelled(rows.fieldHeader, r)) }));
  }
  out.push('', ...text('Shards').map(bold));
  out.push(keyValues(rows.shards));

  if (rows.capacity.length) {
    out.push('', ...text('Capacity of the data tier').map(bold));
    out.push(keyValues(rows.capacity));
  }

  if (plan.alternatives.length) {
    out.push('', ...text('Alternatives considered').map(bold));
    const alternatives = plan.alternatives.map((a) => [a.instance_type, String(a.nodes), formatUsd(a.monthly_usd), a.why_not]);
    out.push(table({
      head: ['instance type', 'nodes', 'monthly', 'why not'],
      rows: alternatives,
      colWidths: [null, null, null, 60],
      wrapColumns: [3],
      narrow: () => alternatives.map(([type, nodes, monthly, why]) => `${type}: ${nodes} nodes, ${monthly} monthly; why not: ${why}`),
    }));
  }
  if (plan.warnings.length) {
    out.push('', ...text('Warnings').map(bold));
    for (const w of plan.warnings) out.push(...text(`[${w.code}] ${w.message}`, '- '));
  }
  out.push('', ...text('Every figure has a source: run with --explain, or see "basis" in --json.'));
  return `${out.join('\n')}\n`;
}

/** A tier row as one sentence: `data: 3 x r6gd.4xlarge (1 / 1 / 1 per zone), 16 vCPU, ...`. */
function tierParagraph(cells: readonly string[]): string {
  const [role, type, nodes, perZone, vcpu, memory, disk, perNode, tier] = cells;
  return `${role}: ${nodes} x ${type} (${placement(perZone ?? '')}), ${vcpu} vCPU, ${memory} memory, disk ${disk}, ${perNode} per node / month, ${tier} tier / month`;
}

/** The per-zone cell in words: "1 / 1 / 1 per zone", "1 / 1 per zone + 1 in a third location", "1 in a third location". */
function placement(perZone: string): string {
  const [zones, third] = perZone.includes('in a third location') ? (perZone.includes(' + ') ? perZone.split(' + ') : [undefined, perZone]) : [perZone, undefined];
  return [zones !== undefined ? `${zones} per zone` : undefined, third].filter((x) => x !== undefined).join(' + ');
}

