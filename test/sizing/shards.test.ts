import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UserError } from '../../src/model/problems.js';
import { splitFactors } from '../../src/sizing/shards.js';
import { sizeOne } from './helpers.js';
import { modelData } from '../helpers/model-data.js';

const GIB50 = 50 * 2 ** 30; // Elasticsearch parses "50gb" as 50 * 2^30 bytes
const MAX_DOCS = 200_000_000;

/** Elasticsearch's MetadataCreateIndexService.calculateNumRoutingShards, re-implemented with bit operations. */
function esDefaultRoutingShards(numShards: number): number {
  const log2Max = 10; // log2(1024)
  const log2Num = 32 - Math.clz32(numShards - 1); // Integer.numberOfLeadingZeros
  const numSplits = Math.max(1, log2Max - log2Num);
  return numShards * 2 ** numSplits;
}

describe('reference routing formula', () => {
  it('matches the examples in the research notes', () => {
    expect([1, 2, 3, 5, 6, 100, 1024].map(esDefaultRoutingShards)).toEqual([1024, 1024, 768, 640, 768, 800, 2048]);
  });
});

describe('shard planning', () => {
  it('keeps a small index on one shard with the default routing shards', () => {
    const { result } = sizeOne({ documents: 1000, vector: { field: 'v', dims: 128, index_type: 'hnsw' } });
    expect(result.shards.primaries).toBe(1);
    expect(result.shards.routing_shards).toBe(1024);
    expect(result.shards.split_factors).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]);
    expect(result.shards.total_shards).toBe(2); // 1 primary + 1 replica
  });

  it('counts nested chunk documents against the per-shard document limit', () => {
    // 100M documents with 4 chunks each: 100M * (1 + 4) = 500M Lucene docs; ceil(500M / 199,999,999) = 3
    const { result } = sizeOne({
      documents: 100_000_000,
      vector: { field: 'v', dims: 64, element_type: 'bit', index_type: 'flat', per_document: 4 },
    });
    expect(result.sizing.lucene_docs).toBe(500_000_000);
    expect(result.shards.primaries).toBe(3);
    expect(result.shards.docs_per_shard).toBe(166_666_667);
    expect(result.basis.find((b) => b.id === 'shards.lucene_docs')?.description).toMatch(/nested/);
    // 3 primaries: routing 3 * 2^8 = 768 (Elasticsearch default)
    expect(result.shards.routing_shards).toBe(768);
  });

  it('does not count a single vector per document as nested', () => {
    const { result } = sizeOne({ documents: 1000, vector: { field: 'v', dims: 64, index_type: 'flat', per_document: 1 } });
    expect(result.sizing.lucene_docs).toBe(1000);
  });

  it('splits by size: 1M x 1024 float hnsw with 1 MB documents needs ceil(bytes / 50 GiB) shards', () => {
    const { result } = sizeOne({
      documents: 1_000_000,
      source_bytes_per_document: 1_000_000,
      vector: { field: 'v', dims: 1024, index_type: 'hnsw' },
    });
    // _source: 1,000,000 * 1,000,000 * 1.2 = 1.2e12 bytes, plus vectors; 1.2e12 / 53,687,091,200 = 22.35 -> at least 23
    expect(result.shards.primaries).toBe(Math.ceil(result.sizing.primary_disk_bytes / GIB50));
    expect(result.shards.primaries).toBeGreaterThanOrEqual(23);
    expect(result.shards.shard_bytes).toBeLessThanOrEqual(GIB50);
  });

  it('plans routing shards for a split factor of 3 when the corpus triples each horizon', () => {
    // growth (1 + 0.1)^12 = 3.138 -> split factor ceil(3.138) = 4; (1 + 0.095)^12 = 2.971 -> 3
    const { result } = sizeOne({
      documents: 1000,
      vector: { field: 'v', dims: 64, index_type: 'flat' },
      growth: { monthly_rate: 0.095, months: 12 },
    });
    // 1 primary: 3^6 = 729 <= 1024 < 3^7
    expect(result.shards.routing_shards).toBe(729);
    expect(result.shards.split_factors).toEqual([3, 9, 27, 81, 243, 729]);
  });

  it('matches the Elasticsearch default when planned growth needs only splits by 2', () => {
    const { result } = sizeOne({
      documents: 1000,
      vector: { field: 'v', dims: 64, index_type: 'flat' },
      growth: { monthly_rate: 0.03, months: 12 },
    });
    expect(result.shards.routing_shards).toBe(esDefaultRoutingShards(result.shards.primaries));
  });

  it('lists split factors as the divisors of routing / primaries', () => {
    expect(splitFactors(30)).toEqual([2, 3, 5, 6, 10, 15, 30]);
    expect(splitFactors(1)).toEqual([]);
  });

  it('every plan keeps shards <= 50 GiB, < 200M docs, and routing divisible by primaries x each factor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000_000 }),
        fc.integer({ min: 1, max: 200_000 }),
        fc.constantFrom(1, 1.5, 4, 20),
        fc.constantFrom(0, 0.01, 0.05, 0.2, 0.5),
        fc.integer({ min: 0, max: 36 }),
        (documents, sourceBytes, perDocument, rate, months) => {
          let result: ReturnType<typeof sizeOne>['result'];
          try {
            ({ result } = sizeOne({
              documents,
              source_bytes_per_document: sourceBytes,
              vector: { field: 'v', dims: 64, element_type: 'byte', index_type: 'hnsw', per_document: perDocument },
              growth: { monthly_rate: rate, months },
            }));
          } catch (err) {
            // The only refusal allowed: an index above Elasticsearch's 1024 shards per index.
            expect(err).toBeInstanceOf(UserError);
            expect((err as UserError).message).toMatch(/above Elasticsearch's limit of 1024 shards per index/);
            return;
          }
          const s = result.shards;
          expect(s.primaries).toBeLessThanOrEqual(1024);
          expect(s.shard_bytes).toBeLessThanOrEqual(GIB50);
          expect(s.docs_per_shard).toBeLessThan(MAX_DOCS);
          expect(s.shard_bytes * s.primaries).toBeGreaterThanOrEqual(result.sizing.primary_disk_bytes);
          expect(s.docs_per_shard * s.primaries).toBeGreaterThanOrEqual(result.sizing.lucene_docs);
          expect(s.routing_shards % s.primaries).toBe(0);
          expect(s.split_factors.length).toBeGreaterThan(0);
          for (const f of s.split_factors) expect(s.routing_shards % (s.primaries * f)).toBe(0);
          // one fewer primary would break a limit
          if (s.primaries > 1) {
            const fewer = s.primaries - 1;
            const tooBig = Math.ceil(result.sizing.primary_disk_bytes / fewer) > GIB50;
            const tooMany = Math.ceil(result.sizing.lucene_docs / fewer) >= MAX_DOCS;
            expect(tooBig || tooMany).toBe(true);
          }
          if (rate === 0 || months === 0) expect(s.routing_shards).toBe(esDefaultRoutingShards(s.primaries));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('an index too large for Elasticsearch', () => {
  it('is refused with the shard count, the limit and what to do', async () => {
    const { parseWorkload } = await import('../../src/model/parse-workload.js');
    const { sizeWorkload } = await import('../../src/sizing/size-workload.js');
    const { UserError } = await import('../../src/model/problems.js');
    // 1e11 documents of 100 kB is about 10 PB of _source alone: at most 50 GiB per shard that is
    // far above 1024 primaries (index-modules.md: "limited to 1024 per index").
    const w = parseWorkload({ corpus: { documents: 100_000_000_000, source_bytes_per_document: 100_000 } });
    let caught: unknown;
    try {
      sizeWorkload(w, { constants: 'codec', data: modelData });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UserError);
    const p = (caught as InstanceType<typeof UserError>).problems[0]!;
    expect(p.path).toBe('corpus');
    expect(p.message).toMatch(/primary shards at the horizon .* above Elasticsearch's limit of 1024 shards per index$/);
    expect(p.fix).toMatch(/split the corpus across several indices/);
  });
});
