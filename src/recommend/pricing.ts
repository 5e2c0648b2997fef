/** Price dates and price warnings of a plan: which prices it used, how old, for which region. */
import type { CatalogEntry } from '../data/catalogs.js';
import type { Tier, Warning } from '../model/plan.js';
import type { Workload } from '../model/workload.js';
import type { DataFit } from './data-tier.js';

export function priceDates(chosen: DataFit, used: readonly CatalogEntry[]): (string | null)[] {
  const dates: (string | null)[] = used.map((e) => e.price_date);
  if (chosen.storage.attached) dates.push(chosen.storage.attached.price_date);
  if (chosen.storage.local_ssd_count !== undefined) dates.push(chosen.entry.local_ssd_options?.price_date ?? null);
  return dates;
}

export function oldestDate(dates: readonly (string | null)[]): string | null {
  const known = dates.filter((d): d is string => d !== null).sort();
  return known[0] ?? null;
}

export function priceWarnings(workload: Workload, tiers: readonly Tier[], used: readonly CatalogEntry[], provider: string): Warning[] {
  const out: Warning[] = [];
  if (tiers.some((t) => t.monthly_usd === null)) {
    out.push({
      code: 'COST_UNKNOWN',
      message:
        provider === 'elastic-cloud'
          ? 'Elastic Cloud publishes no per-configuration prices we can cite: set deployment.price_usd_per_gb_ram_hour to your price to get a cost'
          : `the ${provider} catalog has no price for ${[...new Set(tiers.filter((t) => t.monthly_usd === null).map((t) => t.instance_type))].join(', ')}: give prices with --catalog`,
    });
  }
  const region = workload.deployment.region;
  const regions = [...new Set(used.map((e) => e.region))];
  if (region && provider !== 'elastic-cloud' && provider !== 'physical' && !regions.includes(region)) {
    out.push({
      code: 'PRICE_REGION_DIFFERS',
      message: `prices are for ${regions.join(', ')}, not ${region}; give regional prices with --catalog`,
    });
  }
  const low = used.find((e) => e.elastic_cloud?.confidence.startsWith('low'));
  if (low) {
    out.push({ code: 'LOW_CONFIDENCE_CATALOG', message: `${low.family} comes from a third-party extraction of Elastic's pages (low confidence); check it in the Elastic Cloud console` });
  }
  return out;
}
