/**
 * The one sanitiser for text esplan did not write itself (a cluster's names, template `_meta`,
 * Elasticsearch error reasons, a workload's names) before it reaches a terminal.
 *
 * A terminal obeys what it is sent: ESC starts cursor moves, screen clears and OSC 8 hyperlinks,
 * CR returns to the start of the line (so later text overwrites a line the reader trusts), BEL
 * rings, backspace and DEL erase, C1 controls (U+0080–U+009F: CSI is U+009B) act like ESC
 * sequences on some terminals, and Unicode bidi overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) reorder what is displayed, while zero-width and other format characters hide text
 * or make two names look alike. Whoever can write a template's `_meta` or name a node could
 * otherwise forge lines of the plan a reviewer types `yes` to.
 *
 * Each such character is shown as a visible escape (`\u001b`, `\u202e`, `\n`), never dropped, so
 * the reader sees that something odd is there. Backslashes are left alone: the output is for
 * reading, not for parsing back, and escaping them would make the function non-idempotent.
 */

/**
 * Characters that change what a terminal shows rather than showing themselves: every control
 * (Cc: C0, DEL, C1), format character (Cf: bidi embeddings, overrides, isolates and marks,
 * zero-width space/joiners, word joiner, BOM, soft hyphen, tag characters), line and paragraph
 * separator (Zl, Zp), lone surrogate (Cs), and the Hangul fillers that render as blank letters.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115f\u1160\u3164\uffa0]/gu;
const UNSAFE_ONE = new RegExp(UNSAFE.source, 'u');
// In JSON text the C0 controls are either escaped by JSON.stringify (inside strings) or layout
// (newlines and spaces of indentation), so only the rest needs escaping there.
const UNSAFE_IN_JSON = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/gu;

/** The default cap for one cluster-supplied string in a message: a name, a value, a reason. */
export const MAX_SHOWN_CHARS = 300;

const MIN_CAP = 32;

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

const hex4 = (n: number) => `\\u${n.toString(16).padStart(4, '0')}`;

/**
 * One character as `\uXXXX`, a character outside the BMP as its UTF-16 surrogate pair: the form
 * JSON accepts too, so the last output guard can escape inside a JSON document and keep it valid.
 */
function unicodeEscape(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  if (cp <= 0xffff) return hex4(cp);
  const high = Math.floor((cp - 0x10000) / 0x400) + 0xd800;
  const low = ((cp - 0x10000) % 0x400) + 0xdc00;
  return hex4(high) + hex4(low);
}

function escapeChar(ch: string): string {
  return SHORT[ch] ?? unicodeEscape(ch);
}

/** True when `text` holds any character the sanitiser would escape. */
export function hasUnsafeChars(text: string): boolean {
  return UNSAFE_ONE.test(text);
}

/** Every unsafe character replaced by its visible escape; nothing else changes and nothing is cut. */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * Untrusted text made safe to print on one line of a terminal: unsafe characters shown as escapes,
 * and the result cut to at most `maxChars` code points, ending in `…(N chars)` when cut (N being
 * the length of the escaped text). Idempotent, and the output never holds an unsafe character.
 */
export function sanitise(value: unknown, maxChars: number = MAX_SHOWN_CHARS): string {
  const text = typeof value === 'string' ? value : String(value);
  // Room for the longest suffix, so a cut result is never cut again (idempotence).
  maxChars = Math.max(maxChars, MIN_CAP);
  const escaped = escapeUnsafe(text);
  const points = Array.from(escaped);
  if (points.length <= maxChars) return escaped;
  const suffix = `…(${points.length} chars)`;
  const keep = Math.max(0, maxChars - Array.from(suffix).length);
  // Cut on a boundary of the escaped text, never inside one escape, so no half escape shows.
  let out = '';
  let used = 0;
  for (const piece of text.match(/[\s\S]/gu) ?? []) {
    const shown = escapeUnsafe(piece);
    const len = Array.from(shown).length;
    if (used + len > keep) break;
    out += shown;
    used += len;
  }
  return out + suffix;
}

/**
 * JSON text for a terminal or a pipe: `JSON.stringify`, with every character it leaves raw that a
 * terminal would act on (DEL, C1, bidi and other format characters, line separators) written as a
 * `\uXXXX` escape. The document still parses to exactly the same value: nothing is cut or altered.
 */
export function safeJson(value: unknown, space?: number): string {
  const text = JSON.stringify(value, null, space) ?? 'null';
  return text.replace(UNSAFE_IN_JSON, unicodeEscape);
}

/** At most `max` names, each sanitised, then how many more: a list in a message stays one short line. */
export function nameList(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).map((n) => sanitise(n, 80));
  return names.length > max ? `${shown.join(', ')} and ${names.length - max} more` : shown.join(', ');
}

// An SGR sequence (colours, bold) as esplan's own renderers write them, or one unsafe character.
const SGR_OR_UNSAFE = new RegExp(`\\u001b\\[[0-9;]*m|${UNSAFE.source}`, 'gu');

/**
 * The last guard before a terminal, for whole blocks of output esplan composed: every unsafe
 * character is escaped except the newlines between lines and, when `keepColour`, esplan's own SGR
 * colour sequences. Fields are sanitised where they are placed (see `sanitise`); this only makes
 * sure a field someone forgot cannot move the cursor, clear the screen or reorder a line.
 */
export function guardOutput(text: string, keepColour: boolean): string {
  return text.replace(SGR_OR_UNSAFE, (m) => (m === '\n' ? m : m.length > 1 && m.startsWith('\u001b[') ? (keepColour ? m : escapeUnsafe(m)) : escapeChar(m)));
}
