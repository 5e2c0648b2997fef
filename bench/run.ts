/**
 * `npm run bench`: start-up, search throughput, hostile-input timings and (once it exists) apply.
 * Writes bench/results/latest.json and bench/results/latest.md with the machine, Node version and
 * date. Never part of `npm test`: these are measurements, not pass/fail checks.
 *
 * Options: --runs N (start-up runs per command, default 25), --workloads N (search, default
 * 1000), --only startup,search,evaluate,hostile,apply.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchApply } from './apply.js';
import { benchEvaluate } from './evaluate.js';
import { benchHostileInput } from './hostile-input.js';
import { describeMachine } from './lib/machine.js';
import { renderMarkdown } from './report.js';
import { benchSearch } from './search.js';
import { benchStartup } from './startup.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '25' },
    workloads: { type: 'string', default: '1000' },
    only: { type: 'string', default: 'startup,search,evaluate,hostile,apply' },
  },
});
const only = new Set(values.only.split(','));
const runs = Math.max(20, Number(values.runs));
const workloads = Number(values.workloads);

const log = (s: string) => process.stderr.write(`${s}\n`);
const results: Record<string, unknown> = { machine: describeMachine() };

if (only.has('startup')) {
  log(`start-up: ${runs} runs each of recommend --json and node -e 0 ...`);
  results.startup = benchStartup(root, runs);
}
if (only.has('search')) {
  log(`search: ${workloads} generated workloads through buildPlan ...`);
  results.search = benchSearch(workloads);
}
if (only.has('evaluate')) {
  log(`evaluate: ${runs} runs of evaluate --json, then every generated workload's recommended tier evaluated ...`);
  results.evaluate = benchEvaluate(root, runs, workloads);
}
if (only.has('hostile')) {
  log('hostile input: every bad fixture and the generated worst cases ...');
  results.hostile_input = benchHostileInput(root, 3);
}
if (only.has('apply')) {
  log('apply: first apply and a no-op re-apply against the loopback fake ...');
  results.apply = await benchApply(root);
}

const dir = join(root, 'bench', 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
const md = renderMarkdown(results);
writeFileSync(join(dir, 'latest.md'), md);
process.stdout.write(md);
log(`written: bench/results/latest.json, bench/results/latest.md`);
