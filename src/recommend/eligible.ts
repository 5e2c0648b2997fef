/** Which catalog entries a role may use: the role's families, or the workload's own list for data nodes. */
import { roleMinimum, type CatalogEntry, type NodeFloor, type RolesData } from '../data/catalogs.js';
import { didYouMean } from '../model/did-you-mean.js';
import type { Role } from '../model/plan.js';
import { UserError } from '../model/problems.js';
import type { Workload } from '../model/workload.js';

/** A family name matches itself and, case-insensitively, the series it names (GCP "n2d" → n2d-highmem, …). */
export function familyMatches(family: string, wanted: string): boolean {
  const f = family.toLowerCase();
  const w = wanted.toLowerCase();
  return f === w || f.startsWith(`${w}-`);
}

export function roleFamilies(workload: Workload, roles: RolesData, role: Role): readonly string[] {
  const provider = workload.deployment.provider;
  if (role === 'data' && workload.deployment.instance_families) return workload.deployment.instance_families;
  return roles.providers[provider][role];
}

/**
 * Elastic Cloud entries belong to one cloud (aws, azure, gcp). An ECH region id such as
 * "gcp-us-central1" names it; without one, every cloud is considered for the data tier.
 */
export function echCloudOf(region: string | undefined): 'aws' | 'azure' | 'gcp' | undefined {
  const m = /^(aws|azure|gcp)-/.exec(region ?? '');
  return m ? (m[1] as 'aws' | 'azure' | 'gcp') : undefined;
}

export function eligibleEntries(
  entries: readonly CatalogEntry[],
  workload: Workload,
  roles: RolesData,
  role: Role,
  echCloud?: string,
): CatalogEntry[] {
  const families = roleFamilies(workload, roles, role);
  const cloud = echCloud ?? echCloudOf(workload.deployment.region);
  const picked = entries.filter(
    (e) => families.some((f) => familyMatches(e.family, f)) && (cloud === undefined || !e.elastic_cloud || e.elastic_cloud.ech_cloud === cloud),
  );
  if (picked.length === 0 && role === 'data' && workload.deployment.instance_families) {
    const known = [...new Set(entries.map((e) => e.family))].sort();
    const unknown = workload.deployment.instance_families.filter((f) => !entries.some((e) => familyMatches(e.family, f)));
    throw new UserError(
      unknown.map((f) => {
        const guess = didYouMean(f, known);
        return {
          path: 'deployment.instance_families',
          message: `"${f}" is not a family in the ${workload.deployment.provider} catalog`,
          fix: guess ? `did you mean ${guess}?` : `known families: ${known.join(', ')}`,
        };
      }),
    );
  }
  return picked;
}

/**
 * The per-node floor data nodes must meet: the reference architecture's hot/content lower bounds
 * under deployment.node_sizing: reference, none under fit.
 */
export function dataNodeFloor(workload: Workload, roles: RolesData): NodeFloor | undefined {
  if (workload.deployment.node_sizing !== 'reference') return undefined;
  return roleMinimum(roles, workload.deployment.provider, 'data').reference_floor;
}

export function meetsFloor(entry: CatalogEntry, floor: NodeFloor): boolean {
  return entry.vcpu >= floor.vcpu && entry.memory_gib >= floor.memory_gib;
}

/** "16 vCPU / 64 GiB RAM", or only the RAM when the floor sets no vCPU (Elastic Cloud). */
export function floorText(floor: NodeFloor): string {
  return floor.vcpu > 0 ? `${floor.vcpu} vCPU / ${floor.memory_gib} GiB RAM` : `${floor.memory_gib} GiB RAM`;
}

/** Why an entry below the floor is not considered, naming the opt-out. */
export function belowFloorReason(floor: NodeFloor): string {
  return `below the reference architecture's data-node floor of ${floorText(floor)} (deployment.node_sizing: fit allows smaller nodes)`;
}
