/**
 * A stand-in for buildPlan with obvious arithmetic, so the wizard's flow can be tested on its own:
 * vector RAM per dimension by index type (below), $1 a month per MiB of RAM across all copies.
 */
import type { IndexType } from '../../src/data/index-types.js';
import type { Plan } from '../../src/model/plan.js';
import type { Workload } from '../../src/model/workload.js';

export const FAKE_RAM_BYTES_PER_DIM: Record<IndexType, number> = {
  hnsw: 4,
  int8_hnsw: 1,
  int4_hnsw: 0.5,
  bbq_hnsw: 0.25,
  flat: 4,
  int8_flat: 1,
  int4_flat: 0.5,
  bbq_flat: 0.25,
  bbq_disk: 0.0625,
};

export function fakeBuildPlan(w: Workload, calls?: Workload[]): Plan {
  calls?.push(w);
  const copies = 1 + w.availability.replicas;
  const vectors = w.vectors!.map((v) => {
    const type: IndexType = v.index_type === 'auto' ? 'int8_hnsw' : v.index_type;
    const count = Math.round(w.corpus!.documents * v.per_document);
    return {
      field: v.field,
      index_type: type,
      index_type_reason: 'fake',
      element_type: v.element_type,
      dims: v.dims,
      vector_count: count,
      ram_bytes: Math.round(count * v.dims * FAKE_RAM_BYTES_PER_DIM[type]),
      disk_bytes: count * v.dims * 4,
      files: [],
    };
  });
  const ram = vectors.reduce((s, v) => s + v.ram_bytes, 0);
  const disk = vectors.reduce((s, v) => s + v.disk_bytes, 0);
  const plan = {
    format_version: 1 as const,
    esplan_version: 'test',
    workload: w as unknown as Record<string, unknown>,
    sizing: {
      constants: 'codec' as const,
      horizon_months: w.corpus!.growth.months,
      documents: w.corpus!.documents,
      lucene_docs: w.corpus!.documents,
      vectors,
      source_bytes: w.corpus!.documents * w.corpus!.source_bytes_per_document,
      vector_ram_bytes: ram,
      vector_disk_bytes: disk,
      primary_disk_bytes: disk,
      copies,
      total_ram_bytes: ram * copies,
      total_disk_bytes: disk * copies,
    },
    shards: { primaries: 1, replicas: w.availability.replicas, routing_shards: 1, split_factors: [], shard_bytes: disk, docs_per_shard: w.corpus!.documents, total_shards: copies },
    zones: w.availability.zones,
    tiers: [],
    monthly_usd: w.deployment.provider === 'physical' ? null : (ram * copies) / 2 ** 20,
    price_date: null,
    alternatives: [],
    warnings: [],
    basis: [],
  };
  return { ...plan, indices: [{ name: w.index?.name ?? 'fake', sizing: plan.sizing, shards: plan.shards }] };
}
