/**
 * Evaluate: `esplan evaluate --json` on the built-in example as a whole process (median of N
 * runs), and, in-process, every generated workload's recommended data tier evaluated again
 * (workloads per second, and how many capacities differ from the one recommend reported: the two
 * share one model, so the answer should be none).
 */
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseWorkload } from '../src/model/parse-workload.js';
import { UserError } from '../src/model/problems.js';
import { buildEvaluation, buildPlan } from '../src/recommend/build-plan.js';
import { workloadInput } from '../test/support/arbitrary-workload.js';
import { summarize, round, type Summary } from './lib/stats.js';
import { timedSpawn } from './lib/timed-spawn.js';
import { SEARCH_SEED } from './search.js';
import { modelData } from '../test/helpers/model-data.js';

export interface EvaluateResult {
  command: string;
  whole_process: Summary;
  exit_code: number | null;
  workloads: number;
  evaluated: number;
  workloads_per_second: number;
  mean_ms_per_workload: number;
  slowest_ms: number;
  capacity_mismatches: number;
  crashed: number;
}

export function benchEvaluate(root: string, runs: number, count: number): EvaluateResult {
  const bin = join(root, 'bin', 'esplan.js');
  const args = [bin, 'evaluate', '--data', 'r6gd.4xlarge:3', '--json'];
  timedSpawn(process.execPath, args, root);
  const samples: number[] = [];
  let exit: number | null = null;
  for (let i = 0; i < runs; i++) {
    const r = timedSpawn(process.execPath, args, root);
    samples.push(r.ms);
    exit = r.result.status;
  }

  const inputs = fc.sample(fc.noBias(workloadInput('realistic')), { numRuns: count, seed: SEARCH_SEED });
  const options = { esplanVersion: 'bench', data: modelData };
  let evaluated = 0;
  let mismatches = 0;
  let crashed = 0;
  let slowest = 0;
  let totalMs = 0;
  for (const raw of inputs) {
    const w = parseWorkload(raw);
    let plan;
    try {
      plan = buildPlan(w, options);
    } catch (err) {
      if (err instanceof UserError) continue;
      crashed += 1;
      continue;
    }
    const data = plan.tiers[0]!;
    const t0 = process.hrtime.bigint();
    try {
      const ev = buildEvaluation(w, { instance_type: data.instance_type, nodes: data.nodes }, options);
      if (!isDeepStrictEqual(ev.capacity, plan.capacity)) mismatches += 1;
      evaluated += 1;
    } catch {
      crashed += 1;
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    totalMs += ms;
    if (ms > slowest) slowest = ms;
  }
  return {
    command: 'esplan evaluate --data r6gd.4xlarge:3 --json',
    whole_process: summarize(samples),
    exit_code: exit,
    workloads: inputs.length,
    evaluated,
    workloads_per_second: round((evaluated / totalMs) * 1000),
    mean_ms_per_workload: round(totalMs / Math.max(1, evaluated), 2),
    slowest_ms: round(slowest),
    capacity_mismatches: mismatches,
    crashed,
  };
}
