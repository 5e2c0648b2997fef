/**
 * Fitting people-facing text to the output width: prose wraps at word boundaries with a hanging
 * indent, and a table wider than the width is re-laid (its widest columns word-wrapped, or one
 * labelled paragraph per row when even that is too wide). Nothing is dropped or cut short.
 */
import type CliTable3 from 'cli-table3';

// Colour (SGR) sequences take no columns.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * The columns a line takes, counted as UTF-8 bytes of its visible text. A terminal never shows a
 * character wider than its bytes, and byte-counting tools (awk, cut -b, wc -c) see the same figure.
 */
export function textWidth(s: string): number {
  return Buffer.byteLength(s.replace(ANSI, ''), 'utf8');
}

/**
 * One paragraph in lines of at most `width`: the first starts with `first`, the others with `rest`
 * (a hanging indent). Lines break between words; only a word longer than a whole line is split.
 */
export function wrapText(text: string, width: number, first = '', rest = '  '): string[] {
  const lead = textWidth(first) < width ? first : '';
  const hang = textWidth(rest) < width ? rest : '';
  const lines: string[] = [];
  let prefix = lead;
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let left = word;
    while (left !== '') {
      const candidate = line === '' ? left : `${line} ${left}`;
      if (textWidth(prefix + candidate) <= width) {
        line = candidate;
        left = '';
      } else if (line !== '') {
        lines.push(prefix + line);
        prefix = hang;
        line = '';
      } else {
        // a character wider than the room after the indent (a narrow width) goes without the indent
        if (textWidth([...left][0]!) > width - textWidth(prefix)) prefix = '';
        const [head, tail] = splitWord(left, width - textWidth(prefix));
        lines.push(prefix + head);
        prefix = hang;
        left = tail;
      }
    }
  }
  if (line !== '') lines.push(prefix + line);
  return lines;
}

/** The line as it is when it fits, else wrapped (so text that fits keeps its spacing). */
export function fitText(text: string, width: number | undefined, first = '', rest = '  '): string[] {
  if (width === undefined || textWidth(first + text) <= width) return [first + text];
  return wrapText(text, width, first, rest);
}

/** The longest start of `word` within `room` columns (at least one character), and the rest. */
function splitWord(word: string, room: number): [string, string] {
  const chars = [...word];
  let used = 0;
  let n = 0;
  while (n < chars.length && (n === 0 || used + textWidth(chars[n]!) <= room)) {
    used += textWidth(chars[n]!);
    n += 1;
  }
  return [chars.slice(0, n).join(''), chars.slice(n).join('')];
}

type TableStyle = NonNullable<CliTable3.TableConstructorOptions['style']>;

export interface TableSpec {
  /** Column headings; a table without them is a key/value list (rows of two cells). */
  head?: string[];
  rows: string[][];
  style: Partial<TableStyle>;
  /** Fixed column widths (padding included) the table has without a width limit; null: as wide as its cells. */
  colWidths?: (number | null)[];
  /**
   * Columns whose cells may wrap between words (prose such as "why not"); in the others only the
   * headings wrap and a figure such as "17.99 GiB" or "3 x r6gd.4xlarge" stays on one line.
   * Default: every column of a key/value list, no column of a table with headings.
   */
  wrapColumns?: number[];
  /** The same rows as labelled paragraphs, for widths too narrow for any table layout. */
  narrow: () => string[];
}

/** Plain ASCII borders under a width limit: one byte per column, so every tool measures the same. */
const ASCII_CHARS: Partial<CliTable3.TableConstructorOptions['chars']> = {
  top: '-', 'top-mid': '+', 'top-left': '+', 'top-right': '+',
  bottom: '-', 'bottom-mid': '+', 'bottom-left': '+', 'bottom-right': '+',
  left: '|', 'left-mid': '+', mid: '-', 'mid-mid': '+', right: '|', 'right-mid': '+', middle: '|',
};

/**
 * The table as lines. Without a width, exactly as cli-table3 draws it. With one: as drawn when it
 * fits; else its widest columns shrunk with word wrapping, never below a column's longest word;
 * else `narrow`, word-wrapped.
 */
export function drawTable(Table: typeof CliTable3, spec: TableSpec, width?: number): string {
  if (width === undefined) {
    const table = new Table({
      ...(spec.head ? { head: spec.head } : {}),
      style: spec.style,
      ...(spec.colWidths ? { colWidths: spec.colWidths, wordWrap: true } : {}),
    });
    fill(table, spec);
    return table.toString();
  }
  const widths = fitColumns(spec, width);
  if (widths) {
    const table = new Table({ ...(spec.head ? { head: spec.head } : {}), style: spec.style, chars: ASCII_CHARS, colWidths: widths, wordWrap: true });
    fill(table, spec);
    const text = table.toString();
    if (text.split('\n').every((l) => textWidth(l) <= width)) return text;
  }
  return spec.narrow().flatMap((p) => fitText(p, width)).join('\n');
}

function fill(table: CliTable3.Table, spec: TableSpec): void {
  if (spec.head) table.push(...spec.rows);
  else table.push(...spec.rows.map(([k, v]) => ({ [k ?? '']: v ?? '' })));
}

/**
 * Column widths (padding included) that fit `width`, or undefined when none do. Starts from each
 * column's natural width and takes one column at a time from the widest column that can still
 * give some, down to the column's longest word (longest cell, for columns that keep cells whole).
 */
function fitColumns(spec: TableSpec, width: number): number[] | undefined {
  const all = spec.head ? [spec.head, ...spec.rows] : spec.rows;
  const count = Math.max(0, ...all.map((r) => r.length));
  const column = (i: number) => all.map((r) => r[i] ?? '');
  const chars = (s: string) => [...s].length;
  const longest = (cells: string[]) => Math.max(0, ...cells.map(chars));
  const wraps = new Set(spec.wrapColumns ?? (spec.head ? [] : Array.from({ length: count }, (_, i) => i)));
  const words = (cells: string[]) => cells.flatMap((c) => c.split(/\s+/));
  const minimum = Array.from({ length: count }, (_, i) => {
    const body = spec.rows.map((r) => r[i] ?? '');
    const head = spec.head ? [spec.head[i] ?? ''] : [];
    return Math.max(longest(words([...head, ...body])), wraps.has(i) ? 0 : longest(body.flatMap((c) => c.split('\n')))) + 2;
  });
  const widths = Array.from({ length: count }, (_, i) => {
    const fixed = spec.colWidths?.[i];
    const natural = Math.max(0, ...column(i).flatMap((c) => c.split('\n').map(chars))) + 2;
    return Math.max(fixed ?? natural, minimum[i]!);
  });
  // cli-table3 pads a cell by its characters; a character of more than one byte takes the rest.
  const extra = Array.from({ length: count }, (_, i) => Math.max(0, ...column(i).map((c) => textWidth(c) - chars(c))));
  const total = () => widths.reduce((s, w) => s + w, 0) + count + 1 + extra.reduce((s, e) => s + e, 0);
  while (total() > width) {
    let widest = -1;
    for (let i = 0; i < count; i++) if (widths[i]! > minimum[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) return undefined;
    widths[widest] = widths[widest]! - 1;
  }
  return widths;
}

/** A row as `first cell: heading value, heading value, ...`; empty cells are left out. */
export function labelled(head: readonly string[], cells: readonly string[]): string {
  const rest = cells.slice(1).flatMap((c, i) => (c === '' ? [] : [`${head[i + 1] ?? ''} ${c}`.trim()]));
  return `${cells[0] ?? ''}: ${rest.join(', ')}`;
}

/**
 * Text made of lines, each fitted to `width`: a line that is too wide wraps between words with
 * its own indent plus `hang` on the lines it continues on (four columns by default, for apply's
 * plan of changes, whose `~ key: old → new` lines carry long setting keys and values; two for
 * error messages). Without a width: unchanged.
 */
export function fitLines(text: string, width: number | undefined, hang = '    '): string {
  if (width === undefined) return text;
  return text
    .split('\n')
    .map((line) => {
      if (textWidth(line) <= width) return line;
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      return wrapText(line.slice(indent.length), width, indent, `${indent}${hang}`).join('\n');
    })
    .join('\n');
}
