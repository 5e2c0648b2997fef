import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate, ExprError, parseExpr, renderExpr, variablesOf } from '../../src/sizing/expr.js';

const ev = (src: string, inputs: Record<string, number> = {}) => evaluate(parseExpr(src), inputs);

describe('expression language', () => {
  it('follows arithmetic precedence and left associativity', () => {
    expect(ev('2 + 3 * 4')).toBe(14);
    expect(ev('(2 + 3) * 4')).toBe(20);
    expect(ev('10 - 4 - 3')).toBe(3);
    expect(ev('64 / 4 / 2')).toBe(8);
    expect(ev('-2 * -3')).toBe(6);
    expect(ev('1e3 + 0.5')).toBe(1000.5);
  });

  it('evaluates the functions formulas use', () => {
    expect(ev('ceil(1024 / 64) * 8 + 14')).toBe(142);
    expect(ev('ceil(385 / 64)')).toBe(7);
    expect(ev('floor(2.9)')).toBe(2);
    expect(ev('round(2.5)')).toBe(3);
    expect(ev('min(3, 1, 2)')).toBe(1);
    expect(ev('max(3, 1, 2)')).toBe(3);
    expect(ev('log2(1024)')).toBe(10);
    expect(ev('pow(2, 10)')).toBe(1024);
    expect(ev('exp(0)')).toBe(1);
  });

  it('reads named inputs', () => {
    expect(ev('dims + 16', { dims: 1024 })).toBe(1040);
    expect(variablesOf(parseExpr('ceil(vectors / cluster_size) + vectors'))).toEqual(['vectors', 'cluster_size']);
  });

  it('rejects anything outside the language', () => {
    for (const bad of ['2 +', 'foo(1)', '2 ** 3', 'a; b', 'process.exit()', 'min(1)', 'pow(1)', '(1 + 2', '1 2', '"x"']) {
      expect(() => parseExpr(bad), bad).toThrow(ExprError);
    }
  });

  it('fails loudly on missing inputs, division by zero and non-finite results', () => {
    expect(() => ev('dims + 1')).toThrow(/dims/);
    expect(() => ev('1 / (a - a)', { a: 3 })).toThrow(/division by zero/);
    expect(() => ev('log2(0)')).toThrow(/not finite/);
  });

  it('renders with inputs substituted', () => {
    const e = parseExpr('ceil(dims / 2) + 16');
    expect(renderExpr(e)).toBe('ceil(dims / 2) + 16');
    expect(renderExpr(e, { dims: 1024 })).toBe('ceil(1024 / 2) + 16');
    expect(renderExpr(parseExpr('a - (b - c)'))).toBe('a - (b - c)');
    expect(renderExpr(parseExpr('(a + b) * c'))).toBe('(a + b) * c');
  });

  it('renders expressions that parse back to the same value', () => {
    const leaf = fc.oneof(fc.integer({ min: 1, max: 50 }).map(String), fc.constantFrom('x', 'y'));
    const tree = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc.tuple(fc.constantFrom('ceil', 'floor'), tie('e')).map(([f, a]) => `${f}(${a})`),
        fc.tuple(tie('e'), tie('e')).map(([a, b]) => `max(${a}, ${b})`),
      ),
    })).e;
    fc.assert(
      fc.property(tree, fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), (src, x, y) => {
        const parsed = parseExpr(src);
        let expected: number;
        try {
          expected = evaluate(parsed, { x, y });
        } catch {
          return; // division by zero: nothing to compare
        }
        expect(evaluate(parseExpr(renderExpr(parsed)), { x, y })).toBe(expected);
      }),
      { seed: 20261104 },
    );
  });
});
