/**
 * The HCL writer (src/cli/render/hcl.ts) against the tests' own reader (test/helpers/hcl-reader.ts):
 * any text, key or JSON value written comes back as it was, and no string ever holds a live
 * template sequence.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribute, block, jsonencode, quote, renderHcl, type HclValue } from '../../src/cli/render/hcl.js';
import { jsonencoded, readHcl } from '../helpers/hcl-reader.js';

const SEED = 20261204;

/** Text rich in what HCL treats specially: quotes, backslashes, template introducers, controls, line separators. */
const tricky = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('"', '\\', '$', '%', '{', '}', '\n', '\r', '\t', '\u0000', '\u001b', '\u007f', '\u2028', '\u2029', 'a', ' ', '#', '=') },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  ),
  maxLength: 40,
});

const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    tricky,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(tricky, fc.constantFrom('true', 'null', 'index', 'a-b', '_x', '9lives', '__proto__')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('HCL writer round trip', () => {
  it('a quoted string reads back as the same text', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const doc = readHcl(renderHcl([attribute('v', text)]));
        expect(doc.attributes.v).toBe(text);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('a JSON value inside jsonencode reads back equal, keys and all', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const text = renderHcl([block('resource', ['t', 'n'], [attribute('body', jsonencode(value as HclValue))])]);
        const doc = readHcl(text);
        const body = doc.blocks[0]?.attributes.body;
        expect(JSON.stringify(jsonencoded(body))).toBe(JSON.stringify(value));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('labels hold any text', () => {
    fc.assert(
      fc.property(tricky, tricky, (a, b) => {
        const doc = readHcl(renderHcl([block('resource', [a, b], [])]));
        expect(doc.blocks[0]?.labels).toEqual([a, b]);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('HCL writer', () => {
  it('doubles template introducers and escapes what a quoted string cannot hold (by hand)', () => {
    expect(quote('${var.x}')).toBe('"$${var.x}"');
    expect(quote('%{if a}')).toBe('"%%{if a}"');
    expect(quote('$ {not} % {not}')).toBe('"$ {not} % {not}"');
    expect(quote('a"b\\c\nd\te\u0001')).toBe('"a\\"b\\\\c\\nd\\te\\u0001"');
  });

  it('writes keys bare only when HCL would read them as the same name', () => {
    const text = renderHcl([attribute('x', jsonencode({ index: 1, 'a-b': 2, true: 3, 'cluster.routing': 4, '9': 5 }))]);
    expect(text).toContain('\n  index             = 1');
    expect(text).toContain('\n  a-b               = 2');
    expect(text).toContain('\n  "true"            = 3');
    expect(text).toContain('\n  "cluster.routing" = 4');
    expect(text).toContain('\n  "9"               = 5');
  });

  it('refuses what it cannot write: a non-identifier attribute or block type, a number HCL has not', () => {
    expect(() => renderHcl([attribute('not valid', 1)])).toThrow(/not an identifier/);
    expect(() => renderHcl([block('a.b', [], [])])).toThrow(/not an identifier/);
    expect(() => renderHcl([attribute('n', Number.POSITIVE_INFINITY)])).toThrow(/cannot hold/);
  });
});
