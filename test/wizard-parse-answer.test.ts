import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPercent, formatQuantity, isNone, parseFraction, parseOptionalQuantity, parseQuantity } from '../src/cli/wizard/parse-answer.js';

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
