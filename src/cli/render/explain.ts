/**
 * `--explain`: every figure in the plan with the formula that produced it, the formula with its
 * inputs filled in, the result (bytes also in GiB) and the source. Plain text for a terminal.
 */
import type { BasisEntry, Plan } from '../../model/plan.js';
import { parseExpr, renderExpr } from '../../sizing/expr.js';
import { fitText, wrapText } from './fit.js';

/** Where prose lines wrap without a width limit. */
const WIDTH = 100;
const INDENT = '    ';

/** With a width, every line fits it; without one, prose wraps at 100 columns and nothing else does. */
export function renderExplain(plan: Plan, width?: number): string {
  const lines: string[] = [];
  lines.push(...fitText('How each figure was derived (formulas/ and catalogs/ hold every formula and constant):', width));
  for (const [title] of SECTIONS) {
    const entries = plan.basis.filter((b) => sectionOf(b.id) === title);
    if (entries.length === 0) continue;
    lines.push('', ...fitText(`== ${title} ==`, width));
    for (const entry of entries) lines.push('', ...renderEntry(entry, width));
  }
  return `${lines.join('\n')}\n`;
}

// Headings in reading order; an entry goes under the first heading whose pattern matches its id.
const SECTIONS: Array<[string, RegExp]> = [
  ['Corpus and growth', /^corpus\./],
  ['Vectors', /^(vectors|hnsw|bbq_disk|index_type|index_types)[.[]|^lucene\.(vint|max_merged)/],
  ['Storage', /^(storage|sizing)\./],
  ['Shards', /^(shards|index\.max_number|cluster\.max_shards|lucene\.max_docs)/],
  ['Topology and cost', /./],
];

function sectionOf(id: string): string {
  return SECTIONS.find(([, re]) => re.test(id))?.[0] ?? 'Topology and cost';
}

export function renderEntry(entry: BasisEntry, width?: number): string[] {
  const wrap = (text: string) => (width === undefined ? wrapAt100(text, INDENT) : wrapText(text, width, INDENT, `${INDENT}  `));
  const out = fitText(`${entry.id}  [${entry.kind}]`, width);
  out.push(...wrap(entry.description));
  if (entry.expression !== undefined) {
    const { symbolic, filled } = expressionLines(entry);
    out.push(...wrap(`= ${symbolic}`));
    const resultText = typeof entry.result === 'number' ? formatNumber(entry.result) : entry.result;
    if (filled !== undefined && filled !== symbolic && filled !== resultText) out.push(...wrap(`= ${filled}`));
  }
  if (entry.result !== undefined) out.push(...fitText(`= ${formatResult(entry.result, entry.unit)}`, width, INDENT, `${INDENT}  `));
  out.push(...wrap(`source: ${entry.source}`));
  return out;
}

function expressionLines(entry: BasisEntry): { symbolic: string; filled?: string } {
  const expression = entry.expression ?? '';
  try {
    const parsed = parseExpr(expression);
    const symbolic = renderExpr(parsed);
    const filled = entry.inputs ? renderExpr(parsed, entry.inputs, formatNumber) : undefined;
    return filled === undefined ? { symbolic } : { symbolic, filled };
  } catch {
    // Entries from other modules may carry prose expressions; show them as written.
    return { symbolic: expression };
  }
}

export function formatResult(result: number | string, unit?: string): string {
  if (typeof result === 'string') return unit ? `${result} (${unit})` : result;
  const text = formatNumber(result);
  if (unit === 'bytes') return `${text} bytes (${formatGiB(result)})`;
  return unit ? `${text} ${unit}` : text;
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  if (Math.abs(n) >= 1000) return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return String(Number(n.toPrecision(6)));
}

export function formatGiB(bytes: number): string {
  return `${(bytes / 2 ** 30).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} GiB`;
}

/** Word-wraps at 100 columns, continuation lines indented two more spaces; a longer word stays whole. */
function wrapAt100(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(/\s+/)) {
    if (line.trim() !== '' && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = `${indent}  ${word}`;
    } else {
      line = line.trim() === '' ? `${line}${word}` : `${line} ${word}`;
    }
  }
  if (line.trim() !== '') lines.push(line);
  return lines;
}
