/**
 * Warnings about the reference band (catalogs/roles.json): data nodes outside it because nothing
 * inside holds the workload, and providers whose own sizes cannot meet the reference
 * architecture's per-node guidance (Elastic Cloud's RAM ladders).
 */
import type { Tier, Warning } from '../model/plan.js';
import type { DataFit } from './data-tier.js';
import { bandText, type DataCeiling } from './eligible.js';
import type { NodeFloor, RolesData } from '../data/catalogs.js';

export interface OutsideBandInfo {
  floor: NodeFloor | undefined;
  ceiling: DataCeiling | undefined;
  reasons: readonly string[];
}

/** No data node inside the band holds the workload: say which size was taken instead, why, and the fixes. */
export function outsideBandWarning(chosen: DataFit, outside: OutsideBandInfo): Warning {
  const e = chosen.entry;
  const above = outside.ceiling !== undefined && ((outside.ceiling.vcpu !== null && e.vcpu > outside.ceiling.vcpu) || (outside.ceiling.memory_gib !== null && e.memory_gib > outside.ceiling.memory_gib));
  const fix = above
    ? 'more primaries (index.primaries, or smaller shards) so one shard copy fits a node inside the band, more replicas when search CPU is what one copy lacks, or raise deployment.max_data_node_vcpu / deployment.max_data_node_memory_gib to accept larger nodes'
    : 'allow families with instances inside the band (deployment.instance_families) or add them with --catalog, or set deployment.node_sizing: fit';
  return {
    code: 'DATA_NODE_BAND_EXCEEDED',
    message:
      `data nodes are ${e.instance_type} (${e.vcpu} vCPU, ${e.memory_gib} GiB), outside the reference architecture's hot/content band of ${bandText(outside.floor, outside.ceiling)}: ` +
      `no eligible instance inside it holds this workload (${outside.reasons.slice(0, 2).join('; ')}), so the plan takes the nearest size outside it. Fix: ${fix}`,
  };
}

const ROLE_LABEL: Record<Tier['role'], string> = { data: 'data nodes', master: 'dedicated masters', ml: 'ML nodes', kibana: 'Kibana' };

/**
 * A provider with its own minimums (Elastic Cloud) holds every role to the reference band as far
 * as its sizes go; where the chosen node's RAM is still below the reference architecture's floor
 * (the Physical column, minimums.default), say so. vCPU is not compared: Elastic Cloud fixes it
 * per GB of RAM in each profile (catalogs/roles.json reasoning).
 */
export function providerBelowReference(provider: string, tiers: readonly Tier[], roles: RolesData, nodeSizing: 'reference' | 'fit'): Warning[] {
  const reference = roles.minimums.default;
  if (!roles.minimums[provider] || provider === 'default' || !reference) return [];
  const short: string[] = [];
  for (const t of tiers) {
    // The two-zone tiebreaker only votes: its own policy minimum applies, not the master row.
    if (t.role === 'master' && t.nodes === 1) continue;
    // Under node_sizing: fit small data nodes are the user's choice, not the provider's limit.
    if (t.role === 'data' && nodeSizing === 'fit') continue;
    const ref = reference[t.role];
    const floor = t.role === 'data' ? (ref.reference_floor ?? ref).memory_gib : ref.memory_gib;
    if (t.memory_gib < floor) short.push(`${ROLE_LABEL[t.role]} ${t.memory_gib} GiB (${t.instance_type}; reference at least ${floor} GB)`);
  }
  if (short.length === 0) return [];
  return [
    {
      code: 'PROVIDER_BELOW_REFERENCE',
      message:
        `${provider} cannot meet the reference architecture's per-node RAM here: ${short.join(', ')}. ` +
        (provider === 'elastic-cloud'
          ? 'These are the nearest sizes its RAM ladder offers (on AWS and Azure it stops at 60 GB and has 15 GB where the reference asks 16); an Elastic Cloud region on GCP (gcp-*) has 16 GB and 64 GB sizes'
          : 'These are the nearest sizes its catalog offers'),
    },
  ];
}
