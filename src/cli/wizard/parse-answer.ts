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
