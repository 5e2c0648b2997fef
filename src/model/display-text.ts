/**
 * Text that came from the user, made safe to echo in a one-line message: control characters
 * (newlines, terminal escape sequences) are escaped so a hostile key or path cannot forge output
 * lines or restyle the terminal, and long text is cut so a 1 MB value cannot flood stderr.
 */

// C0 and C1 control characters, DEL, and the Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A path, key or name: printed bare when harmless, JSON-quoted when it has control characters. */
export function displayText(text: string, maxChars = 200): string {
  const cut = truncate(text, maxChars);
  return CONTROL.test(cut) ? JSON.stringify(cut) : cut;
}

/** A value the user wrote, as it reads in a message: strings quoted, everything cut short. */
export function displayValue(value: unknown, maxChars = 60): string {
  if (typeof value === 'string') return JSON.stringify(truncate(value, maxChars));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined) return 'nothing';
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  return truncate(json ?? String(value), maxChars);
}

function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}… (${text.length} characters)`;
}
