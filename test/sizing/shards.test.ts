import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UserError } from '../../src/model/problems.js';
import { loadFormulaBook } from '../../src/data/formulas.js';
import { Derivation } from '../../src/sizing/derivation.js';
import { chooseRoutingShards, planShards, splitFactors } from '../../src/sizing/shards.js';
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

  it('plans routing shards for a split factor of 3 when the corpus triples each horizon, keeping x2', () => {
    // growth (1 + 0.095)^12 = 2.971 -> split factor ceil(2.971) = 3.
    // 1 primary: routing / primaries at most 1024 and even (keeps x2). The most splits by 3 in a row:
    // 2 x 3^6 = 1458 > 1024, 2 x 3^5 = 486 fits, so 3^5 divides it: 486 or 972 (2 x 486 = 972 <= 1024).
    // 972 = 2^2 x 3^5 has (2+1)(5+1) - 1 = 17 split factors, 486 = 2 x 3^5 has 11: 972.
    // Elasticsearch's default 1024 has 10 (2 .. 1024), so 17 is not fewer.
    const { result } = sizeOne({
      documents: 1000,
      vector: { field: 'v', dims: 64, index_type: 'flat' },
      growth: { monthly_rate: 0.095, months: 12 },
    });
    expect(result.shards.routing_shards).toBe(972);
    expect(result.shards.split_factors).toEqual([2, 3, 4, 6, 9, 12, 18, 27, 36, 54, 81, 108, 162, 243, 324, 486, 972]);
    expect(result.basis.find((b) => b.id === 'shards.routing_shards')).toMatchObject({ kind: 'policy', result: 972 });
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
          // A split needs a target of at most 1024 shards; above 512 primaries none fits.
          expect(s.split_factors.length > 0).toBe(s.primaries <= 512);
          for (const f of s.split_factors) {
            expect(s.routing_shards % (s.primaries * f)).toBe(0);
            expect(s.primaries * f).toBeLessThanOrEqual(1024);
          }
          // one fewer primary would break a limit
          if (s.primaries > 1) {
            const fewer = s.primaries - 1;
            const tooBig = Math.ceil(result.sizing.primary_disk_bytes / fewer) > GIB50;
            const tooMany = Math.ceil(result.sizing.lucene_docs / fewer) >= MAX_DOCS;
            expect(tooBig || tooMany).toBe(true);
          }
          if (rate === 0 || months === 0) expect(s.routing_shards).toBe(esDefaultRoutingShards(s.primaries));
          // never fewer clean splits than Elasticsearch's default, and x2 while it fits
          expect(s.split_factors.length).toBeGreaterThanOrEqual(usableFactors(s.primaries, esDefaultRoutingShards(s.primaries)).length);
          if (s.primaries <= 512) expect(s.split_factors).toContain(2);
        },
      ),
      { seed: 20261203, numRuns: 200 },
    );
  });
});

/** Planning inputs that give exactly `primaries` shards by size (each just under 50 GiB). */
function planFor(primaries: number, growth_factor: number) {
  const d = new Derivation(loadFormulaBook());
  const plan = planShards(d, {
    documents: 1000,
    nested_per_document: 0,
    primary_disk_bytes: primaries * GIB50 - 1, // ceil((p x 50 GiB - 1) / 50 GiB) = p
    replicas: 1,
    growth_factor,
    growth_planned: growth_factor > 1,
  });
  expect(plan.shards.primaries).toBe(primaries);
  return { plan, basis: d.basis };
}

/** Usable clean split factors of a layout, counted by hand rules: f divides routing / primaries, and primaries x f <= 1024. */
function usableFactors(primaries: number, routing: number): number[] {
  const out: number[] = [];
  for (let f = 2; primaries * f <= 1024; f += 1) if (routing % (primaries * f) === 0) out.push(f);
  return out;
}

describe('routing shards never allow fewer clean splits than Elasticsearch\'s default (issue 11, research D5)', () => {
  // 82 primaries: Elasticsearch's default is 82 << max(1, 10 - ceil(log2 82)) = 82 << (10 - 7) = 656,
  // splits x2, x4, x8 (82 x 8 = 656 <= 1024; 82 x 16 = 1312 is past the 1024 shard limit).
  // Any layout keeps routing / 82 <= floor(1024 / 82) = 12 (82 x 12 = 984, 82 x 13 = 1066).
  it('82 primaries, no growth: the default 656 (x2, x4, x8)', () => {
    const { plan } = planFor(82, 1);
    expect(plan.shards.routing_shards).toBe(656);
    expect(plan.shards.split_factors).toEqual([2, 4, 8]);
  });

  it('82 primaries, growth 3: 984 = 82 x 12 (x2, x3, x4, x6, x12), not 738 = 82 x 3^2 (x3, x9: no x2)', () => {
    // split factor ceil(3) = 3; 656 / 82 = 8 has no factor 3. Even multiples of 3 up to 12: 6 and 12,
    // each with 3^1 only; 6 gives x2, x3, x6 (3 factors), 12 gives x2, x3, x4, x6, x12 (5): 12.
    // 5 >= the default's 3.
    const { plan, basis } = planFor(82, 3);
    expect(plan.shards.routing_shards).toBe(984);
    expect(plan.shards.split_factors).toEqual([2, 3, 4, 6, 12]);
    const note = basis.find((b) => b.id === 'shards.routing_shards');
    expect(note?.kind).toBe('policy');
    expect(note?.description).toMatch(/656/); // names the default it was compared with
    expect(plan.warnings.map((w) => w.code)).not.toContain('ROUTING_SPLIT_BELOW_GROWTH');
  });

  it('82 primaries, growth 3.5 and 4: the default 656, whose x4 covers the growth (not 328 = 82 x 4: x2, x4 only)', () => {
    // ceil(3.5) = ceil(4) = 4, and 8 (= 656 / 82) is a multiple of 4: leave Elasticsearch's default.
    for (const g of [3.5, 4]) {
      const { plan } = planFor(82, g);
      expect(plan.shards.routing_shards, `growth ${g}`).toBe(656);
      expect(plan.shards.split_factors).toEqual([2, 4, 8]);
    }
  });

  it('82 primaries, growth 7: no even layout up to 12 has a factor 7, so x8 of the default covers it', () => {
    // ceil(7) = 7; an even multiple of 7 is at least 14 > 12. Even layouts up to 12 with at least 3
    // factors: 8 (x2, x4, x8), 10 (x2, x5, x10), 12 (x2, x3, x4, x6, x12); the smallest factor >= 7 is
    // 8 in 8, 10 in 10, 12 in 12: 8 splits the least past the growth, so 656.
    const { plan } = planFor(82, 7);
    expect(plan.shards.routing_shards).toBe(656);
  });

  it('82 primaries, growth 20: the largest split that fits (x12) and a warning that it is short of x20', () => {
    // ceil(20) = 20 > 12: no layout of 82 primaries splits by 20 within 1024 shards. The largest even
    // layout with at least 3 factors is 12 (984); the old formula gave 82 x 20 = 1640, a split past 1024.
    const { plan } = planFor(82, 20);
    expect(plan.shards.routing_shards).toBe(984);
    const w = plan.warnings.find((x) => x.code === 'ROUTING_SPLIT_BELOW_GROWTH');
    expect(w?.message).toMatch(/x12/);
    expect(w?.message).toMatch(/20/);
  });

  it('1 primary, growth 3: 972 = 2^2 x 3^5', () => {
    // 2 x 3^6 = 1458 > 1024; 3^5: 486 (11 factors) or 972 (17): 972; default 1024 has 10.
    expect(planFor(1, 3).plan.shards.routing_shards).toBe(972);
  });

  it('3 primaries, growth 3: 972 = 3 x 324; growth 4: the default 768', () => {
    // floor(1024 / 3) = 341; 2 x 3^5 = 486 > 341, 2 x 3^4 = 162 fits: 162 (2 x 3^4, 9 factors) or
    // 324 (2^2 x 3^4, 14): 324 -> 972. Default 3 << 8 = 768 (256: 8 factors). Growth 4: 256 % 4 = 0.
    expect(planFor(3, 3).plan.shards.routing_shards).toBe(972);
    expect(planFor(3, 4).plan.shards.routing_shards).toBe(768);
  });

  it('5 primaries, growth 3: 810 = 5 x 162; growth 1.5: the default 640', () => {
    // floor(1024 / 5) = 204; 2 x 3^4 = 162 fits, 2 x 3^5 does not; multiples of 162 up to 204: 162 only,
    // 9 factors against the default's 7 (640 / 5 = 128 = 2^7). Growth 1.5: ceil = 2, the default.
    expect(planFor(5, 3).plan.shards.routing_shards).toBe(810);
    expect(planFor(5, 1.5).plan.shards.routing_shards).toBe(640);
  });

  it('primaries near 512: 256 x 4 = 1024 covers growth 3 by x4; 341 and 512 warn; 513 and 1024 cannot split at all', () => {
    // 256: floor(1024 / 256) = 4; even multiples of 3 up to 4: none; 2 (1 factor) falls short of the
    // default's 2 (x2, x4); 4 has x4 >= 3: 1024, the default.
    expect(planFor(256, 3).plan.shards.routing_shards).toBe(1024);
    expect(planFor(256, 3).plan.warnings.map((w) => w.code)).not.toContain('ROUTING_SPLIT_BELOW_GROWTH');
    // 341: floor(1024 / 341) = 3, default 341 << max(1, 10 - 9) = 682 (x2). Keeping x2 leaves 2 < 3.
    const p341 = planFor(341, 3).plan;
    expect(p341.shards.routing_shards).toBe(682);
    expect(p341.shards.split_factors).toEqual([2]);
    expect(p341.warnings.map((w) => w.code)).toContain('ROUTING_SPLIT_BELOW_GROWTH');
    // 512: default 1024 (x2) at any growth.
    expect(planFor(512, 1).plan.shards.routing_shards).toBe(1024);
    expect(planFor(512, 3).plan.shards.routing_shards).toBe(1024);
    // 513: 513 x 2 = 1026 > 1024: no split fits; the routing shards stay Elasticsearch's default 1026.
    const p513 = planFor(513, 3).plan;
    expect(p513.shards.routing_shards).toBe(1026);
    expect(p513.shards.split_factors).toEqual([]);
    expect(planFor(1024, 1).plan.shards.routing_shards).toBe(2048);
    expect(planFor(1024, 1).plan.shards.split_factors).toEqual([]);
  });

  it('property: never fewer clean splits than the default, x2 whenever any split fits, the growth split when one fits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1024 }),
        // growth per horizon, log-uniform from 1 (none) to 1000x
        fc.double({ min: 0, max: 3, noNaN: true }).map((e) => 10 ** e),
        (primaries, growth) => {
          const def = esDefaultRoutingShards(primaries);
          const choice = chooseRoutingShards({
            primaries,
            default_routing_shards: def,
            split_factor: growth > 1 ? Math.max(2, Math.ceil(growth)) : undefined,
            growth_factor: growth,
            max_number_of_shards: 1024,
            keep_split_factor: 2,
          });
          const r = choice.routing_shards;
          expect(r % primaries).toBe(0);
          expect(r).toBeLessThanOrEqual(Math.max(1024, def));
          const mine = usableFactors(primaries, r);
          expect(choice.split_factors).toEqual(mine);
          const theirs = usableFactors(primaries, def);
          expect(mine.length).toBeGreaterThanOrEqual(theirs.length);
          if (primaries * 2 <= 1024) expect(mine).toContain(2);
          if (growth <= 2) expect(r).toBe(def);
          const f = Math.max(2, Math.ceil(growth));
          // The default already has the growth split: it stays.
          if (primaries * f <= 1024 && (def / primaries) % f === 0) expect(r).toBe(def);
          // An even layout with the growth split and the default's count exists (2f itself, when it has
          // enough factors, or the default times f when that fits): it is taken.
          if (growth > 1 && primaries * 2 * f <= 1024 && usableFactors(primaries, primaries * 2 * f).length >= theirs.length) {
            expect(mine).toContain(f);
          }
          // Short of the growth only when no even layout reaches it.
          if (Math.max(...mine, 1) < growth) expect(choice.covers_growth).toBe(false);
          // The default is itself a candidate: when its largest split reaches the growth, so does the choice.
          if (primaries * 2 <= 1024 && def / primaries >= growth) expect(choice.covers_growth).toBe(true);
          expect(choice.covers_growth).toBe(mine.some((x) => x >= growth) || growth <= 1);
        },
      ),
      { seed: 1103, numRuns: 500 },
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
