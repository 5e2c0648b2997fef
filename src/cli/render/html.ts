/**
 * `--format html`: the plan as one self-contained page (see html-page.ts for what "self-contained"
 * holds to). It shows the zones with their nodes, the data nodes' vector RAM and disk as bars,
 * the cost per tier with its line items, sizing, shard layout, capacity, warnings, the
 * alternatives rejected and, with --baseline, the change before and after.
 */
import type { Plan } from '../../model/plan.js';
import { renderExplain } from './explain.js';
import { esc, escLines, htmlPage } from './html-page.js';
import { dataNodeSection, zonesSection } from './html-nodes.js';
import { alternativesSection, capacitySection, diffSection, shardsSection, sizingSection, tiersSection, warningsSection } from './html-sections.js';
import { planRows } from './plan-summary.js';

/** The page; with `explain`, every figure's derivation in a folded section at the end. HTML is never wrapped to a width. */
export function renderHtml(plan: Plan, explain: boolean): string {
  const rows = planRows(plan);
  const body = [
    `<h1>${esc(`esplan: ${rows.title}`)}</h1>`,
    `<p class="total">${esc(rows.total)}</p>`,
    `<p class="muted">${esc(`esplan ${plan.esplan_version}; every figure has a source: see "basis" in --json, or --explain.`)}</p>`,
    plan.diff ? diffSection(plan.diff) : '',
    zonesSection(plan),
    dataNodeSection(plan),
    tiersSection(plan, rows),
    sizingSection(rows),
    shardsSection(plan),
    capacitySection(rows),
    warningsSection(plan),
    alternativesSection(plan),
    explain ? `<h2>How each figure was derived</h2>\n<details><summary>${esc(`${plan.basis.length} formulas, constants and catalog entries`)}</summary>\n<pre>${escLines(renderExplain(plan))}</pre>\n</details>` : '',
  ].filter((s) => s !== '');
  return htmlPage(esc(`esplan: ${rows.title}`), body.join('\n'));
}
