/**
 * The sanitiser for cluster-supplied (and other untrusted) text: what it escapes, how it cuts,
 * and two properties over arbitrary strings: nothing a terminal acts on survives, and a second
 * pass changes nothing. Expected forms are written by hand from the escape rules in sanitise.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayText, displayValue } from '../../src/model/display-text.js';
import { escapeUnsafe, guardOutput, nameList, safeJson, sanitise } from '../../src/model/sanitise.js';

/** Independent of the module: every code point in the categories a terminal acts on, by hand. */
function isDangerous(cp: number): boolean {
  if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f)) return true; // C0, DEL, C1
  if (cp >= 0x202a && cp <= 0x202e) return true; // bidi embeddings and overrides
  if (cp >= 0x2066 && cp <= 0x2069) return true; // bidi isolates
  if (cp === 0x200e || cp === 0x200f || cp === 0x061c) return true; // LRM, RLM, ALM
  if (cp >= 0x200b && cp <= 0x200d) return true; // zero-width space, non-joiner, joiner
  if (cp === 0x2060 || cp === 0xfeff || cp === 0x00ad) return true; // word joiner, BOM, soft hyphen
  if (cp === 0x2028 || cp === 0x2029) return true; // line and paragraph separators
  if (cp >= 0xd800 && cp <= 0xdfff) return true; // lone surrogates
  return false;
}
const dangerousIn = (s: string) => Array.from(s).filter((c) => isDangerous(c.codePointAt(0) as number));

// Strings rich in the characters that matter, mixed with ordinary and astral text.
const nasty = fc.constantFrom('\u001b', '\u0007', '\r', '\n', '\b', '\u007f', '\u009b', '\u202e', '\u2066', '\u200b', '\ufeff', '\ud800', '\udc00', '\\', 'a', 'é', '日', '😀', '\u{e0041}');
const hostileString = fc.oneof(fc.string({ unit: fc.oneof(nasty, fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })), maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 80 }));

describe('sanitise', () => {
  it('shows terminal escapes, BEL, CR and bidi overrides as visible escapes', () => {
    // ESC [ 2 J clears the screen; ESC ] 8 ; ; URL ESC \ opens a hyperlink; BEL ends an OSC too.
    expect(sanitise('prod\u001b[2J')).toBe('prod\\u001b[2J');
    expect(sanitise('\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007')).toBe('\\u001b]8;;https://evil.example\\u0007click\\u001b]8;;\\u0007');
    expect(sanitise('ok\rforged')).toBe('ok\\rforged');
    expect(sanitise('line\nnext')).toBe('line\\nnext');
    expect(sanitise('abc\u202edcba')).toBe('abc\\u202edcba');
    expect(sanitise('\u2066x\u2069')).toBe('\\u2066x\\u2069');
    expect(sanitise('zero\u200bwidth')).toBe('zero\\u200bwidth');
    expect(sanitise('C1 CSI \u009b2J')).toBe('C1 CSI \\u009b2J');
    expect(sanitise('bs\b del\u007f')).toBe('bs\\b del\\u007f');
    // Outside the BMP: a surrogate pair, the escape JSON accepts too (\u{...} made --json output unparsable).
    expect(sanitise('tag\u{e0041}')).toBe('tag\\udb40\\udc41');
    expect(sanitise('us-east-1a, é, 日本, 😀')).toBe('us-east-1a, é, 日本, 😀');
  });

  it('cuts long text to the cap, saying how long it was, without splitting an escape', () => {
    const cut = sanitise('n'.repeat(1000), 50);
    // "…(1000 chars)" is 13 code points, so 50 − 13 = 37 characters of the text are kept.
    expect(cut).toBe(`${'n'.repeat(37)}…(1000 chars)`);
    expect(Array.from(cut)).toHaveLength(50);
    // 30 ESC characters escape to 6 code points each (180 in all); "…(180 chars)" is 12, leaving 38:
    // 6 whole escapes (36), as a 7th would not fit.
    expect(sanitise('\u001b'.repeat(30), 50)).toBe(`${'\\u001b'.repeat(6)}…(180 chars)`);
    expect(sanitise('x'.repeat(300))).toBe('x'.repeat(300));
    expect(sanitise('x'.repeat(301))).toMatch(/^x{288}…\(301 chars\)$/);
  });

  it('property: the output never holds a control, bidi or format character, and a second pass changes nothing', () => {
    fc.assert(
      fc.property(hostileString, fc.integer({ min: 1, max: 500 }), (s, cap) => {
        const once = sanitise(s, cap);
        expect(dangerousIn(once)).toEqual([]);
        expect(sanitise(once, cap)).toBe(once);
        expect(Array.from(once).length).toBeLessThanOrEqual(Math.max(cap, 32));
      }),
      { seed: 20261203, numRuns: 400 },
    );
  });

  it('property: escaping alone loses nothing visible: removing the escapes of a safe string is the identity', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '-', 'é', '日', '\\', 'u') }), (s) => {
        expect(escapeUnsafe(s)).toBe(s);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('safeJson', () => {
  it('parses back to the same value, with no raw control or bidi character in the text', () => {
    fc.assert(
      fc.property(fc.dictionary(hostileString, hostileString, { maxKeys: 4 }), (doc) => {
        const text = safeJson(doc, 2);
        // Layout newlines and spaces of the indentation are the only C0 characters allowed.
        expect(dangerousIn(text).filter((c) => c !== '\n')).toEqual([]);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(doc)));
      }),
      { seed: 42, numRuns: 200 },
    );
    expect(safeJson({ name: 'a\u202eb\u{e0041}' })).toBe('{"name":"a\\u202eb\\udb40\\udc41"}');
  });
});

describe('displayText and displayValue (user text in messages) use the same escapes', () => {
  it('escape bidi overrides and C1 controls, which JSON.stringify leaves raw', () => {
    expect(displayText('evil\u202etxt.yaml')).toBe('"evil\\u202etxt.yaml"');
    expect(displayText('a\u009bb')).toBe('"a\\u009bb"');
    expect(displayValue('x\u2066y')).toBe('"x\\u2066y"');
  });
});

describe('guardOutput (the last guard in the CLI writers)', () => {
  it('keeps newlines, and esplan\'s own SGR colours only when colour is on; escapes everything else', () => {
    const block = '\u001b[32m+ ok\u001b[0m\nname\r\u001b[2J\u202e\n';
    expect(guardOutput(block, true)).toBe('\u001b[32m+ ok\u001b[0m\nname\\r\\u001b[2J\\u202e\n');
    expect(guardOutput(block, false)).toBe('\\u001b[32m+ ok\\u001b[0m\nname\\r\\u001b[2J\\u202e\n');
  });

  it('nameList shows ten names at most, then how many more', () => {
    const names = Array.from({ length: 12 }, (_, i) => `n${i}`);
    expect(nameList(names)).toBe('n0, n1, n2, n3, n4, n5, n6, n7, n8, n9 and 2 more');
    expect(nameList(['a\u0007'])).toBe('a\\u0007');
  });
});
