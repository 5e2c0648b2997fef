/**
 * Elasticsearch's default number_of_routing_shards and the split example from the index settings
 * docs, checked against esplan's shard plan (sizeWorkload) and its formula data directly.
 * test/sizing/shards.test.ts checks these examples only against a re-implementation of the Java code;
 * here esplan itself must produce them.
 */
import { describe, expect, it } from 'vitest';
import { loadFormulaBook } from '../../src/data/formulas.js';
import { Derivation } from '../../src/sizing/derivation.js';
import { splitFactors } from '../../src/sizing/shards.js';
import { sizeOne } from '../sizing/helpers.js';

// Source: SOURCES.routingCode (MetadataCreateIndexService.calculateNumRoutingShards):
//   numSplits = max(1, 10 - ceil(log2(numShards))); routing = numShards << numSplits
// and SOURCES.indexModules: "The default is designed to allow you to split by factors of 2 up to a
// maximum of 1024 shards". Examples by hand (exact, no tolerance: these are integers):
const EXAMPLES: Array<[number, number]> = [
  [1, 1024], // ceil(log2 1) = 0 -> 10 splits: 1 * 2^10
  [2, 1024], // 1 -> 9 splits: 2 * 2^9
  [3, 768], // 2 -> 8 splits: 3 * 2^8
  [5, 640], // 3 -> 7 splits: 5 * 2^7
  [6, 768], // 3 -> 7 splits: 6 * 2^7
  [100, 800], // 7 -> 3 splits: 100 * 2^3
  [1024, 2048], // 10 -> max(1, 0) = 1 split: 1024 * 2
];

describe('default number_of_routing_shards (calculateNumRoutingShards examples)', () => {
  it('formulas/shards.json shards.routing_default gives every example', () => {
    const d = new Derivation(loadFormulaBook());
    for (const [primaries, routing] of EXAMPLES) {
      expect(d.eval('shards.routing_default', { primaries, max_number_of_shards: 1024 })).toBe(routing);
    }
  });

  for (const [primaries, routing] of EXAMPLES) {
    it(`a workload that needs ${primaries} primaries gets ${routing} routing shards`, () => {
      // primaries come from the 200M-documents-per-shard rule: documents = primaries * 199,999,999
      // -> ceil(documents / 199,999,999) = primaries; 8-dim bit vectors keep the bytes far below 50GB a shard.
      const { result } = sizeOne({
        documents: primaries * 199_999_999,
        vector: { field: 'v', dims: 8, element_type: 'bit', index_type: 'flat' },
      });
      expect(result.shards.primaries).toBe(primaries);
      expect(result.shards.routing_shards).toBe(routing);
      // every power of 2 up to routing / primaries is a valid split factor, as long as the target
      // (primaries x factor) stays within index.number_of_shards' 1024: 1024 x 2 = 2048 does not.
      if (primaries * 2 <= 1024) expect(result.shards.split_factors).toContain(routing / primaries);
      else expect(result.shards.split_factors).toEqual([]);
      for (const f of result.shards.split_factors) expect(Math.log2(f) % 1).toBe(0);
    });
  }
});

describe('index-modules.md: "a 5 shard index with number_of_routing_shards set to 30 (5 x 2 x 3) could be split by a factor of 2 or 3"', () => {
  it('esplan lists 2 and 3 (and 6 = 2 x 3) as split factors of that layout', () => {
    // factors of 30 / 5 = 6 above 1: 2, 3, 6
    expect(splitFactors(30 / 5)).toEqual([2, 3, 6]);
  });

  it('the default for 5 primaries (640) allows only factors of 2, as the docs say', () => {
    expect(splitFactors(640 / 5)).toEqual([2, 4, 8, 16, 32, 64, 128]);
  });

  it('planned growth that needs a split by 6 yields routing shards that allow the docs\' 2 and 3', () => {
    // growth 1.15^12 = 5.3503 -> split factor ceil(5.3503) = 6; documents at the horizon
    // ceil(170,000,000 * 5.3503) = 909,542,518 -> ceil(909,542,518 / 199,999,999) = 5 primaries.
    // routing / 5 <= floor(1024 / 5) = 204. The most splits by 6 in a row: 6^2 = 36 fits, 6^3 = 216
    // does not; multiples of 36 up to 204: 36, 72, 108, 144, 180 with 8, 11, 11, 14 and 17 split
    // factors (180 = 2^2 x 3^2 x 5: 3 x 3 x 2 - 1 = 17), against 7 for the default 640: 180 -> 900,
    // a multiple of the docs' 30, so every split the docs' layout allows stays possible.
    const { result } = sizeOne({
      documents: 170_000_000,
      vector: { field: 'v', dims: 8, element_type: 'bit', index_type: 'flat' },
      growth: { monthly_rate: 0.15, months: 12 },
    });
    expect(result.shards.primaries).toBe(5);
    expect(result.shards.routing_shards).toBe(900);
    expect(result.shards.routing_shards % 30).toBe(0);
    expect(result.shards.split_factors).toEqual(expect.arrayContaining([2, 3, 6]));
  });
});
