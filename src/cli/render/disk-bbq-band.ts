/** How people-facing renderers phrase a bbq_disk field's RAM band (ram_band, resident_fraction). */
import type { Plan, VectorSizing } from '../../model/plan.js';
import { formatBytes } from './units.js';

/** A share as people write it: 0.05 -> "5%", 0.075 -> "7.5%". */
export function formatShare(fraction: number): string {
  return `${Number((fraction * 100).toFixed(1))}%`;
}

/**
 * The posting-list shares behind ram_band's two ends, read from the plan's basis (formulas/vectors.json
 * bbq_disk.ram_band_low_fraction / _high_fraction); undefined when the basis does not carry them.
 */
export function diskBbqBandShares(plan: Pick<Plan, 'basis'>): { low: number; high: number } | undefined {
  const share = (id: string) => {
    const r = plan.basis.find((b) => b.id === id)?.result;
    return typeof r === 'number' ? r : undefined;
  };
  const low = share('bbq_disk.ram_band_low_fraction');
  const high = share('bbq_disk.ram_band_high_fraction');
  return low !== undefined && high !== undefined ? { low, high } : undefined;
}

export function diskBbqBandNote(plan: Plan, v: VectorSizing): string {
  const band = v.ram_band!;
  const shares = diskBbqBandShares(plan);
  const ends = shares
    ? `RAM ${formatBytes(band.low_bytes)} at ${formatShare(shares.low)} of posting lists resident, ${formatBytes(band.high_bytes)} at ${formatShare(shares.high)}`
    : `RAM ${formatBytes(band.low_bytes)} at the low end of the posting-list band, ${formatBytes(band.high_bytes)} at the high end`;
  let planned = '';
  if (v.resident_fraction !== undefined) {
    const fewer = shares && v.resident_fraction < shares.high ? ` (more reads from disk per query than at ${formatShare(shares.high)})` : '';
    planned = `; the plan budgets ${formatShare(v.resident_fraction)}${fewer}`;
  }
  return `${v.field} (${v.index_type}): ${ends}${planned}`;
}
