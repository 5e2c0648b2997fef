/**
 * Typed answers to numbers, forgiving about how people write them (20M, 1,000,000, 3%).
 * Text that is not a number comes back unchanged so the workload schema can reject it with the
 * same message a workload file would get.
 */

const MULTIPLIERS: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9, g: 1e9 };
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([kmbg]?)$/i;

/** `20M` → 20000000, `6k` → 6000, `1,000,000` → 1000000; anything else is returned as typed. */
export function parseQuantity(text: string): number | string {
  const compact = text.trim().replace(/(?<=\d)[,_ ](?=\d)/g, '');
  const m = QUANTITY.exec(compact);
  if (!m) return text.trim();
  const multiplier = MULTIPLIERS[(m[2] ?? '').toLowerCase()] ?? 1;
  if (multiplier === 1) return Number(m[1]);
  // toPrecision drops float noise such as 2.3 * 1e6 = 2299999.9999999995.
  return Number((Number(m[1]) * multiplier).toPrecision(15));
}

/** `3%` → 0.03, `0.03` → 0.03. */
export function parseFraction(text: string): number | string {
  const t = text.trim();
  if (t.endsWith('%')) {
    const n = parseQuantity(t.slice(0, -1));
    return typeof n === 'number' ? Number((n / 100).toPrecision(15)) : t;
  }
  return parseQuantity(t);
}

/** Blank or `none` means "not set" (Enter alone takes the suggested value, so `none` clears one). */
export function isNone(text: string): boolean {
  return /^(|none|-)$/i.test(text.trim());
}

export function parseOptionalQuantity(text: string): number | string | undefined {
  return isNone(text) ? undefined : parseQuantity(text);
}

export function formatQuantity(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(12))}%`;
}

/** One `name:size` entry of a field list answer; `unit` says whether the size was given in bytes. */
export interface SizedName {
  field: string;
  size: number;
  unit: 'words' | 'bytes';
}

const SIZED_NAME = /^([^:\s]+)\s*:\s*(.+?)\s*(bytes?|b)?$/i;

/**
 * `title:12, body:800` → [{field: title, size: 12, unit: words}, ...]; `body:6k bytes` gives bytes
 * (when `bytes` is allowed). Blank or `none` is the empty list. An entry it cannot read comes back
 * as a message naming the entry and the form to use, prefixed by `key`.
 */
export function parseSizedNames(text: string, key: string, example: string, bytes = false): SizedName[] | string {
  if (isNone(text)) return [];
  const out: SizedName[] = [];
  // Commas inside numbers (1,000) would split an entry; a comma followed by a digit belongs to the number.
  for (const entry of text.split(/,(?!\d{3}(?:\D|$))/).map((e) => e.trim())) {
    if (entry === '') continue;
    const m = SIZED_NAME.exec(entry);
    const size = m ? parseQuantity(m[2] as string) : undefined;
    if (!m || typeof size !== 'number') {
      const form = bytes ? 'name:words or name:bytes (e.g. body:6k bytes)' : 'name:words';
      return `${key}: ${JSON.stringify(entry)} is not ${form}; write e.g. ${example}, or none`;
    }
    if (m[3] && !bytes) return `${key}: ${JSON.stringify(entry)} gives bytes; this list takes words per document, e.g. ${example}`;
    out.push({ field: m[1] as string, size, unit: m[3] ? 'bytes' : 'words' });
  }
  return out;
}

/** The list answer that reads back as `entries` (the default shown for a list question). */
export function formatSizedNames(entries: readonly SizedName[]): string {
  if (entries.length === 0) return 'none';
  return entries.map((e) => `${e.field}:${formatQuantity(e.size).replace(/,/g, '')}${e.unit === 'bytes' ? ' bytes' : ''}`).join(', ');
}

/** `keyword, shingles` → ['keyword', 'shingles']; blank or `none` is the empty list. */
export function parseNameList(text: string): string[] {
  if (isNone(text)) return [];
  return text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
