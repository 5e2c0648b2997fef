/**
 * The query-cost model's fit (docs/throughput.md). Run: npx tsx scripts/fit-query-cost.ts [--fit]
 *
 * Without --fit: prices every calibration row (test/calibration/rows.ts) with the constants in
 * formulas/query-cost.json and prints the residual table, then the out-of-sample checks.
 * With --fit: refits the fitted constants from the rows by least squares on
 * log(predicted / measured) (Nelder-Mead in log space, from the committed values) and prints
 * the values it finds beside the committed ones; copy them into the JSON by hand, rounded.
 * Tests never read this script's output.
 */
import { loadQueryCost } from '../src/data/query-cost.js';
import type { QueryCostModel } from '../src/sizing/query-cost.js';
import { predictCacheRatio, predictFilterRatio, predictRow, predictVisits } from '../test/calibration/predict.js';
import { ACORN_ROWS, ACORN_SPEEDUP_CHECKS, CACHE_ROWS, COST_ROWS, VISIT_ROWS } from '../test/calibration/rows.js';
import { OUT_OF_SAMPLE_ROWS } from '../test/calibration/out-of-sample.js';

const committed = loadQueryCost();
const fmt = (x: number): string => (x >= 100 ? x.toFixed(1) : x >= 10 ? x.toFixed(2) : x.toFixed(3));

/** Constants fitted to the cost and visit rows together, then the two cache constants to row 14 alone. */
const JOINT = [
  'scoring.hop_us',
  'scoring.score_ns_per_dim',
  'scoring.element_factor.int8',
  'scoring.element_factor.int4',
  'scoring.element_factor.bbq',
  'hnsw.visits_per_candidate',
  'hnsw.visits_segment_exponent',
  'filter.walk_selectivity_exponent',
  'filter.exact_sparse_ns_per_byte',
  'filter.filter_doc_ns',
  'coordination.search_base_ms',
  'ivf.score_ns_per_dim',
];
const CACHE = ['cache.hnsw_miss_exponent', 'cache.scan_miss_cost'];
/** Fitted last, to the ACORN latency ratios alone (the baseline constants stay as fitted above). */
const ACORN = ['filter.acorn_walk_factor'];

type Mutable = Record<string, unknown>;
function entry(model: Mutable, path: string): { value: number } {
  let node: unknown = model;
  for (const key of path.split('.')) node = (node as Mutable)[key];
  return node as { value: number };
}
function withValues(paths: string[], values: number[], from: QueryCostModel): QueryCostModel {
  const copy = JSON.parse(JSON.stringify(from)) as Mutable;
  paths.forEach((p, i) => (entry(copy, p).value = values[i]!));
  return copy as unknown as QueryCostModel;
}

function costResiduals(model: QueryCostModel): number[] {
  return [
    ...COST_ROWS.map((r) => Math.log(predictRow(r, model) / r.measured_ms)),
    ...VISIT_ROWS.map((r) => Math.log(predictVisits(r, model) / r.measured_visits)),
  ];
}
function acornResiduals(model: QueryCostModel): number[] {
  return ACORN_ROWS.map((r) => Math.log(predictFilterRatio(r, model) / r.measured_ratio));
}
function cacheResiduals(model: QueryCostModel): number[] {
  return CACHE_ROWS.map((r) => Math.log(predictCacheRatio(r, model) / (r.latency_ms / r.reference_latency_ms)));
}

/** Nelder-Mead minimisation of f over x (log-space parameters). */
function nelderMead(f: (x: number[]) => number, start: number[], iterations = 20_000): number[] {
  const n = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + 0.1 : v)))].map((x) => ({ x, f: f(x) }));
  for (let it = 0; it < iterations; it++) {
    simplex.sort((a, b) => a.f - b.f);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.f - best.f) < 1e-12) break;
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((s, p) => s + p.x[j]!, 0) / n);
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.x[j]! - c));
    const r = { x: along(-1), f: 0 };
    r.f = f(r.x);
    if (r.f < best.f) {
      const e = { x: along(-2), f: 0 };
      e.f = f(e.x);
      simplex[n] = e.f < r.f ? e : r;
    } else if (r.f < simplex[n - 1]!.f) {
      simplex[n] = r;
    } else {
      const c = { x: along(0.5), f: 0 };
      c.f = f(c.x);
      if (c.f < worst.f) simplex[n] = c;
      else simplex = simplex.map((p, i) => (i === 0 ? p : { x: p.x.map((v, j) => best.x[j]! + 0.5 * (v - best.x[j]!)), f: f(p.x.map((v, j) => best.x[j]! + 0.5 * (v - best.x[j]!))) }));
    }
  }
  simplex.sort((a, b) => a.f - b.f);
  return simplex[0]!.x;
}

function fit(paths: string[], residuals: (m: QueryCostModel) => number[], from: QueryCostModel): number[] {
  const sumSq = (logs: number[]) => residuals(withValues(paths, logs.map(Math.exp), from)).reduce((s, r) => s + r * r, 0);
  let x = paths.map((p) => Math.log(entry(from as unknown as Mutable, p).value));
  for (let round = 0; round < 5; round++) x = nelderMead(sumSq, x);
  return x.map(Math.exp);
}

if (process.argv.includes('--fit')) {
  const joint = fit(JOINT, costResiduals, committed);
  const afterJoint = withValues(JOINT, joint, committed);
  const cache = fit(CACHE, cacheResiduals, afterJoint);
  const acorn = fit(ACORN, acornResiduals, withValues(CACHE, cache, afterJoint));
  console.log('| constant | committed | refitted |');
  console.log('|---|---|---|');
  const all = [...JOINT, ...CACHE, ...ACORN];
  const values = [...joint, ...cache, ...acorn];
  all.forEach((p, i) => console.log(`| ${p} | ${entry(committed as unknown as Mutable, p).value} | ${Number(values[i]!.toPrecision(3))} |`));
} else {
  let worst = 1;
  let sumSq = 0;
  let count = 0;
  const line = (id: string, measured: number, predicted: number, unit: string): void => {
    const ratio = predicted / measured;
    worst = Math.max(worst, ratio, 1 / ratio);
    sumSq += Math.log(ratio) ** 2;
    count += 1;
    const show = (x: number) => (unit === ' visits' ? String(Math.round(x)) : fmt(x));
    console.log(`| ${id} | ${show(measured)}${unit} | ${show(predicted)}${unit} | ${ratio.toFixed(2)} |`);
  };
  console.log('| row | measured | predicted | predicted / measured |');
  console.log('|---|---|---|---|');
  for (const row of COST_ROWS) line(row.id, row.measured_ms, predictRow(row, committed), ' ms');
  for (const row of CACHE_ROWS) line(`${row.id} (latency / latency at 450m)`, row.latency_ms / row.reference_latency_ms, predictCacheRatio(row, committed), 'x');
  for (const row of VISIT_ROWS) line(row.id, row.measured_visits, predictVisits(row, committed), ' visits');
  for (const row of ACORN_ROWS) line(`${row.id} (latency ratio)`, row.measured_ratio, predictFilterRatio(row, committed), 'x');
  console.log(`\n${count} rows; worst factor ${worst.toFixed(2)}; RMS log residual ${Math.sqrt(sumSq / count).toFixed(3)}\n`);
  console.log('| row | measured | predicted | predicted / measured | setup filled in |');
  console.log('|---|---|---|---|---|');
  for (const row of OUT_OF_SAMPLE_ROWS) {
    const p = predictRow(row, committed);
    console.log(`| ${row.id} | ${fmt(row.measured_ms)} ms | ${fmt(p)} ms | ${(p / row.measured_ms).toFixed(2)} | ${row.derivation} |`);
  }
  for (const row of ACORN_SPEEDUP_CHECKS) {
    const p = predictFilterRatio(row, committed);
    console.log(`| ${row.id} | ${fmt(row.measured_ratio)}x | ${fmt(p)}x | ${(p / row.measured_ratio).toFixed(2)} | ${row.derivation}; ${ACORN_ROWS[0]!.input.segments} segments from segmentsPerShard |`);
  }
}
