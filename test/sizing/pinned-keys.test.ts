/**
 * index.primaries (a pinned primary count) and index.source_vectors (vectors in _source) through
 * sizeWorkload. Figures by hand from formulas/shards.json (50 GiB / fewer than 200M Lucene
 * documents per shard, Lucene's 2,147,483,519 per shard, calculateNumRoutingShards) and
 * formulas/storage.json (12 JSON bytes per float element in _source, _source x 1.2).
 */
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { sizeWorkload } from '../../src/sizing/size-workload.js';
import { userErrorProblems } from '../helpers/user-error.js';
import { modelData } from '../helpers/model-data.js';

interface Case {
  documents: number;
  source_bytes_per_document?: number;
  index?: Record<string, unknown>;
  version?: string;
  growth?: { monthly_rate: number; months: number };
  vector?: Record<string, unknown>;
}

function size(c: Case) {
  const w = parseWorkload({
    name: 'pinned',
    elasticsearch: { version: c.version ?? '9.4', license: 'enterprise' },
    corpus: { documents: c.documents, source_bytes_per_document: c.source_bytes_per_document ?? 1, growth: c.growth ?? { monthly_rate: 0, months: 0 } },
    // 64 bits per vector on a flat index: 8 bytes each, so shard bytes are mostly _source.
    vectors: [c.vector ?? { field: 'v', dims: 64, element_type: 'bit', index_type: 'flat' }],
    index: c.index ?? {},
  });
  return sizeWorkload(w, { constants: 'codec', data: modelData });
}
const codes = (r: ReturnType<typeof size>) => r.warnings.map((w) => w.code);

describe('index.primaries', () => {
  it('pins the count on a small index, with routing shards for that count and the too-small warning', () => {
    const r = size({ documents: 1000, index: { primaries: 4 } });
    expect(r.shards.primaries).toBe(4);
    // calculateNumRoutingShards(4) = 4 << max(1, 10 - ceil(log2 4)) = 4 x 2^8 = 1024.
    expect(r.shards.routing_shards).toBe(1024);
    // 4 primaries x (1 + 1 replica) = 8.
    expect(r.shards.total_shards).toBe(8);
    const small = r.warnings.find((w) => w.code === 'SHARD_SIZE_BELOW_RANGE');
    expect(small?.message).toContain('index.primaries 4');
    expect(small?.message).toContain('(1 by the guidance)');
    expect(r.basis.find((b) => b.id === 'shards.primaries_pinned')).toMatchObject({ kind: 'policy', result: 4, source: 'workload index.primaries' });
  });

  it('computes routing shards for the pinned count when growth is planned', () => {
    // growth 1.1^12 = 3.138 -> split factor max(2, ceil(3.138)) = 4;
    // 3 x 4^floor(log2(1024 / 3) / log2(4)) = 3 x 4^floor(8.415 / 2) = 3 x 4^4 = 768.
    const r = size({ documents: 1000, index: { primaries: 3 }, growth: { monthly_rate: 0.1, months: 12 } });
    expect(r.shards.primaries).toBe(3);
    expect(r.shards.routing_shards).toBe(768);
  });

  it('warns when the pinned count puts 200M or more documents in a shard, naming the figure and the count that fits', () => {
    // 300M documents on 1 shard; ceil(300M / 199,999,999) = 2 primaries would keep each below 200M.
    const r = size({ documents: 300_000_000, index: { primaries: 1 } });
    expect(r.shards.primaries).toBe(1);
    expect(r.shards.docs_per_shard).toBe(300_000_000);
    const w = r.warnings.find((x) => x.code === 'PINNED_SHARDS_ABOVE_DOC_GUIDANCE');
    expect(w?.message).toContain('300,000,000 Lucene documents');
    expect(w?.message).toContain('200,000,000 (200M)');
    expect(w?.message).toContain('2 primaries would keep');
    expect(codes(r)).not.toContain('PINNED_SHARDS_ABOVE_SIZE_GUIDANCE');
  });

  it('warns when the pinned count makes shards above 50 GiB, naming the figure and the count that fits', () => {
    // _source: 1M x 100,000 x 1.2 = 1.2e11 bytes (+ 8 MB of bit vectors); 1.2e11 / 53,687,091,200 = 2.24 -> 3 primaries.
    const r = size({ documents: 1_000_000, source_bytes_per_document: 100_000, index: { primaries: 1 } });
    expect(r.shards.shard_bytes).toBeGreaterThan(120_000_000_000);
    const w = r.warnings.find((x) => x.code === 'PINNED_SHARDS_ABOVE_SIZE_GUIDANCE');
    expect(w?.message).toContain('above Elastic\'s 50.0 GiB (50 GB) guidance');
    expect(w?.message).toContain('3 primaries would keep');
    // Without the pin esplan picks those 3.
    expect(size({ documents: 1_000_000, source_bytes_per_document: 100_000 }).shards.primaries).toBe(3);
  });

  it('refuses a pinned count that puts more documents in a shard than Lucene allows', () => {
    // 3e9 documents on 1 shard > 2,147,483,519; ceil(3e9 / 199,999,999) = 16.
    const problems = userErrorProblems(() => size({ documents: 3_000_000_000, index: { primaries: 1 } }));
    expect(problems[0]?.path).toBe('index.primaries');
    expect(problems[0]?.message).toContain("above Lucene's hard limit of 2,147,483,519");
    expect(problems[0]?.fix).toContain('at least 16');
  });

  it('a pin does not get around the 1,024-shard limit: a corpus that needs more is still refused', () => {
    // 1M x 100 MB x 1.2 = 1.2e14 bytes; / 53,687,091,200 = 2,235.2 -> 2,236 primaries > 1,024.
    const problems = userErrorProblems(() => size({ documents: 1_000_000, source_bytes_per_document: 100_000_000, index: { primaries: 1024 } }));
    expect(problems[0]?.path).toBe('corpus');
    expect(problems[0]?.message).toContain('needs 2,236 primary shards');
  });

  it('without the key, sizing is as before: no pinned basis entry', () => {
    const r = size({ documents: 1000 });
    expect(r.shards.primaries).toBe(1);
    expect(r.basis.find((b) => b.id === 'shards.primaries_pinned')).toBeUndefined();
  });
});

describe('index.source_vectors', () => {
  const float128 = { field: 'v', dims: 128, index_type: 'hnsw' };
  // 1000 vectors x 128 dims x 12 JSON bytes = 1,536,000 bytes in _source.
  const inSource = 1000 * 128 * 12;

  it('by version: kept before 9.2 (today\'s figure), excluded from 9.2', () => {
    expect(size({ documents: 1000, vector: float128, version: '9.1' }).sizing.source_vector_bytes).toBe(inSource);
    expect(size({ documents: 1000, vector: float128, version: '9.2' }).sizing.source_vector_bytes).toBe(0);
  });

  it('true keeps them on 9.4, with the warning saying the key did it', () => {
    const r = size({ documents: 1000, vector: float128, version: '9.4', index: { source_vectors: true } });
    expect(r.sizing.source_vector_bytes).toBe(inSource);
    const w = r.warnings.find((x) => x.code === 'VECTORS_IN_SOURCE');
    expect(w?.message).toMatch(/^index\.source_vectors: true keeps vector values in _source/);
    expect(r.basis.find((b) => b.id === 'storage.source_vectors')).toMatchObject({ result: 'kept', source: 'workload index.source_vectors' });
  });

  it('false leaves them out on 9.1, without the warning', () => {
    const r = size({ documents: 1000, vector: float128, version: '9.1', index: { source_vectors: false } });
    expect(r.sizing.source_vector_bytes).toBe(0);
    expect(codes(r)).not.toContain('VECTORS_IN_SOURCE');
    expect(r.basis.find((b) => b.id === 'storage.source_vectors')?.result).toBe('excluded');
  });
});
