/** Which catalog entries a role may use: the role's families, or the workload's own list for data nodes. */
import { roleMinimum, type CatalogEntry, type NodeCeiling, type NodeFloor, type RolesData } from '../data/catalogs.js';
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

/** The ceiling data nodes stay at or below, with the workload's own bounds applied. */
export interface DataCeiling {
  vcpu: number | null;
  memory_gib: number | null;
  source: string;
  reasoning: string;
  /** Bounds the workload set (deployment.max_data_node_vcpu, deployment.max_data_node_memory_gib). */
  from_workload: ('vcpu' | 'memory_gib')[];
}

/**
 * The reference architecture's hot/content upper bounds (catalogs/roles.json), moved by
 * deployment.max_data_node_vcpu / max_data_node_memory_gib. Under node_sizing: reference it bounds
 * the search; under fit it only decides DATA_NODE_ABOVE_GUIDANCE. A bound below the floor is refused.
 */
export function dataNodeCeiling(workload: Workload, roles: RolesData): DataCeiling | undefined {
  const ref: NodeCeiling | undefined = roleMinimum(roles, workload.deployment.provider, 'data').reference_ceiling;
  const { max_data_node_vcpu: vcpu, max_data_node_memory_gib: memory } = workload.deployment;
  if (!ref && vcpu === undefined && memory === undefined) return undefined;
  const floor = dataNodeFloor(workload, roles);
  const problems: { path: string; message: string; fix: string }[] = [];
  if (floor && vcpu !== undefined && vcpu < floor.vcpu) {
    problems.push({
      path: 'deployment.max_data_node_vcpu',
      message: `${vcpu} is below the reference architecture's data-node floor of ${floor.vcpu} vCPU, so no data node could be inside both`,
      fix: `set at least ${floor.vcpu}, or deployment.node_sizing: fit to drop the floor`,
    });
  }
  if (floor && memory !== undefined && memory < floor.memory_gib) {
    problems.push({
      path: 'deployment.max_data_node_memory_gib',
      message: `${memory} is below the reference architecture's data-node floor of ${floor.memory_gib} GiB, so no data node could be inside both`,
      fix: `set at least ${floor.memory_gib}, or deployment.node_sizing: fit to drop the floor`,
    });
  }
  if (problems.length > 0) throw new UserError(problems);
  const from: DataCeiling['from_workload'] = [];
  if (vcpu !== undefined) from.push('vcpu');
  if (memory !== undefined) from.push('memory_gib');
  return {
    vcpu: vcpu ?? ref?.vcpu ?? null,
    memory_gib: memory ?? ref?.memory_gib ?? null,
    source: [...(from.length > 0 ? ['workload deployment.max_data_node_*'] : []), ...(ref ? [`catalogs/roles.json; ${ref.source}`] : [])].join('; '),
    reasoning: ref?.reasoning ?? 'the workload sets the ceiling',
    from_workload: from,
  };
}

export function underCeiling(entry: Pick<CatalogEntry, 'vcpu' | 'memory_gib'>, ceiling: Pick<DataCeiling, 'vcpu' | 'memory_gib'>): boolean {
  return (ceiling.vcpu === null || entry.vcpu <= ceiling.vcpu) && (ceiling.memory_gib === null || entry.memory_gib <= ceiling.memory_gib);
}

/** "32 vCPU / 256 GiB RAM", leaving out unbounded dimensions. */
export function ceilingText(ceiling: Pick<DataCeiling, 'vcpu' | 'memory_gib'>): string {
  const parts = [...(ceiling.vcpu !== null ? [`${ceiling.vcpu} vCPU`] : []), ...(ceiling.memory_gib !== null ? [`${ceiling.memory_gib} GiB RAM`] : [])];
  return parts.join(' / ') || 'no bound';
}

/** "16-32 vCPU, 64-256 GiB RAM": the band as the plan applies it. */
export function bandText(floor: Pick<NodeFloor, 'vcpu' | 'memory_gib'> | undefined, ceiling: Pick<DataCeiling, 'vcpu' | 'memory_gib'> | undefined): string {
  const dim = (lo: number, hi: number | null | undefined, unit: string) =>
    hi === null || hi === undefined ? (lo > 0 ? `${lo}+ ${unit}` : '') : lo > 0 ? `${lo}-${hi} ${unit}` : `up to ${hi} ${unit}`;
  return [dim(floor?.vcpu ?? 0, ceiling?.vcpu, 'vCPU'), dim(floor?.memory_gib ?? 0, ceiling?.memory_gib, 'GiB RAM')].filter((x) => x !== '').join(', ');
}

/** Why an entry above the ceiling is not considered, naming the keys that move it. */
export function aboveCeilingReason(ceiling: DataCeiling): string {
  return `above the ${ceiling.from_workload.length > 0 ? 'workload' : "reference architecture's"} data-node ceiling of ${ceilingText(ceiling)} (deployment.max_data_node_vcpu and deployment.max_data_node_memory_gib move it; deployment.node_sizing: fit removes it)`;
}

/**
 * How far an entry lies outside a band: the sum over vCPU and RAM of |log(size / nearest bound)|,
 * 0 inside. Orders the entries the plan falls back to when nothing inside the band fits.
 */
export function bandDistance(
  entry: Pick<CatalogEntry, 'vcpu' | 'memory_gib'>,
  floor: Pick<NodeFloor, 'vcpu' | 'memory_gib'> | undefined,
  ceiling: Pick<DataCeiling, 'vcpu' | 'memory_gib'> | undefined,
): number {
  const dim = (v: number, lo: number, hi: number | null | undefined) =>
    lo > 0 && v < lo ? Math.log(lo / v) : hi !== null && hi !== undefined && v > hi ? Math.log(v / hi) : 0;
  return dim(entry.vcpu, floor?.vcpu ?? 0, ceiling?.vcpu) + dim(entry.memory_gib, floor?.memory_gib ?? 0, ceiling?.memory_gib);
}
