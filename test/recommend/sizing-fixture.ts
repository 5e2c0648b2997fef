/** Hand-built SizingResult fixtures: the recommender's input without the sizing engine. */
import type { SizingResult } from '../../src/sizing/size-workload.js';
import type { IndexType } from '../../src/data/index-types.js';

export interface FixtureSpec {
  /** Vector RAM of one copy. */
  ramBytes: number;
  /** Everything on disk for one copy. */
  diskBytes: number;
  primaries: number;
  replicas: number;
  indexType?: IndexType;
  shardBytes?: number;
}

export function sizingFixture(s: FixtureSpec): SizingResult {
  const copies = s.replicas + 1;
  return {
    sizing: {
      constants: 'codec',
      horizon_months: 0,
      documents: 1_000_000,
      lucene_docs: 1_000_000,
      vectors: [
        {
          field: 'embedding',
          index_type: s.indexType ?? 'bbq_hnsw',
          index_type_reason: 'fixture',
          element_type: 'float',
          dims: 1024,
          vector_count: 1_000_000,
          ram_bytes: s.ramBytes,
          disk_bytes: Math.min(s.diskBytes, s.ramBytes * 4),
          files: [],
        },
      ],
      source_bytes: Math.max(0, s.diskBytes - s.ramBytes * 4),
      vector_ram_bytes: s.ramBytes,
      vector_disk_bytes: Math.min(s.diskBytes, s.ramBytes * 4),
      primary_disk_bytes: s.diskBytes,
      copies,
      total_ram_bytes: s.ramBytes * copies,
      total_disk_bytes: s.diskBytes * copies,
    },
    shards: {
      primaries: s.primaries,
      replicas: s.replicas,
      routing_shards: s.primaries * 8,
      split_factors: [2, 4, 8],
      shard_bytes: s.shardBytes ?? Math.ceil(s.diskBytes / s.primaries),
      docs_per_shard: Math.ceil(1_000_000 / s.primaries),
      total_shards: s.primaries * copies,
    },
    // The recommender reads indices only to tell one index from several; a fixture is one index.
    indices: [],
    warnings: [],
    basis: [],
  };
}
