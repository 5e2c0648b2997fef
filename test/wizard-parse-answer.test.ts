import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPercent, formatQuantity, formatSizedNames, isNone, parseFraction, parseNameList, parseOptionalQuantity, parseQuantity, parseSizedNames } from '../src/cli/wizard/parse-answer.js';

describe('wizard answer parsing', () => {
  it('reads counts the way people type them', () => {
    expect(parseQuantity('20M')).toBe(20_000_000);
    expect(parseQuantity('2.3M')).toBe(2_300_000); // float noise (2299999.9999999995) is dropped
    expect(parseQuantity('6k')).toBe(6000);
    expect(parseQuantity('1,000,000')).toBe(1_000_000);
    expect(parseQuantity(' 42 ')).toBe(42);
    expect(parseQuantity('-5')).toBe(-5);
    expect(parseQuantity('1.5B')).toBe(1_500_000_000);
  });

  it('hands back text it cannot read, so the schema can reject it', () => {
    expect(parseQuantity('lots')).toBe('lots');
    expect(parseQuantity('')).toBe('');
    expect(parseQuantity('12 apples')).toBe('12 apples');
  });

  it('reads fractions as percentages or decimals', () => {
    expect(parseFraction('3%')).toBe(0.03);
    expect(parseFraction('95%')).toBe(0.95);
    expect(parseFraction('0.95')).toBe(0.95);
    expect(parseFraction('x%')).toBe('x%');
  });

  it('treats a blank optional answer as unset', () => {
    expect(parseOptionalQuantity('  ')).toBeUndefined();
    expect(parseOptionalQuantity('200')).toBe(200);
  });

  it('reads back every whole number it shows as a default', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => parseQuantity(formatQuantity(n)) === n), { seed: 20261101 });
  });

  it('reads back every percentage it shows as a default', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (basisPoints) => {
        const fraction = basisPoints / 10_000;
        return Math.abs((parseFraction(formatPercent(fraction)) as number) - fraction) < 1e-12;
      }),
      { seed: 20261103 },
    );
  });
});

describe('clearing an optional answer', () => {
  it('reads none, - and blank as unset, and numbers as numbers', () => {
    expect(isNone('none')).toBe(true);
    expect(isNone(' NONE ')).toBe(true);
    expect(isNone('-')).toBe(true);
    expect(isNone('')).toBe(true);
    expect(isNone('0')).toBe(false);
    expect(parseOptionalQuantity('none')).toBeUndefined();
  });
});

describe('field list answers (name:size, ...)', () => {
  it('reads names with words, the way people type sizes, and bytes where allowed', () => {
    expect(parseSizedNames('title:12, body:1.2k', 'text_fields', 'title:12')).toEqual([
      { field: 'title', size: 12, unit: 'words' },
      { field: 'body', size: 1200, unit: 'words' },
    ]);
    // A comma inside a number is the number's: 1,000 words, then a second entry.
    expect(parseSizedNames('body:1,000,title:8', 'text_fields', 'title:12')).toEqual([
      { field: 'body', size: 1000, unit: 'words' },
      { field: 'title', size: 8, unit: 'words' },
    ]);
    expect(parseSizedNames('body: 6k bytes', 'text_fields', 'title:12', true)).toEqual([{ field: 'body', size: 6000, unit: 'bytes' }]);
    expect(parseSizedNames('none', 'text_fields', 'title:12')).toEqual([]);
    expect(parseSizedNames('', 'text_fields', 'title:12')).toEqual([]);
  });

  it('names the entry it cannot read and the form to use', () => {
    expect(parseSizedNames('title, body:800', 'indices[1].text_fields', 'title:12, body:800')).toBe(
      'indices[1].text_fields: "title" is not name:words; write e.g. title:12, body:800, or none',
    );
    expect(parseSizedNames('content:lots', 'semantic_text', 'content:800')).toBe('semantic_text: "content:lots" is not name:words; write e.g. content:800, or none');
    expect(parseSizedNames('content:6k bytes', 'semantic_text', 'content:800')).toBe(
      'semantic_text: "content:6k bytes" gives bytes; this list takes words per document, e.g. content:800',
    );
  });

  it('shows a list the way it reads back', () => {
    const list = [
      { field: 'title', size: 12, unit: 'words' as const },
      { field: 'body', size: 6000, unit: 'bytes' as const },
      { field: 'notes', size: 1500, unit: 'words' as const },
    ];
    expect(formatSizedNames(list)).toBe('title:12, body:6000 bytes, notes:1500');
    expect(parseSizedNames(formatSizedNames(list), 'text_fields', 'title:12', true)).toEqual(list);
    expect(formatSizedNames([])).toBe('none');
  });

  it('reads sub-field lists separated by commas or spaces', () => {
    expect(parseNameList('keyword, shingles')).toEqual(['keyword', 'shingles']);
    expect(parseNameList('keyword search_as_you_type')).toEqual(['keyword', 'search_as_you_type']);
    expect(parseNameList('none')).toEqual([]);
  });
});
