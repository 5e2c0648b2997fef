/**
 * How a data node gets the disk it needs: the instance's own disk, a count of GCP Local SSDs,
 * or an attached volume sized to the need, with what that storage adds to the hourly price.
 */
import type { AttachedStorage, CatalogEntry } from '../data/catalogs.js';
import type { NodeMemoryData } from '../data/node-memory.js';
import type { Tier } from '../model/plan.js';
import { diskBytesFor, usableDiskBytes } from '../sizing/node-memory.js';

const GIB = 1024 ** 3;

export interface StorageChoice {
  disk_gb: number;
  disk_kind: Tier['disk_kind'];
  /** USD per node-hour the storage adds to the instance price (0 when bundled). */
  usd_per_hour: number;
  usable_disk_bytes: number;
  description: string;
  local_ssd_count?: number;
  attached?: AttachedStorage;
  /** Attached volumes: the GiB provisioned per node. */
  attached_gib?: number;
}

export type StorageResult = { ok: true; choice: StorageChoice } | { ok: false; reason: string };

/** Why an entry can never hold data, or undefined when it can (given enough nodes). */
export function dataDiskExclusion(entry: CatalogEntry, attached: AttachedStorage | undefined): string | undefined {
  if (entry.local_disk_kind === 'hdd') return 'HDD storage: the hot/content tier needs SSD (reference architecture)';
  if (entry.local_disk_kind === 'none' && !entry.local_ssd_options && !attached) {
    return 'no local disk and no attached-storage price in the catalog';
  }
  return undefined;
}

/**
 * The cheapest way to give one node at least `needBytes` below the low watermark. With
 * `allowShort` (evaluating a given tier) a fixed disk that is too small is still returned, the
 * largest option, so its shortfall can be reported instead of refused.
 */
export function chooseStorage(
  entry: CatalogEntry,
  needBytes: number,
  attached: AttachedStorage | undefined,
  hoursPerMonth: number,
  model: NodeMemoryData,
  allowShort = false,
): StorageResult {
  const excluded = dataDiskExclusion(entry, attached);
  if (excluded) return { ok: false, reason: excluded };
  if (entry.local_ssd_options) {
    const o = entry.local_ssd_options;
    const perDisk = o.disk_gib * GIB;
    const counts = [...o.allowed_counts].sort((a, b) => a - b);
    for (const count of counts) {
      const usable = usableDiskBytes(count * perDisk, model);
      if (usable >= needBytes || (allowShort && count === counts[counts.length - 1])) {
        return {
          ok: true,
          choice: {
            disk_gb: round2((count * perDisk) / 1e9),
            disk_kind: 'local-ssd',
            usd_per_hour: count * o.price_usd_per_hour_per_disk,
            usable_disk_bytes: usable,
            description: `${count} x ${o.disk_gib} GiB Local SSD`,
            local_ssd_count: count,
          },
        };
      }
    }
    const max = Math.max(...o.allowed_counts);
    return { ok: false, reason: `needs more than ${max} x ${o.disk_gib} GiB Local SSD per node` };
  }
  if (entry.local_disk_kind !== 'none') {
    const usable = usableDiskBytes(Math.round(entry.local_disk_gb * 1e9), model);
    if (usable < needBytes && !allowShort) return { ok: false, reason: `${entry.local_disk_gb} GB of disk per node is too little` };
    return {
      ok: true,
      choice: {
        disk_gb: entry.local_disk_gb,
        disk_kind: entry.local_disk_kind === 'nvme' ? 'local-nvme' : entry.local_disk_kind === 'ssd' ? 'local-ssd' : 'attached',
        usd_per_hour: 0,
        usable_disk_bytes: usable,
        description: entry.local_disk_kind === 'network-ssd' ? 'bundled network SSD' : entry.local_disk_kind === 'nvme' ? `${entry.local_disk_gb} GB local NVMe` : `${entry.local_disk_gb} GB local SSD`,
      },
    };
  }
  if (!attached) return { ok: false, reason: 'no disk' };
  // Volumes are provisioned in whole GiB; at least 1.
  const gib = Math.max(1, Math.ceil(diskBytesFor(needBytes, model) / GIB));
  return {
    ok: true,
    choice: {
      disk_gb: round2((gib * GIB) / 1e9),
      disk_kind: 'attached',
      usd_per_hour: (gib * attached.price_usd_per_gib_month) / hoursPerMonth,
      usable_disk_bytes: usableDiskBytes(gib * GIB, model),
      description: `${gib} GiB ${attached.product} volume`,
      attached,
      attached_gib: gib,
    },
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
