import type { Plan } from '../../model/plan.js';
import { planRows } from './plan-summary.js';
import { formatUsd } from './units.js';
import { diffSummary } from './plan-diff.js';
import { displayText } from '../../model/display-text.js';

/**
 * Markdown for a pull-request comment: the plan at a glance, sources folded away. With a diff
 * (--baseline) the comment leads with what changed and folds the whole new plan below it.
 */
export function renderMarkdown(plan: Plan): string {
  if (!plan.diff) return renderPlanMarkdown(plan);
  const summary = diffSummary(plan.diff);
  const out = [`### esplan: ${escape(planRows(plan).title)}, against the baseline`, '', `**${escape(summary.headline)}**`, ''];
  if (summary.lines.length) out.push(...summary.lines.map((l) => `- ${escape(l)}`), '');
  out.push(`Baseline: \`${escape(displayText(plan.diff.baseline.file))}\` (esplan ${escape(plan.diff.baseline.esplan_version)}). Exact figures: \`diff\` in \`--json\`.`, '');
  out.push('<details><summary>The new plan</summary>', '', renderPlanMarkdown(plan), '</details>', '');
  return out.join('\n');
}

function renderPlanMarkdown(plan: Plan): string {
  const rows = planRows(plan);
  const out: string[] = [`### esplan: ${rows.title}`, '', `**${rows.total}**`, ''];
  out.push(...mdTable(rows.tierHeader, rows.tiers), '');
  if (rows.costs.length) out.push(...mdTable(rows.costHeader, rows.costs), '');
  if (rows.notes.length) out.push(...rows.notes.map((n) => `- ${escape(n)}`), '');
  out.push('#### Sizing', '', ...mdTable(['', ''], rows.sizing), '');
  if (rows.vectors.length) out.push(...mdTable(rows.vectorHeader, rows.vectors), '');
  if (rows.vectorNotes.length) out.push(...rows.vectorNotes.map((n) => `- ${escape(n)}`), '');
  if (rows.calibration) out.push(`- ${escape(rows.calibration)}`, '');
  if (rows.fields.length) out.push(...mdTable(rows.fieldHeader, rows.fields), '');
  out.push('#### Shards', '', ...mdTable(['', ''], rows.shards), '');
  if (rows.capacity.length) out.push('#### Capacity of the data tier', '', ...mdTable(['', ''], rows.capacity), '');
  if (plan.alternatives.length) {
    out.push('#### Alternatives considered', '');
    out.push(...mdTable(['instance type', 'nodes', 'monthly', 'why not'], plan.alternatives.map((a) => [
      a.instance_type,
      String(a.nodes),
      formatUsd(a.monthly_usd),
      a.why_not,
    ])), '');
  }
  if (plan.warnings.length) {
    out.push('#### Warnings', '', ...plan.warnings.map((w) => `- \`${w.code}\` ${escape(w.message)}`), '');
  }
  out.push('<details><summary>Sources</summary>', '');
  out.push(...plan.basis.map((b) => `- \`${b.id}\`: ${escape(b.description)} (${escape(b.source)})`));
  out.push('', '</details>', '');
  return out.join('\n');
}

function mdTable(header: string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.map(escape).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(escape).join(' | ')} |`),
  ];
}

function escape(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
