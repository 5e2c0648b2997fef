/**
 * Instance-type catalogs (catalogs/<provider>.json) and role preferences (catalogs/roles.json).
 * Each provider file is read only when that provider is asked for, validated, and deep-frozen.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { PROVIDERS, type Provider } from '../model/workload.js';
import { ROLES } from '../model/plan.js';
import { catalogsDir } from './paths.js';
import { deepFreeze, readDataFile } from './read-data-file.js';

const source = z.string().min(10, { error: 'must name where the figure comes from (URL, document or repository path)' });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date such as 2026-07-20' });

export const DISK_KINDS = ['nvme', 'ssd', 'hdd', 'network-ssd', 'none'] as const;

/** One instance type (or hardware profile) as catalogs and --catalog files give it. */
export const catalogEntrySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z-]+:[A-Za-z0-9._-]+$/, { error: 'must be provider:instance_type, e.g. aws:r6gd.4xlarge' }),
    provider: z.enum(PROVIDERS),
    family: z.string().min(1),
    instance_type: z.string().min(1),
    vcpu: z.number().positive({ error: 'must be above 0 (vCPUs)' }).max(1024),
    memory_gib: z.number().positive({ error: 'must be above 0 (GiB of RAM)' }).max(65536),
    local_disk_gb: z.number().nonnegative({ error: 'cannot be negative (decimal GB of local disk; 0 = none)' }).max(1e6),
    local_disk_kind: z.enum(DISK_KINDS),
    local_ssd_options: z
      .strictObject({
        disk_gib: z.number().positive(),
        allowed_counts: z.array(z.number().int().positive()).min(1),
        price_usd_per_hour_per_disk: z.number().nonnegative(),
        price_date: date,
        source,
      })
      .optional()
      .describe('GCP N2/N2D: Local SSD disks chosen per node from the allowed counts, priced per disk'),
    network_gbps: z.number().positive().nullable(),
    arch: z.enum(['amd64', 'arm64']),
    price_usd_per_hour: z.number().nonnegative({ error: 'cannot be negative (USD per hour)' }).nullable(),
    region: z.string().min(1),
    price_date: date.nullable(),
    source,
    notes: z.string().optional(),
    ebs_max_mbps: z.number().nullable().optional(),
    temp_disk_gib: z.number().nullable().optional(),
    tier1_network_gbps: z.number().nullable().optional(),
    elastic_cloud: z
      .strictObject({
        config: z.string(),
        ech_cloud: z.enum(['aws', 'azure', 'gcp']),
        role: z.string(),
        hardware_profile: z.string().nullable(),
        preferred_vm: z.string().nullable(),
        storage_type: z.string().nullable(),
        disk_to_ram_ratio: z.number().nullable(),
        vcpu_per_gb_ram: z.number(),
        confidence: z.string(),
      })
      .optional(),
  })
  .superRefine((e, ctx) => {
    const add = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (e.id !== `${e.provider}:${e.instance_type}`) add('id', `must be "${e.provider}:${e.instance_type}" (provider:instance_type)`);
    if (e.price_usd_per_hour !== null && e.price_date === null) add('price_date', 'is required when price_usd_per_hour is given');
    if ((e.local_disk_gb === 0) !== (e.local_disk_kind === 'none')) {
      add('local_disk_kind', 'must be "none" exactly when local_disk_gb is 0');
    }
  });
export type CatalogEntry = z.output<typeof catalogEntrySchema>;

export const attachedStorageSchema = z.strictObject({
  id: z.string(),
  provider: z.enum(PROVIDERS),
  product: z.string(),
  unit: z.string(),
  price_usd_per_gib_month: z.number().positive(),
  region: z.string(),
  price_date: date,
  source,
  notes: z.string(),
});
export type AttachedStorage = z.output<typeof attachedStorageSchema>;

const catalogFileSchema = z.strictObject({
  format_version: z.literal(1),
  provider: z.enum(PROVIDERS),
  description: z.string(),
  entries: z.array(catalogEntrySchema).min(1),
  attached_storage: attachedStorageSchema.optional(),
  storage_prices: z
    .array(
      z.strictObject({
        product: z.string(),
        unit: z.string(),
        price_usd: z.number().nonnegative(),
        region: z.string(),
        price_date: date.nullable(),
        source,
        notes: z.string(),
      }),
    )
    .optional(),
});
export type Catalog = z.output<typeof catalogFileSchema>;

const familyList = z.array(z.string().min(1)).min(1);
const roleFamilies = z.strictObject({ data: familyList, ml: familyList, master: familyList, kibana: familyList });
const minimum = z.strictObject({
  vcpu: z.number().nonnegative(),
  memory_gib: z.number().nonnegative(),
  /** Below this the node is allowed but a warning cites the reference architecture. */
  guidance_memory_gib: z.number().positive().optional(),
  /**
   * Data nodes: the floor deployment.node_sizing: reference applies (the reference architecture's lower bounds).
   * Other roles: the size the role is held to when the provider's own minimum (vcpu, memory_gib) is below the reference.
   */
  reference_floor: z
    .strictObject({ vcpu: z.number().nonnegative(), memory_gib: z.number().nonnegative(), source: z.string().min(1), reasoning: z.string().min(1) })
    .optional(),
  /** The reference architecture's upper bounds for the role; null: no bound on that dimension. */
  reference_ceiling: z
    .strictObject({
      vcpu: z.number().positive().nullable(),
      memory_gib: z.number().positive().nullable(),
      source: z.string().min(1),
      reasoning: z.string().min(1),
    })
    .optional(),
  source: z.string(),
});
const roleMinimums = z.strictObject({ data: minimum, ml: minimum, master: minimum, kibana: minimum });
const rolesFileSchema = z.strictObject({
  format_version: z.literal(1),
  description: z.string(),
  source,
  providers: z.strictObject(Object.fromEntries(PROVIDERS.map((p) => [p, roleFamilies])) as Record<Provider, typeof roleFamilies>),
  notes: z.record(z.string(), z.string()),
  minimums: z.record(z.string(), roleMinimums),
});
export type RolesData = z.output<typeof rolesFileSchema>;
export type RoleMinimum = z.output<typeof minimum>;
export type NodeFloor = NonNullable<RoleMinimum['reference_floor']>;
export type NodeCeiling = NonNullable<RoleMinimum['reference_ceiling']>;

const cache = new Map<Provider, Catalog>();
let rolesCache: RolesData | undefined;

/** The built-in catalog of one provider; other providers' files are not read. */
export function loadCatalog(provider: Provider): Catalog {
  let c = cache.get(provider);
  if (!c) {
    c = readDataFile(join(catalogsDir, `${provider}.json`), catalogFileSchema);
    if (c.provider !== provider) throw new Error(`catalogs/${provider}.json says provider ${c.provider}`);
    cache.set(provider, c);
  }
  return c;
}

export function loadRoles(): RolesData {
  rolesCache ??= readDataFile(join(catalogsDir, 'roles.json'), rolesFileSchema);
  return rolesCache;
}

export function roleMinimum(roles: RolesData, provider: Provider, role: (typeof ROLES)[number]): RoleMinimum {
  const set = roles.minimums[provider] ?? roles.minimums.default;
  if (!set) throw new Error('catalogs/roles.json has no default minimums');
  return set[role];
}

/**
 * Entries of one provider with the user's --catalog entries applied: an entry with the same id
 * replaces the built-in one, a new id is added. Only entries of `provider` are returned.
 */
export function catalogEntries(catalog: Catalog, extra: readonly CatalogEntry[] = []): readonly CatalogEntry[] {
  const mine = extra.filter((e) => e.provider === catalog.provider);
  if (mine.length === 0) return catalog.entries;
  const byId = new Map(catalog.entries.map((e) => [e.id, e]));
  for (const e of mine) byId.set(e.id, e);
  return deepFreeze([...byId.values()]);
}

/** --catalog FILE content: `entries:` with the catalog entry schema. */
export const userCatalogSchema = z.strictObject({
  format_version: z.literal(1).optional(),
  description: z.string().optional(),
  entries: z.array(catalogEntrySchema).min(1, { error: 'must list at least one entry' }),
});
