import { createRequire } from 'node:module';
import type CliTable3 from 'cli-table3';
import type { Plan } from '../../model/plan.js';
import { planRows } from './plan-summary.js';
import { formatUsd } from './units.js';

// cli-table3 is loaded only when a table is drawn, never on the JSON path.
const require = createRequire(import.meta.url);

export function renderTable(plan: Plan, color: boolean): string {
  const Table = require('cli-table3') as typeof CliTable3;
  const style = color ? { compact: true } : { head: [], border: [], compact: true };
  const rows = planRows(plan);
  const out: string[] = [];
  const bold = (s: string) => (color ? `\u001b[1m${s}\u001b[22m` : s);

  out.push(bold(rows.title));
  const tiers = new Table({ head: rows.tierHeader, style });
  tiers.push(...rows.tiers);
  out.push(tiers.toString(), `Total: ${rows.total}`);
  out.push(...rows.notes.map((n) => `- ${n}`), '');

  out.push(bold('Sizing'));
  const sizing = new Table({ style });
  sizing.push(...rows.sizing.map(([k, v]) => ({ [k]: v })));
  out.push(sizing.toString());
  if (rows.vectors.length) {
    const vectors = new Table({ head: rows.vectorHeader, style });
    vectors.push(...rows.vectors);
    out.push(vectors.toString());
    out.push(...rows.vectorNotes.map((n) => `- ${n}`));
  }
  out.push('', bold('Shards'));
  const shards = new Table({ style });
  shards.push(...rows.shards.map(([k, v]) => ({ [k]: v })));
  out.push(shards.toString());

  if (rows.capacity.length) {
    out.push('', bold('Capacity of the data tier'));
    const capacity = new Table({ style });
    capacity.push(...rows.capacity.map(([k, v]) => ({ [k]: v })));
    out.push(capacity.toString());
  }

  if (plan.alternatives.length) {
    out.push('', bold('Alternatives considered'));
    const alt = new Table({ head: ['instance type', 'nodes', 'monthly', 'why not'], style, colWidths: [null, null, null, 60], wordWrap: true });
    alt.push(...plan.alternatives.map((a) => [a.instance_type, String(a.nodes), formatUsd(a.monthly_usd), a.why_not]));
    out.push(alt.toString());
  }
  if (plan.warnings.length) {
    out.push('', bold('Warnings'));
    for (const w of plan.warnings) out.push(`- [${w.code}] ${w.message}`);
  }
  out.push('', 'Every figure has a source: run with --explain, or see "basis" in --json.');
  return `${out.join('\n')}\n`;
}
