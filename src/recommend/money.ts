/** Money as plan messages show it. */

/** US dollars with cents and thousands separators, as every message of a plan writes them. */
export function usd(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
