/**
 * The stand-in cluster a plan describes, as it would stand today: one node per planned node with the
 * tier's heap, RAM (adjusted_total as hosted nodes report it) and disk, zones zone-a, zone-b, zone-c
 * in the plan's awareness attribute, the awareness settings apply writes, and each planned index as
 * one concrete index with the planned primaries, replicas and routing shards, mappings as apply's
 * templates give them (Elasticsearch shows resolved index options), one copy of each shard per zone
 * spread over the zone's data nodes, and documents, bytes and vector files scaled from the plan's
 * horizon back to today (the plan's sizing over its growth_factor). Plus perturbations, each a small
 * function that breaks exactly one thing, for the check tests.
 */
import type { Plan } from '../../src/model/plan.js';
import type { FakeEsOptions, FakeNode } from './fake-es.js';
import type { FakeIndex, FakeShardCopy, VectorExt } from './cluster-data.js';

const GIB = 1024 ** 3;
export const ZONE_NAMES = ['zone-a', 'zone-b', 'zone-c'] as const;

export interface ClusterFromPlanOptions {
  version?: string;
  /** Share of the plan's horizon the cluster holds today; default 1 / growth_factor (the workload's documents now). */
  fillRatio?: number;
}

export type StandIn = Required<Pick<FakeEsOptions, 'nodes' | 'indices' | 'persistent'>> & { version: string; attribute: string };

export function clusterFromPlan(plan: Plan, options: ClusterFromPlanOptions = {}): StandIn {
  const workload = plan.workload as { availability: { awareness_attribute: string } };
  const attribute = workload.availability.awareness_attribute;
  const zones = plan.zones;
  const nodes: FakeNode[] = [];
  const roles: Record<string, string[]> = {
    data: ['data_content', 'data_hot', 'ingest', 'remote_cluster_client', 'transform', ...(plan.tiers.some((t) => t.role === 'master') ? [] : ['master'])],
    master: ['master'],
    ml: ['ml', 'remote_cluster_client'],
  };
  for (const tier of plan.tiers) {
    const r = roles[tier.role];
    if (!r) continue; // Kibana runs no Elasticsearch node.
    tier.nodes_per_zone.forEach((count, z) => {
      for (let k = 0; k < count; k++) {
        const ram = tier.memory_gib * GIB;
        nodes.push({
          id: `${tier.role}${z}${k}NoDeId`,
          name: `${tier.role}-${ZONE_NAMES[z]}-${k}`,
          roles: r,
          attributes: zones > 1 ? { [attribute]: ZONE_NAMES[z]!, 'xpack.installed': 'true' } : { 'xpack.installed': 'true' },
          hardware: {
            heap_max_bytes: tier.heap_bytes ?? Math.floor(ram / 2),
            // Hosted nodes report the memory Elasticsearch may use as adjusted_total, the VM's as total.
            ram_adjusted_bytes: ram,
            ram_total_bytes: ram + GIB,
            disk_total_bytes: tier.disk_gb * 1e9,
            disk_available_bytes: Math.floor(tier.disk_gb * 1e9 * 0.7),
          },
        });
      }
    });
  }
  const dataNodes = (z: number) => nodes.filter((n) => n.name.startsWith(`data-${ZONE_NAMES[z]}-`) || (zones === 1 && n.name.startsWith('data-')));

  const indices: FakeIndex[] = plan.indices.map((ip) => {
    const s = ip.shards;
    const fill = options.fillRatio ?? 1 / (ip.sizing.growth_factor ?? 1);
    const semantic = new Set((ip.sizing.semantic_text ?? []).filter((f) => f.kind === 'dense').map((f) => f.field));
    const properties: Record<string, unknown> = {};
    for (const v of ip.sizing.vectors) {
      if (semantic.has(v.field)) continue;
      putPath(properties, v.field, {
        type: 'dense_vector',
        dims: v.dims,
        ...(v.element_type === 'float' ? {} : { element_type: v.element_type }),
        index: true,
        similarity: 'cosine',
        index_options: {
          type: v.index_type,
          ...(v.index_type.endsWith('hnsw') ? { m: 16, ef_construction: 100 } : {}),
          ...(v.index_type.startsWith('bbq') ? { rescore_vector: { oversample: 3 } } : {}),
        },
      });
    }
    for (const t of ip.sizing.semantic_text ?? []) putPath(properties, t.field, { type: 'semantic_text', inference_id: t.inference_id });
    const copies: FakeShardCopy[] = [];
    for (let shard = 0; shard < s.primaries; shard++) {
      for (let copy = 0; copy <= s.replicas; copy++) {
        const z = zones > 1 ? (shard + copy) % zones : 0;
        const inZone = dataNodes(z);
        const node = inZone[Math.floor(shard / zones) % inZone.length]!;
        const vectors: FakeShardCopy['vectors'] = {};
        for (const v of ip.sizing.vectors) {
          const files: Partial<Record<VectorExt, number>> = {};
          for (const f of v.files) files[f.ext] = Math.round((f.bytes * fill) / s.primaries);
          vectors[semantic.has(v.field) ? `${v.field}.inference.chunks.embeddings` : v.field] = { value_count: Math.round((v.vector_count * fill) / s.primaries), files };
        }
        copies.push({ shard, primary: copy === 0, node: node.name, docs: Math.round(s.docs_per_shard * fill), store_bytes: Math.round(s.shard_bytes * fill), vectors });
      }
    }
    return { name: ip.name, primaries: s.primaries, replicas: s.replicas, routing_num_shards: s.routing_shards, mappings: { properties }, copies };
  });

  const persistent: Record<string, string> = {};
  if (zones > 1) {
    persistent['cluster.routing.allocation.awareness.attributes'] = attribute;
    persistent[`cluster.routing.allocation.awareness.force.${attribute}.values`] = ZONE_NAMES.slice(0, zones).join(',');
  }
  return { nodes, indices, persistent, version: options.version ?? '9.3.0', attribute };
}

function putPath(root: Record<string, unknown>, field: string, mapping: Record<string, unknown>): void {
  const parts = field.split('.');
  let props = root;
  for (const part of parts.slice(0, -1)) props = ((props[part] ??= { properties: {} }) as { properties: Record<string, unknown> }).properties;
  props[parts[parts.length - 1]!] = mapping;
}

// --- perturbations: each breaks one thing --------------------------------------------------

/** The first replica of shard 0 of the first index moves into its primary's zone. */
export function copiesShareZone(c: StandIn): StandIn {
  const ix = c.indices[0]!;
  const primary = ix.copies.find((x) => x.shard === 0 && x.primary)!;
  const replica = ix.copies.find((x) => x.shard === 0 && !x.primary)!;
  replica.node = c.nodes.find((n) => n.name !== primary.node && n.attributes?.[c.attribute] === c.nodes.find((m) => m.name === primary.node)!.attributes?.[c.attribute] && n.roles.includes('data_hot'))?.name ?? primary.node;
  return c;
}

/** The first data node has half the planned heap. */
export function undersizedNode(c: StandIn): StandIn {
  const n = c.nodes.find((x) => x.roles.includes('data_hot'))!;
  n.hardware = { ...n.hardware, heap_max_bytes: Math.floor((n.hardware?.heap_max_bytes ?? 0) / 2) };
  return c;
}

/** The first index has one replica fewer than planned. */
export function replicasDrift(c: StandIn): StandIn {
  const ix = c.indices[0]!;
  ix.replicas = Math.max(0, ix.replicas - 1);
  // Each shard keeps its primary and its first `replicas` replicas.
  ix.copies = ix.copies.filter((x) => x.primary || ix.copies.filter((y) => y.shard === x.shard && !y.primary).indexOf(x) < ix.replicas);
  return c;
}

/** Every vector file of the first index is 1.5 x what the plan predicts. */
export function vectorsAbovePlan(c: StandIn, factor = 1.5): StandIn {
  for (const copy of c.indices[0]!.copies) for (const v of Object.values(copy.vectors ?? {})) for (const ext of Object.keys(v.files) as VectorExt[]) v.files[ext] = Math.round(v.files[ext]! * factor);
  return c;
}

/** The awareness settings are absent. */
export function awarenessAbsent(c: StandIn): StandIn {
  c.persistent = {};
  return c;
}

/** The first data node's RAM is 1.5 x its heap: no page cache left for vectors. */
export function cacheTooSmall(c: StandIn): StandIn {
  const n = c.nodes.find((x) => x.roles.includes('data_hot'))!;
  const heap = n.hardware?.heap_max_bytes ?? 0;
  n.hardware = { ...n.hardware, ram_adjusted_bytes: Math.floor(heap * 1.05), ram_total_bytes: Math.floor(heap * 1.05) };
  return c;
}
