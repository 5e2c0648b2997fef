/**
 * One test per calibration row of the query-cost model (test/calibration/rows.ts, typed in from
 * shared/research/search-throughput.md): the model must reproduce each row's measured CPU ms per
 * query within a factor of 1.5. The residual table in docs/throughput.md lists the same rows.
 */
import { describe, expect, it } from 'vitest';
import { loadQueryCost } from '../../src/data/query-cost.js';
import { segmentsPerShard } from '../../src/sizing/query-cost.js';
import { predictCacheRatio, predictFilterRatio, predictRow, predictVisits } from './predict.js';
import { ACORN_ROWS, ACORN_SEGMENTS, ACORN_SHARD_BYTES, CACHE_ROWS, COST_ROWS, UNMERGED_VDB_SEGMENTS, UNMERGED_VDB_SHARD_BYTES, VISIT_ROWS } from './rows.js';

const model = loadQueryCost();
const TOLERANCE = 1.5;

describe('query-cost model reproduces every calibration row within a factor of 1.5', () => {
  for (const row of COST_ROWS) {
    it(`${row.id}: measured ${row.measured_ms.toFixed(3)} ms (${row.derivation})`, () => {
      const ratio = predictRow(row, model) / row.measured_ms;
      expect(ratio).toBeGreaterThanOrEqual(1 / TOLERANCE);
      expect(ratio).toBeLessThanOrEqual(TOLERANCE);
    });
  }
  for (const row of CACHE_ROWS) {
    const measured = row.latency_ms / row.reference_latency_ms;
    it(`${row.id}: latency ${row.latency_ms} ms vs ${row.reference_latency_ms} ms at 450m (x${measured.toFixed(2)})`, () => {
      const ratio = predictCacheRatio(row, model) / measured;
      expect(ratio).toBeGreaterThanOrEqual(1 / TOLERANCE);
      expect(ratio).toBeLessThanOrEqual(TOLERANCE);
    });
  }
  for (const row of ACORN_ROWS) {
    it(`${row.id}: latency ratio x${row.measured_ratio.toFixed(3)} (${row.derivation})`, () => {
      const ratio = predictFilterRatio(row, model) / row.measured_ratio;
      expect(ratio).toBeGreaterThanOrEqual(1 / TOLERANCE);
      expect(ratio).toBeLessThanOrEqual(TOLERANCE);
    });
  }
  for (const row of VISIT_ROWS) {
    it(`${row.id}: ${row.measured_visits} nodes scored per query`, () => {
      const ratio = predictVisits(row, model) / row.measured_visits;
      expect(ratio).toBeGreaterThanOrEqual(1 / TOLERANCE);
      expect(ratio).toBeLessThanOrEqual(TOLERANCE);
    });
  }
});

describe('the unmerged section 1 shard', () => {
  it('has the segment count segmentsPerShard gives for its bytes', () => {
    // 1,000,000 x (3072 + 128) B = 3.2e9 B: tiers of 10 x 2 MiB, 10 x 20 MiB, 10 x 200 MiB take
    // 2,327,838,720 B; the remaining 872,161,280 B at the 2000 MiB level is 0.42 of a segment -> 1.
    // 10 + 10 + 10 + 1 = 31.
    expect(UNMERGED_VDB_SHARD_BYTES).toBe(3_200_000_000);
    expect(segmentsPerShard({ shard_bytes: UNMERGED_VDB_SHARD_BYTES, force_merged: false }, model).segments).toBe(UNMERGED_VDB_SEGMENTS);
  });
});

describe('the Lucene #14160 nightly index', () => {
  it('has the segment count segmentsPerShard gives for its bytes', () => {
    // 8,000,000 x (3072 + 128) B = 25.6e9 B. Tiers of 10 x 2 MiB, 10 x 20 MiB, 10 x 200 MiB take
    // 2,327,838,720 B; 23,272,161,280 B remain, 11.1 segments of 2000 MiB (2,097,152,000 B), so
    // that tier is full: 10 more, leaving 2,300,641,280 B at the 5 GiB cap (5,368,709,120 B):
    // 0.43 of a segment -> 1. 10 + 10 + 10 + 10 + 1 = 41.
    expect(ACORN_SHARD_BYTES).toBe(25_600_000_000);
    expect(segmentsPerShard({ shard_bytes: ACORN_SHARD_BYTES, force_merged: false }, model).segments).toBe(ACORN_SEGMENTS);
  });
});
