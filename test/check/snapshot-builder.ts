/**
 * A ClusterSnapshot built to a plan by hand, for the audit tests: one node per planned node with
 * the tier's heap, RAM and disk, zones zone-0.. in the plan's awareness attribute, awareness set as
 * apply writes it, each plan index as one concrete index with the planned layout and mappings, one
 * copy of each shard per zone, and the vector files the test gives per vector.
 */
import { loadModelData } from '../../src/data/model-data.js';
import type { Plan } from '../../src/model/plan.js';
import { buildPlan } from '../../src/recommend/build-plan.js';
import type { ClusterSnapshot, SnapshotIndex, SnapshotNode, SnapshotShardCopy, VectorFileBytes } from '../../src/cluster/check/snapshot.js';

export const data = loadModelData();
const GIB = 1024 ** 3;

export function planOf(workload: Record<string, unknown>): Plan {
  return buildPlan(data.parseWorkload(workload), { esplanVersion: 'test', data });
}

/** 1,000,000 documents of one 1024-dim float field as bbq_flat (veb 142 B per vector, no graph: the model is exact), 3 zones, 2 replicas, no growth. */
export const flatWorkload = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  format_version: 1,
  name: 'check-test',
  elasticsearch: { version: '9.3', license: 'enterprise' },
  corpus: { documents: 1_000_000, source_bytes_per_document: 2000 },
  vectors: [{ field: 'emb', dims: 1024, element_type: 'float', per_document: 1, index_type: 'bbq_flat', similarity: 'cosine' }],
  availability: { zones: 3, replicas: 2 },
  deployment: { provider: 'aws', region: 'us-east-1' },
  ...over,
});

export interface BuildOptions {
  version?: string;
  /** Per-field files of one copy, by plan index name then field (stats path). */
  files?: Record<string, Record<string, VectorFileBytes>>;
  /** Vectors in one copy of each index (default: the plan's horizon count of its first field). */
  vectors?: Record<string, number>;
  /** Bytes and docs of each primary shard (default: the plan's shard_bytes and docs_per_shard). */
  shardBytes?: number;
  shardDocs?: number;
}

export function snapshotFor(plan: Plan, options: BuildOptions = {}): ClusterSnapshot {
  const attribute = (plan.workload as { availability: { awareness_attribute: string } }).availability.awareness_attribute;
  const version = options.version ?? '9.3.0';
  const nodes: SnapshotNode[] = [];
  const roleOf: Record<string, string[]> = { data: ['data_content', 'data_hot', 'ingest'], master: ['master'], ml: ['ml'] };
  for (const tier of plan.tiers) {
    if (!roleOf[tier.role]) continue;
    tier.nodes_per_zone.forEach((count, z) => {
      for (let k = 0; k < count; k++) {
        nodes.push({
          id: `${tier.role}-${z}-${k}`,
          name: `${tier.role}-${z}-${k}`,
          roles: roleOf[tier.role]!,
          attributes: plan.zones > 1 ? { [attribute]: `zone-${z}` } : {},
          heap_max_bytes: tier.heap_bytes ?? Math.floor((tier.memory_gib * GIB) / 2),
          ram_bytes: tier.memory_gib * GIB,
          ram_source: 'adjusted_total_in_bytes',
          disk_total_bytes: tier.disk_gb * 1e9,
          disk_available_bytes: tier.disk_gb * 1e9 * 0.8,
          vector_value_count: 0,
          off_heap: version < '9.1' ? null : {},
        });
      }
    });
  }
  const zones = plan.zones > 1 ? Array.from({ length: plan.zones }, (_, z) => `zone-${z}`) : [];
  const dataIn = (z: number) => nodes.filter((n) => n.id.startsWith(`data-${z}-`));
  const indices: ClusterSnapshot['indices'] = {};
  const shards: SnapshotShardCopy[] = [];
  const measurable = version >= '9.1';
  for (const ip of plan.indices) {
    const s = ip.shards;
    const files = options.files?.[ip.name] ?? {};
    const vectors = options.vectors?.[ip.name] ?? ip.sizing.vectors[0]?.vector_count ?? 0;
    const primariesTotals: VectorFileBytes = {};
    for (const f of Object.values(files)) for (const [ext, b] of Object.entries(f)) primariesTotals[ext as keyof VectorFileBytes] = (primariesTotals[ext as keyof VectorFileBytes] ?? 0) + (b ?? 0);
    const ix: SnapshotIndex = {
      name: ip.name,
      primaries: s.primaries,
      replicas: s.replicas,
      routing_num_shards: s.routing_shards,
      docs_count: s.docs_per_shard * s.primaries,
      primary_store_bytes: s.shard_bytes * s.primaries,
      vector_mappings: ip.sizing.vectors
        .filter((v) => !(ip.sizing.semantic_text ?? []).some((t) => t.field === v.field))
        .map((v) => ({ path: v.field, dims: v.dims, element_type: v.element_type, index: true, similarity: 'cosine', index_options: { type: v.index_type, ...(v.index_type.endsWith('hnsw') ? { m: 16, ef_construction: 100 } : {}) } })),
      semantic_text: (ip.sizing.semantic_text ?? []).map((t) => ({ path: t.field, inference_id: t.inference_id })),
      vector_value_count: vectors,
      off_heap_fields: measurable ? Object.entries(files).map(([field, primaries]) => ({ field, primaries })) : null,
      off_heap_primaries: measurable ? primariesTotals : null,
    };
    indices[ip.name] = [ix];
    for (let shard = 0; shard < s.primaries; shard++) {
      for (let copy = 0; copy <= s.replicas; copy++) {
        const z = plan.zones > 1 ? (shard + copy) % plan.zones : 0;
        const inZone = dataIn(z);
        const node = inZone[shard % inZone.length]!;
        // Every copy holds 1/primaries of the index's vector files.
        const share: VectorFileBytes = {};
        for (const [ext, b] of Object.entries(primariesTotals)) share[ext as keyof VectorFileBytes] = Math.round((b ?? 0) / s.primaries);
        shards.push({
          index: ip.name,
          shard,
          primary: copy === 0,
          state: 'STARTED',
          node_id: node.id,
          docs: options.shardDocs ?? s.docs_per_shard,
          store_bytes: options.shardBytes ?? s.shard_bytes,
          off_heap: measurable ? share : null,
        });
      }
    }
  }
  return {
    cluster: { name: 'test', uuid: 'u', version },
    read_at: '2026-12-03T00:00:00.000Z',
    nodes,
    awareness: plan.zones > 1 ? { attributes: [attribute], force: { [attribute]: zones } } : { attributes: [], force: {} },
    indices,
    shards,
  };
}
