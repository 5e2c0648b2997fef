/**
 * Text that came from the user, made safe to echo in a one-line message: control characters
 * (newlines, terminal escape sequences) are escaped so a hostile key or path cannot forge output
 * lines or restyle the terminal, and long text is cut so a 1 MB value cannot flood stderr.
 */

import { escapeUnsafe, hasUnsafeChars } from './sanitise.js';

/**
 * A path, key or name: printed bare when harmless, JSON-quoted when it has characters a terminal
 * would act on (controls, bidi overrides, zero-width and other format characters: see sanitise.ts,
 * whose escapes JSON.stringify's own are completed with).
 */
export function displayText(text: string, maxChars = 200): string {
  const cut = truncate(text, maxChars);
  return hasUnsafeChars(cut) ? escapeUnsafe(JSON.stringify(cut)) : cut;
}

/** A value the user wrote, as it reads in a message: strings quoted, everything cut short. */
export function displayValue(value: unknown, maxChars = 60): string {
  if (typeof value === 'string') return escapeUnsafe(JSON.stringify(truncate(value, maxChars)));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined) return 'nothing';
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  return escapeUnsafe(truncate(json ?? String(value), maxChars));
}

function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}… (${text.length} characters)`;
}
