/**
 * A stand-in for buildPlan with obvious arithmetic, so the wizard's flow can be tested on its own:
 * vector RAM per dimension by index type (below), $1 a month per MiB of RAM across all copies and
 * indices.
 */
import type { IndexType } from '../../src/data/index-types.js';
import type { Plan } from '../../src/model/plan.js';
import { indicesOf, type IndexSpec } from '../../src/model/indices.js';
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

type FakeIndex = Pick<IndexSpec, 'name' | 'corpus' | 'vectors' | 'replicas'>;

/** The workload's indices (the single-index form is one), as the real pipeline reads them. */
function fakeIndices(w: Workload): FakeIndex[] {
  return indicesOf(w);
}

function fakeSizing(w: Workload, ix: FakeIndex): Plan['sizing'] {
  const copies = 1 + ix.replicas;
  const vectors = ix.vectors.map((v) => {
    const type: IndexType = v.index_type === 'auto' ? 'int8_hnsw' : v.index_type;
    const count = Math.round(ix.corpus.documents * v.per_document);
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
  return {
    constants: 'codec',
    horizon_months: ix.corpus.growth.months,
    documents: ix.corpus.documents,
    lucene_docs: ix.corpus.documents,
    vectors,
    source_bytes: ix.corpus.documents * ix.corpus.source_bytes_per_document,
    vector_ram_bytes: ram,
    vector_disk_bytes: disk,
    primary_disk_bytes: disk,
    copies,
    total_ram_bytes: ram * copies,
    total_disk_bytes: disk * copies,
  } as Plan['sizing'];
}

function fakeShards(ix: FakeIndex, sizing: Plan['sizing']) {
  return { primaries: 1, replicas: ix.replicas, routing_shards: 1, split_factors: [], shard_bytes: sizing.primary_disk_bytes, docs_per_shard: sizing.documents, total_shards: 1 + ix.replicas };
}

export function fakeBuildPlan(w: Workload, calls?: Workload[]): Plan {
  calls?.push(w);
  const indices = fakeIndices(w).map((ix) => {
    const sizing = fakeSizing(w, ix);
    return { name: ix.name, sizing, shards: fakeShards(ix, sizing) };
  });
  const one = indices.length === 1 ? (indices[0] as { sizing: Plan['sizing'] }).sizing : undefined;
  const sum = (key: 'vector_ram_bytes' | 'vector_disk_bytes' | 'primary_disk_bytes' | 'total_ram_bytes' | 'total_disk_bytes' | 'documents' | 'source_bytes') =>
    indices.reduce((s, ix) => s + (ix.sizing[key] as number), 0);
  const sizing = one ?? {
    ...(indices[0] as { sizing: Plan['sizing'] }).sizing,
    vectors: indices.flatMap((ix) => ix.sizing.vectors),
    documents: sum('documents'),
    lucene_docs: sum('documents'),
    source_bytes: sum('source_bytes'),
    vector_ram_bytes: sum('vector_ram_bytes'),
    vector_disk_bytes: sum('vector_disk_bytes'),
    primary_disk_bytes: sum('primary_disk_bytes'),
    total_ram_bytes: sum('total_ram_bytes'),
    total_disk_bytes: sum('total_disk_bytes'),
  };
  return {
    format_version: 1,
    esplan_version: 'test',
    workload: w as unknown as Record<string, unknown>,
    sizing,
    ...(one ? { shards: (indices[0] as { shards: unknown }).shards } : {}),
    indices,
    zones: w.availability.zones,
    tiers: [],
    monthly_usd: w.deployment.provider === 'physical' ? null : sizing.total_ram_bytes / 2 ** 20,
    price_date: null,
    alternatives: [],
    warnings: [],
    basis: [],
  } as unknown as Plan;
}
