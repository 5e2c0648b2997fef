/**
 * Rows of shared/research/search-throughput.md the model was NOT fitted to, priced as checks
 * (scripts/fit-query-cost.ts prints them; docs/throughput.md lists them with the reason each is
 * out of the calibration set). Setups the source leaves out are filled in as `derivation` says.
 */
import type { ShardQueryInput } from '../../src/sizing/query-cost.js';
import type { CostRow } from './rows.js';
import { shardQueryInput } from '../helpers/shard-query-input.js';

function base(over: Partial<ShardQueryInput>): ShardQueryInput {
  return shardQueryInput(over);
}

export const OUT_OF_SAMPLE_ROWS: CostRow[] = [
  ...([
    [100, 18_520, 2.51],
    [200, 40_415, 3.94],
    [500, 109_367, 5.68],
  ] as Array<[number, number, number]>).map(([probe, visited, ms]): CostRow => ({
    id: `§2 row 17 n_probe ${probe}`,
    measured_ms: ms,
    derivation: 'mid-2025 n_probe code; visit ratio taken as visited / 3M; no rescoring assumed',
    input: base({ structure: 'ivf', quantization: 'bbq', vectors: 3_000_000, visit_ratio: visited / 3_000_000 }),
  })),
  {
    id: '§2 row 16 n_probe 10',
    measured_ms: 0.87,
    derivation: 'mid-2025 code; 384 dims inferred; visit ratio = 5,511 / 100,000',
    input: base({ structure: 'ivf', quantization: 'bbq', dims: 384, vectors: 100_000, visit_ratio: 5511 / 100_000 }),
  },
  ...([
    [768, 'none', 1.64],
    [768, 'int8', 2.049],
    [768, 'int4', 1.914],
    [1024, 'none', 1.838],
    [1024, 'int8', 2.393],
    [1024, 'int4', 2.263],
  ] as Array<[number, 'none' | 'int8' | 'int4', number]>).map(([dims, q, ms]): CostRow => ({
    id: `§2 row ${dims === 768 ? 21 : 22} ${q === 'none' ? 'float' : q}`,
    measured_ms: ms,
    derivation: 'k and num_candidates n/s: k = 100, num_candidates 100 assumed',
    input: base({ dims, quantization: q, k: 100 }),
  })),
  ...([
    [1, 0.621],
    [2, 1.245],
    [3, 1.546],
    [4, 2.006],
    [5, 2.483],
    [10, 4.489],
  ] as Array<[number, number]>).map(([o, ms]): CostRow => ({
    id: `§2 row 24 oversample ${o}`,
    measured_ms: ms,
    derivation: 'laptop; 1024 dims inferred; num_candidates = (k + fanout 50) x oversample assumed',
    input: base({ quantization: 'bbq', dims: 1024, num_candidates: 60 * o, oversample: o }),
  })),
  {
    id: '§2 row 25 bbq_flat',
    measured_ms: 39.39,
    derivation: 'laptop; 1024 dims inferred; no rescoring assumed',
    input: base({ structure: 'flat', quantization: 'bbq', dims: 1024 }),
  },
  ...([
    [0, 0.194],
    [5, 0.201],
    [10, 0.239],
  ] as Array<[number, number]>).map(([fanout, ms]): CostRow => ({
    id: `§2 row 26 fanout ${fanout}`,
    measured_ms: ms,
    derivation: 'k n/s: k = 10 assumed (num_candidates = k + fanout)',
    input: base({ quantization: 'bbq', num_candidates: 10 + fanout }),
  })),
  {
    id: '§2 row 27 (no intra-query threads)',
    measured_ms: 2.629,
    derivation: 'net CPU per query; 256 dims inferred; 7-bit as int8; num_candidates = k + fanout = 150',
    input: base({ quantization: 'int8', dims: 256, vectors: 100_000, segments: 13, k: 100, num_candidates: 150 }),
  },
  ...([
    [50, 3876.651],
    [100, 2347.171],
  ] as Array<[number, number]>).map(([nc, qps]): CostRow => ({
    id: `§2 row 28 n_cands ${nc}`,
    measured_ms: 1000 / qps,
    derivation: '2021 Lucene through ann-benchmarks; k = 10 assumed; 1000 / QPS',
    input: base({ dims: 128, num_candidates: nc }),
  })),
];
