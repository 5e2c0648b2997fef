import { createRequire } from 'node:module';
import type CliTable3 from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { outputColumns } from '../../src/cli/io.js';
import { drawTable, fitText, textWidth, wrapText, type TableSpec } from '../../src/cli/render/fit.js';

const Table = createRequire(import.meta.url)('cli-table3') as typeof CliTable3;
const plain = { head: [], border: [], compact: true };

describe('outputColumns', () => {
  it("is stdout's width at a terminal, before COLUMNS", () => {
    expect(outputColumns({ isTTY: true, columns: 132 }, { COLUMNS: '80' })).toBe(132);
  });

  it('is COLUMNS when stdout is not a terminal, or a terminal that reports no width', () => {
    expect(outputColumns({ isTTY: false }, { COLUMNS: '80' })).toBe(80);
    expect(outputColumns({}, { COLUMNS: ' 72 ' })).toBe(72);
    expect(outputColumns({ isTTY: true, columns: 0 }, { COLUMNS: '100' })).toBe(100);
  });

  it('is undefined (no limit) without COLUMNS or with one that is not a positive whole number', () => {
    expect(outputColumns({}, {})).toBeUndefined();
    for (const bad of ['', '0', '-1', '80.5', 'abc', '1e2', '99999999999999999999']) expect(outputColumns({}, { COLUMNS: bad }), bad).toBeUndefined();
  });
});

describe('textWidth', () => {
  it('counts UTF-8 bytes of the visible text: colour codes take none, an en dash or a box character three', () => {
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('\u001b[1mab\u001b[22m')).toBe(2);
    expect(textWidth('a–b')).toBe(5);
    expect(textWidth('│')).toBe(3);
  });
});

describe('wrapText', () => {
  it('breaks between words and indents the following lines', () => {
    // "alpha beta" is 10 columns; "alpha beta gamma" 16 > 11
    expect(wrapText('alpha beta gamma', 11)).toEqual(['alpha beta', '  gamma']);
  });

  it('starts the first line with a bullet and hangs the rest under its text', () => {
    // "- one two" 9 <= 10; "  three four" 12 > 10
    expect(wrapText('one two three four', 10, '- ')).toEqual(['- one two', '  three', '  four']);
  });

  it('splits only a word longer than a whole line', () => {
    // 5 columns on the first line, 3 after the two-space indent
    expect(wrapText('abcdefghijkl xy', 5)).toEqual(['abcde', '  fgh', '  ijk', '  l', '  xy']);
  });

  it('measures an en dash as its three bytes', () => {
    // "a–b" is 5 bytes and fits 5; "a–b c" is 7
    expect(wrapText('a–b c', 5)).toEqual(['a–b', '  c']);
  });

  it('keeps every character: only whitespace changes', () => {
    const text = 'a fairly long sentence with a veryveryverylongwordthatcannotfit and some more words';
    for (const width of [5, 8, 13, 20, 40]) {
      const lines = wrapText(text, width, '- ');
      for (const l of lines) expect(textWidth(l), `${width}: ${l}`).toBeLessThanOrEqual(width);
      expect(lines.join('').replace(/[\s-]/g, '')).toBe(text.replace(/[\s-]/g, ''));
    }
  });
});

describe('fitText', () => {
  it('leaves a line that fits as it is, spacing included', () => {
    expect(fitText('id  [formula]', 20)).toEqual(['id  [formula]']);
    expect(fitText('id  [formula]', undefined, '    ')).toEqual(['    id  [formula]']);
  });
});

describe('drawTable', () => {
  const why = 'costs $1,463.89 more per month | for the same fit';
  const spec: TableSpec = {
    head: ['instance type', 'nodes', 'monthly', 'why not'],
    rows: [['c8gd.8xlarge', '6', '$5,500.50', why]],
    style: plain,
    colWidths: [null, null, null, 60],
    wrapColumns: [3],
    narrow: () => [`c8gd.8xlarge: 6 nodes, $5,500.50 monthly; why not: ${why}`],
  };

  it('without a width draws exactly what cli-table3 draws', () => {
    const direct = new Table({ head: spec.head!, style: plain, colWidths: [null, null, null, 60], wordWrap: true });
    direct.push(...spec.rows);
    expect(drawTable(Table, spec, undefined)).toBe(direct.toString());
  });

  it('shrinks the widest column with word wrapping, in ASCII, when that fits', () => {
    // columns with padding: 15 ("instance type"), 7 ("nodes"), 11 ("$5,500.50"), 60 fixed: 93 + 5 borders = 98 > 80.
    // "why not" is the widest and shrinks to 80 - 5 - 15 - 7 - 11 = 42, 40 of text: "costs $1,463.89 more per
    // month | for the" is exactly 40, "same fit" goes to the next line.
    const rule = `+${'-'.repeat(15)}+${'-'.repeat(7)}+${'-'.repeat(11)}+${'-'.repeat(42)}+`;
    expect(drawTable(Table, spec, 80).split('\n')).toEqual([
      rule,
      `| instance type | nodes | monthly   | ${'why not'.padEnd(40)} |`,
      rule,
      '| c8gd.8xlarge  | 6     | $5,500.50 | costs $1,463.89 more per month | for the |',
      `|               |       |           | ${'same fit'.padEnd(40)} |`,
      rule,
    ]);
  });

  it('draws the narrow layout, wrapped, when no column layout fits', () => {
    // the floor is each column's longest word: 14 + 7 + 11 + 11 + 5 borders = 48 > 30
    const lines = drawTable(Table, spec, 30).split('\n');
    expect(lines).toEqual(wrapText(`c8gd.8xlarge: 6 nodes, $5,500.50 monthly; why not: ${why}`, 30));
    expect(lines[0]).toBe('c8gd.8xlarge: 6 nodes,');
  });

  it('keeps a figure column whole: only its heading wraps', () => {
    const figures: TableSpec = { head: ['vector RAM (all copies)', 'n'], rows: [['876.03 GiB', '6']], style: plain, narrow: () => ['x'] };
    // "876.03 GiB" needs 12 with padding, "n" 3: 12 + 3 + 3 borders = 18
    const lines = drawTable(Table, figures, 18).split('\n');
    expect(lines).toContain('| 876.03 GiB | 6 |');
    expect(drawTable(Table, figures, 17)).toBe('x');
  });

  it('wraps the cells of a key/value list, never truncating', () => {
    const kv: TableSpec = { rows: [['_source and other fields, one copy', '191.21 GiB']], style: plain, narrow: () => ['x'] };
    const text = drawTable(Table, kv, 30);
    for (const l of text.split('\n')) expect(textWidth(l)).toBeLessThanOrEqual(30);
    expect(text).not.toContain('…');
    expect(text).toContain('191.21 GiB');
  });
});
