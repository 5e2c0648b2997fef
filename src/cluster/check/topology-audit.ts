/**
 * The cluster's shape against the plan's tiers: zones and allocation awareness, node counts per zone
 * and role, each node's heap, RAM and disk, and where the shard copies sit.
 */
import type { CheckPolicy } from '../../data/check-policy.js';
import type { Plan, Tier } from '../../model/plan.js';
import { finding, gib, shown, type Finding } from './findings.js';
import type { ClusterSnapshot, SnapshotNode } from './snapshot.js';

const GIB = 1024 ** 3;

export const isData = (n: Pick<SnapshotNode, 'roles'>): boolean => n.roles.some((r) => r === 'data' || r.startsWith('data_'));
const isDedicatedMaster = (n: SnapshotNode): boolean => n.roles.includes('master') && !isData(n);
const isMl = (n: SnapshotNode): boolean => n.roles.includes('ml') && !isData(n);

/** The zone a node reports in the plan's awareness attribute, or undefined. */
export function zoneOf(node: SnapshotNode, attribute: string): string | undefined {
  const z = node.attributes[attribute];
  return z === undefined || z === '' ? undefined : z;
}

export function auditAwareness(snapshot: ClusterSnapshot, plan: Plan, attribute: string): Finding[] {
  if (plan.zones < 2) return [];
  const out: Finding[] = [];
  const data = snapshot.nodes.filter(isData);
  const without = data.filter((n) => zoneOf(n, attribute) === undefined).map((n) => n.name);
  const zones = [...new Set(data.flatMap((n) => zoneOf(n, attribute) ?? []))].sort();
  if (without.length > 0) {
    out.push(
      finding('AWARENESS_MISSING', 'error', `${without.length} data node(s) report no node.attr.${attribute} (${without.map(shown).join(', ')}): awareness cannot place their copies by zone`, {
        attribute,
        nodes: without,
      }),
    );
  }
  if (!snapshot.awareness.attributes.includes(attribute)) {
    out.push(
      finding(
        'AWARENESS_MISSING',
        'error',
        `cluster.routing.allocation.awareness.attributes is ${snapshot.awareness.attributes.length ? `"${snapshot.awareness.attributes.map(shown).join(',')}"` : 'not set'}; the plan spreads copies over zones by "${attribute}" (esplan apply writes it)`,
        { setting: 'cluster.routing.allocation.awareness.attributes', expected: attribute, actual: snapshot.awareness.attributes },
      ),
    );
  }
  const forced = [...(snapshot.awareness.force[attribute] ?? [])].sort();
  // Forced values may name a zone that has no nodes now (that is what they are for: a zone lost);
  // a zone the nodes report but the values lack, or fewer zones than planned, is the mistake.
  const lacking = zones.filter((z) => !forced.includes(z));
  if (forced.length === 0 || lacking.length > 0 || forced.length < plan.zones) {
    out.push(
      finding(
        'AWARENESS_MISSING',
        forced.length === 0 ? 'error' : 'warning',
        forced.length === 0
          ? `forced awareness (cluster.routing.allocation.awareness.force.${attribute}.values) is not set: with a zone lost, its copies would crowd into the others and overfill them`
          : `forced awareness lists zones ${forced.map(shown).join(', ')}, but the data nodes report ${zones.map(shown).join(', ') || 'none'}`,
        { setting: `cluster.routing.allocation.awareness.force.${attribute}.values`, expected: zones, actual: forced },
      ),
    );
  }
  return out;
}

/** Node counts per zone for each planned role tier, and every node's heap, RAM and disk against its tier. */
export function auditNodes(snapshot: ClusterSnapshot, plan: Plan, attribute: string, policy: CheckPolicy): Finding[] {
  const out: Finding[] = [];
  const roles: { role: Tier['role']; of: (n: SnapshotNode) => boolean }[] = [
    { role: 'data', of: isData },
    { role: 'master', of: isDedicatedMaster },
    { role: 'ml', of: isMl },
  ];
  for (const { role, of } of roles) {
    const tier = plan.tiers.find((t) => t.role === role);
    if (!tier) continue;
    const nodes = snapshot.nodes.filter(of);
    const perZone = new Map<string, number>();
    for (const n of nodes) {
      const z = plan.zones < 2 ? 'all' : (zoneOf(n, attribute) ?? '(no zone)');
      perZone.set(z, (perZone.get(z) ?? 0) + 1);
    }
    // Zones are compared by size, largest first: the plan does not name them.
    const planned = [...tier.nodes_per_zone].sort((a, b) => b - a);
    const actual = [...perZone.entries()].filter(([z]) => z !== '(no zone)').map(([, c]) => c).sort((a, b) => b - a);
    const short = planned.some((p, i) => (actual[i] ?? 0) < p);
    if (short || nodes.length < tier.nodes) {
      const layout = [...perZone.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([z, c]) => `${shown(z)}: ${c}`).join(', ');
      out.push(
        finding('NODES_DIFFER_FROM_PLAN', 'error', `${role} nodes: ${nodes.length} (${layout || 'none'}); the plan has ${tier.nodes} (${tier.nodes_per_zone.join(' + ')} per zone)`, {
          role,
          expected: tier.nodes_per_zone,
          actual: [...perZone.values()],
        }),
      );
    }
    for (const n of nodes) out.push(...nodeBelowTier(n, tier, policy));
  }
  return out;
}

function nodeBelowTier(n: SnapshotNode, tier: Tier, policy: CheckPolicy): Finding[] {
  const out: Finding[] = [];
  const below = (what: string, actual: number, planned: number, tolerance: number, hint: string) => {
    if (actual < planned * (1 - tolerance)) {
      out.push(
        finding('NODES_DIFFER_FROM_PLAN', 'error', `${tier.role} node ${shown(n.name)}: ${what} ${gib(actual)}, below the plan's ${gib(planned)} for ${shown(tier.instance_type)} (${hint})`, {
          role: tier.role,
          node: n.name,
          resource: what,
          expected: planned,
          actual,
        }),
      );
    }
  };
  if (tier.heap_bytes !== undefined) below('heap', n.heap_max_bytes, tier.heap_bytes, policy.heapTolerance, 'jvm.mem.heap_max_in_bytes');
  below('RAM', n.ram_bytes, tier.memory_gib * GIB, policy.ramTolerance, `os.mem.${n.ram_source}`);
  if (tier.disk_gb > 0) below('disk', n.disk_total_bytes, tier.disk_gb * 1e9, policy.diskTolerance, 'fs.total.total_in_bytes');
  return out;
}

/** Two copies of one shard in one zone, and copies no node holds. */
export function auditPlacement(snapshot: ClusterSnapshot, plan: Plan, attribute: string): Finding[] {
  const out: Finding[] = [];
  const byId = new Map(snapshot.nodes.map((n) => [n.id, n]));
  const groups = new Map<string, typeof snapshot.shards>();
  for (const c of snapshot.shards) {
    const key = `${c.index}\u0000${c.shard}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const shared = new Map<string, { shards: number[]; zones: Set<string> }>();
  const unassigned = new Map<string, number[]>();
  for (const copies of groups.values()) {
    const first = copies[0]!;
    if (copies.some((c) => c.node_id === null || c.state === 'UNASSIGNED')) unassigned.set(first.index, [...(unassigned.get(first.index) ?? []), first.shard]);
    if (plan.zones < 2) continue;
    const seen = new Map<string, number>();
    for (const c of copies) {
      const node = c.node_id === null ? undefined : byId.get(c.node_id);
      const z = node ? zoneOf(node, attribute) : undefined;
      if (z !== undefined) seen.set(z, (seen.get(z) ?? 0) + 1);
    }
    const crowded = [...seen.entries()].filter(([, k]) => k > 1).map(([z]) => z);
    if (crowded.length > 0) {
      const entry = shared.get(first.index) ?? { shards: [], zones: new Set<string>() };
      entry.shards.push(first.shard);
      for (const z of crowded) entry.zones.add(z);
      shared.set(first.index, entry);
    }
  }
  for (const [index, { shards, zones }] of shared) {
    const list = shards.sort((a, b) => a - b);
    out.push(
      finding(
        'SHARD_COPIES_SHARE_ZONE',
        'error',
        `${shown(index)}: ${list.length} shard(s) (${list.slice(0, 10).join(', ')}${list.length > 10 ? ', ...' : ''}) have two copies in one zone (${[...zones].sort().map(shown).join(', ')}): losing that zone loses both`,
        { index, shards: list, zones: [...zones].sort() },
      ),
    );
  }
  for (const [index, shards] of unassigned) {
    const list = [...new Set(shards)].sort((a, b) => a - b);
    out.push(
      finding('SHARD_UNASSIGNED', 'error', `${shown(index)}: ${list.length} shard(s) (${list.slice(0, 10).join(', ')}${list.length > 10 ? ', ...' : ''}) have a copy no node holds (GET _cluster/allocation/explain says why)`, {
        index,
        shards: list,
      }),
    );
  }
  return out;
}
