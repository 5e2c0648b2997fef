/**
 * A tier's monthly cost as line items, so the storage share is visible beside the instances
 * (infracost's cost components): the instance, a disk bundled with it (at no extra price), GCP
 * Local SSDs, or an attached volume. Each item is priced from the same catalog figures as the
 * tier's price, and rounded to cents on its own.
 */
import type { CatalogEntry } from '../data/catalogs.js';
import type { CostItem } from '../model/plan.js';
import type { StorageChoice } from './storage-options.js';
import { cents } from './data-tier.js';

const DISK_WORDS: Record<string, string> = { nvme: 'local NVMe', ssd: 'local SSD', 'network-ssd': 'bundled network SSD', hdd: 'local HDD' };

export interface CostItemsInput {
  entry: CatalogEntry;
  /** One node's hourly instance price without storage (Elastic Cloud: RAM x the workload's price), or null when unknown. */
  instanceUsdPerHour: number | null;
  /** How the node gets its disk (data tiers); support tiers use the instance's own disk. */
  storage?: StorageChoice;
  nodes: number;
  hoursPerMonth: number;
}

export function costItems(input: CostItemsInput): CostItem[] {
  const { entry, nodes, hoursPerMonth } = input;
  const item = (component: CostItem['component'], description: string, quantity: number, unit: string, price: number | null): CostItem => ({
    component,
    description,
    quantity_per_node: quantity,
    unit,
    unit_price_usd: price,
    monthly_usd_per_node: price === null ? null : cents(price * quantity),
    monthly_usd: price === null ? null : cents(price * quantity * nodes),
  });
  const items = [item('instance', `${entry.instance_type}, on demand`, hoursPerMonth, 'hour', input.instanceUsdPerHour)];
  const s = input.storage;
  if (s?.local_ssd_count !== undefined && entry.local_ssd_options) {
    items.push(item('local_ssd', s.description, s.local_ssd_count * hoursPerMonth, 'disk-hour', entry.local_ssd_options.price_usd_per_hour_per_disk));
  } else if (s?.attached && s.attached_gib !== undefined) {
    items.push(item('attached_storage', s.description, s.attached_gib, 'GiB-month', s.attached.price_usd_per_gib_month));
  } else if (entry.local_disk_kind !== 'none') {
    // Bundled with the instance: listed so a reader sees the disk is not missing from the price.
    const own = `${entry.local_disk_gb} GB ${DISK_WORDS[entry.local_disk_kind] ?? entry.local_disk_kind}`;
    items.push(item('local_disk', `${s?.description ?? own}, included in the instance price`, entry.local_disk_gb, 'GB', 0));
  }
  return items;
}
