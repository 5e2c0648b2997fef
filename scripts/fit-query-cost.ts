/**
 * Prints the query-cost model's residual table (docs/throughput.md) from formulas/query-cost.json
 * and the calibration rows in test/calibration/rows.ts, plus the out-of-sample checks.
 * Run: npx tsx scripts/fit-query-cost.ts
 * The constants were fitted by least squares on log(predicted / measured) over these rows; this
 * script re-prices the rows with the committed constants so the docs table can be regenerated.
 */
import { loadQueryCost } from '../src/data/query-cost.js';
import { predictCacheRatio, predictRow } from '../test/calibration/predict.js';
import { CACHE_ROWS, COST_ROWS } from '../test/calibration/rows.js';
import { OUT_OF_SAMPLE_ROWS } from '../test/calibration/out-of-sample.js';

const model = loadQueryCost();
const fmt = (x: number): string => (x >= 100 ? x.toFixed(1) : x >= 10 ? x.toFixed(2) : x.toFixed(3));
let worst = 1;
let sumSq = 0;
let count = 0;

function line(id: string, measured: number, predicted: number, unit: string): void {
  const ratio = predicted / measured;
  worst = Math.max(worst, ratio, 1 / ratio);
  sumSq += Math.log(ratio) ** 2;
  count += 1;
  console.log(`| ${id} | ${fmt(measured)}${unit} | ${fmt(predicted)}${unit} | ${ratio.toFixed(2)} |`);
}

console.log('| row | measured | predicted | predicted / measured |');
console.log('|---|---|---|---|');
for (const row of COST_ROWS) line(row.id, row.measured_ms, predictRow(row, model), ' ms');
for (const row of CACHE_ROWS) line(`${row.id} (latency ratio to 450m)`, row.latency_ms / row.reference_latency_ms, predictCacheRatio(row, model), 'x');
console.log(`\n${count} rows; worst factor ${worst.toFixed(2)}; RMS log residual ${Math.sqrt(sumSq / count).toFixed(3)}\n`);

console.log('Out of sample (not fitted):\n');
console.log('| row | measured | predicted | predicted / measured | note |');
console.log('|---|---|---|---|---|');
for (const row of OUT_OF_SAMPLE_ROWS) {
  const p = predictRow(row, model);
  console.log(`| ${row.id} | ${fmt(row.measured_ms)} ms | ${fmt(p)} ms | ${(p / row.measured_ms).toFixed(2)} | ${row.derivation} |`);
}
