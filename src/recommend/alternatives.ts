/** The data-tier choices that lost, each with why: cost, or the tie-margin preference that decided. */
import type { Alternative } from '../model/plan.js';
import { cents, fullestNodeHeadroom, isLocalDisk, planMonthly, type DataFit, type DataSearchResult } from './data-tier.js';
import { usd } from './money.js';

export function alternatives(search: DataSearchResult, chosen: DataFit, limit: number, tieMargin: number): Alternative[] {
  const rest = search.fits.slice(1);
  const picked: DataFit[] = rest.slice(0, limit);
  // Also the best of every other family, so each eligible family shows what it would cost.
  for (const f of rest) {
    if (f.entry.family !== chosen.entry.family && !picked.some((p) => p.entry.family === f.entry.family)) picked.push(f);
  }
  return picked.map((f) => ({
    provider: f.entry.provider,
    instance_type: f.entry.instance_type,
    nodes: f.nodes,
    monthly_usd: planMonthly(f),
    why_not: whyNot(f, chosen, tieMargin),
  }));
}

export function whyNot(f: DataFit, chosen: DataFit, tieMargin: number): string {
  const fm = planMonthly(f);
  const cm = planMonthly(chosen);
  if (fm !== null && cm !== null) {
    const tie = tieReason(f, chosen, fm, cm, tieMargin);
    if (tie) return tie;
    const more = cents(fm - cm);
    if (more > 0) {
      const pct = cm > 0 ? ` (+${((more / cm) * 100).toFixed(1)}%)` : '';
      return `plan costs $${usd(more)} more per month${pct}; ${f.nodes} data nodes, set by ${f.limited_by}`;
    }
    return `same monthly cost; ${f.nodes > chosen.nodes ? 'more nodes' : 'ranks after it by name'}`;
  }
  if (fm === null && cm !== null) return 'no price in the catalog';
  if (f.nodes !== chosen.nodes) return `needs ${f.nodes} nodes instead of ${chosen.nodes} (no prices: ranked by node count, then total RAM)`;
  return `more total RAM or disk for the same node count (${f.nodes * f.entry.memory_gib} GiB vs ${chosen.nodes * chosen.entry.memory_gib} GiB)`;
}

/**
 * When the alternative is within the tie margin of the chosen plan's cost (either way) and lost on
 * preference: which preference, in the order the search applies them.
 */
export function tieReason(f: DataFit, chosen: DataFit, fm: number, cm: number, tieMargin: number): string | undefined {
  const low = Math.min(fm, cm);
  if (Math.abs(fm - cm) > low * tieMargin) return undefined;
  const diff = cents(fm - cm);
  const cost =
    diff === 0
      ? 'same monthly cost'
      : `plan costs $${usd(Math.abs(diff))} ${diff > 0 ? 'more' : 'less'} per month (${diff > 0 ? '+' : '-'}${low > 0 ? ((Math.abs(diff) / cm) * 100).toFixed(1) : '0.0'}%)`;
  const margin = `within the ${(tieMargin * 100).toFixed(0)}% cost tie margin, where esplan prefers`;
  if (f.idle_nodes > 0 && chosen.idle_nodes === 0) return `${cost}, ${margin} no idle data nodes: ${f.idle_nodes} of its ${f.nodes} data nodes would hold no shard copy`;
  if (!isLocalDisk(f) && isLocalDisk(chosen)) return `${cost}, ${margin} local disk: it uses ${f.storage.description}, the chosen plan ${chosen.storage.description}`;
  const fh = fullestNodeHeadroom(f);
  const ch = fullestNodeHeadroom(chosen);
  if (fh < ch) return `${cost}, ${margin} more headroom: its fullest node keeps ${pct(fh)} free (disk below the low watermark or vector cache), the chosen plan's ${pct(ch)}`;
  return undefined;
}

export function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}
