/** Renders --compare results: one row per variant with RAM, nodes and monthly cost. */
import { stringify as yamlStringify } from 'yaml';
import type { IndexType } from '../../data/index-types.js';
import type { CompareKind, CompareRow, HeldField } from '../../recommend/compare.js';
import { drawTable, fitText, labelled } from './fit.js';
import type { Format } from './render-plan.js';
import { formatBytes, formatUsd } from './units.js';
import { esc, htmlPage, htmlTable } from './html-page.js';

export interface CompareLine {
  variant: string;
  /** index-types: the type this variant sets. */
  index_type?: IndexType;
  /** index-types: the one field this variant sets; absent when it sets every field of a multi-field workload. */
  field?: string;
  /** index-types, with `field`: every other field and the type it is held at (`is_default`: the workload leaves it to auto). */
  held_fields?: HeldField[];
  vector_ram_bytes: number | null;
  /**
   * Present when a bbq_disk field has a RAM band: vector RAM, all copies, with every bbq_disk field
   * at its band's low and high end (the others at their planned RAM). vector_ram_bytes is the point the plan budgets.
   */
  vector_ram_band_bytes?: { low_bytes: number; high_bytes: number };
  disk_bytes: number | null;
  data_tier: string | null;
  data_nodes: number | null;
  total_nodes: number | null;
  monthly_usd: number | null;
  price_date: string | null;
  note: string;
}

export function compareLines(rows: readonly CompareRow[]): CompareLine[] {
  return rows.map(({ label, plan, error, index_type, field, held }) => {
    const which = { ...(index_type ? { index_type } : {}), ...(field !== undefined ? { field } : {}), ...(held ? { held_fields: held } : {}) };
    if (!plan) {
      return { variant: label, ...which, vector_ram_bytes: null, disk_bytes: null, data_tier: null, data_nodes: null, total_nodes: null, monthly_usd: null, price_date: null, note: error ?? 'no plan' };
    }
    const data = plan.tiers.find((t) => t.role === 'data');
    const banded = plan.sizing.vectors.some((v) => v.ram_band);
    const end = (pick: 'low_bytes' | 'high_bytes') =>
      plan.sizing.copies * plan.sizing.vectors.reduce((s, v) => s + (v.ram_band ? v.ram_band[pick] : v.ram_bytes), 0);
    return {
      variant: label,
      ...which,
      vector_ram_bytes: plan.sizing.total_ram_bytes,
      ...(banded ? { vector_ram_band_bytes: { low_bytes: end('low_bytes'), high_bytes: end('high_bytes') } } : {}),
      disk_bytes: plan.sizing.total_disk_bytes,
      data_tier: data ? `${data.nodes} x ${data.instance_type}` : null,
      data_nodes: data?.nodes ?? null,
      total_nodes: plan.tiers.reduce((s, t) => s + t.nodes, 0),
      monthly_usd: plan.monthly_usd,
      price_date: plan.price_date,
      note: plan.monthly_usd === null ? 'cost unknown (no price in the catalog)' : '',
    };
  });
}

const HEAD = ['variant', 'vector RAM (all copies)', 'disk (all copies)', 'data tier', 'all nodes', 'monthly', 'note'];

function cells(l: CompareLine): string[] {
  return [
    l.variant,
    l.vector_ram_bytes === null
      ? '-'
      : l.vector_ram_band_bytes
        ? `${formatBytes(l.vector_ram_band_bytes.low_bytes)}–${formatBytes(l.vector_ram_band_bytes.high_bytes)}`
        : formatBytes(l.vector_ram_bytes),
    l.disk_bytes === null ? '-' : formatBytes(l.disk_bytes),
    l.data_tier ?? '-',
    l.total_nodes === null ? '-' : String(l.total_nodes),
    l.data_tier === null ? '-' : formatUsd(l.monthly_usd),
    l.note,
  ];
}

function title(kind: CompareKind, lines: readonly CompareLine[]): string {
  if (kind === 'providers') return 'Providers compared (same workload)';
  const held = heldSummary(lines);
  if (!held) return 'Index types compared (every vector field set to each type)';
  return `Index types compared: every vector field set to each type, then one field at a time ("field: type") with the others held at ${held}`;
}

/** Each field's held type, once: the same in every row that holds it. */
function heldSummary(lines: readonly CompareLine[]): string | undefined {
  const seen = new Map<string, HeldField>();
  for (const h of lines.flatMap((l) => l.held_fields ?? [])) if (!seen.has(h.field)) seen.set(h.field, h);
  if (seen.size === 0) return undefined;
  // In the workload's field order: the order of the per-field rows.
  const order = [...new Set(lines.flatMap((l) => (l.field !== undefined ? [l.field] : [])))];
  return [...seen.values()]
    .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field)).map((h) => `${h.field} ${h.index_type}${h.is_default ? ' (ES default)' : ''}`).join(', ');
}

async function renderCompareTable(kind: CompareKind, lines: readonly CompareLine[], width?: number): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const rows = lines.map(cells);
  const table = drawTable(Table, {
    head: HEAD,
    rows,
    style: { head: [], border: [], compact: true },
    colWidths: [null, null, null, null, null, null, 50],
    wrapColumns: [6],
    narrow: () => rows.map((r) => labelled(HEAD, r)),
  }, width);
  return `${fitText(title(kind, lines), width).join('\n')}\n${table}\n`;
}

function renderCompareMarkdown(kind: CompareKind, lines: readonly CompareLine[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = [`### ${title(kind, lines)}`, '', `| ${HEAD.join(' | ')} |`, `|${HEAD.map(() => '---').join('|')}|`];
  for (const l of lines) out.push(`| ${cells(l).map(esc).join(' | ')} |`);
  return `${out.join('\n')}\n`;
}

/** A page with the comparison as one table, as self-contained and escaped as the plan page (html-page.ts). */
function renderCompareHtml(kind: CompareKind, lines: readonly CompareLine[]): string {
  const heading = title(kind, lines);
  const dates = [...new Set(lines.flatMap((l) => (l.price_date ? [l.price_date] : [])))].sort();
  const body = [
    `<h1>${esc(heading)}</h1>`,
    htmlTable(HEAD, lines.map(cells), [1, 2, 4, 5]),
    ...(dates.length ? [`<p class="muted">${esc(`prices as of ${dates.join(', ')}`)}</p>`] : []),
  ];
  return htmlPage(esc(`esplan: ${heading}`), body.join('\n'));
}

function renderCompareJson(kind: CompareKind, lines: readonly CompareLine[]): string {
  return `${JSON.stringify({ compare: kind, variants: lines }, null, 2)}\n`;
}

/** Each --format, as renderPlan gives them for one plan; YAML holds the same document as JSON. The table fits `width` when given. */
export async function renderCompare(kind: CompareKind, lines: readonly CompareLine[], format: Format, width?: number): Promise<string> {
  switch (format) {
    case 'json':
      return renderCompareJson(kind, lines);
    case 'yaml':
      return yamlStringify({ compare: kind, variants: lines }, { lineWidth: 0 });
    case 'markdown':
      return renderCompareMarkdown(kind, lines);
    case 'html':
      return renderCompareHtml(kind, lines);
    case 'table':
      return renderCompareTable(kind, lines, width);
  }
}
