/**
 * Search: 1,000 generated workloads (seeded, so every run sizes the same set) through the whole
 * pipeline, `buildPlan` (sizing, then the exhaustive data-tier search and the support tiers).
 * Reports workloads per second and how big the search space is: catalog entries per provider and
 * node counts tried per entry.
 */
import fc from 'fast-check';
import { catalogEntries } from '../src/data/catalogs.js';
import { loadTopologyRules } from '../src/data/node-memory.js';
import { parseWorkload } from '../src/model/parse-workload.js';
import { UserError } from '../src/model/problems.js';
import { PROVIDERS, type Provider, type Workload } from '../src/model/workload.js';
import { buildPlan } from '../src/recommend/build-plan.js';
import { workloadInput } from '../test/support/arbitrary-workload.js';
import { round } from './lib/stats.js';
import { modelData } from '../test/helpers/model-data.js';
import { loadCatalog } from '../src/data/catalogs.js';

export const SEARCH_SEED = 20261124;

export interface SearchResult {
  workloads: number;
  seed: number;
  generator: string;
  total_ms: number;
  workloads_per_second: number;
  mean_ms_per_workload: number;
  slowest_ms: number;
  planned: number;
  refused_with_user_error: number;
  refusal_reasons: Record<string, number>;
  crashed: number;
  crashes: string[];
  by_provider: Record<string, number>;
  catalog: {
    entries_per_provider: Record<Provider, number>;
    entries_total: number;
    max_data_nodes_per_entry: number;
    note: string;
  };
}

export function benchSearch(count: number): SearchResult {
  // Unbiased: the property tests lean on edge values on purpose; a throughput figure should not.
  const inputs = fc.sample(fc.noBias(workloadInput('realistic')), { numRuns: count, seed: SEARCH_SEED });
  const workloads: Workload[] = inputs.map((raw) => parseWorkload(raw));
  const options = { esplanVersion: 'bench', data: modelData };

  // Load the data files and catalogs once, as the CLI does on its one run, so the timing is the search.
  for (const provider of PROVIDERS) catalogEntries(loadCatalog(provider));
  buildPlan(workloads[0]!, options);

  let planned = 0;
  let refused = 0;
  const reasons: Record<string, number> = {};
  const crashes: string[] = [];
  const byProvider: Record<string, number> = {};
  let slowest = 0;
  const start = process.hrtime.bigint();
  for (const w of workloads) {
    const t0 = process.hrtime.bigint();
    try {
      buildPlan(w, options);
      planned += 1;
    } catch (err) {
      if (err instanceof UserError) {
        refused += 1;
        const key = err.problems[0]?.message.replace(/[\d.,]+/g, 'N').slice(0, 90) ?? 'unknown';
        reasons[key] = (reasons[key] ?? 0) + 1;
      } else {
        crashes.push(String((err as Error).stack ?? err).split('\n').slice(0, 3).join(' | '));
      }
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms > slowest) slowest = ms;
    byProvider[w.deployment.provider] = (byProvider[w.deployment.provider] ?? 0) + 1;
  }
  const totalMs = Number(process.hrtime.bigint() - start) / 1e6;

  const perProvider = Object.fromEntries(PROVIDERS.map((p) => [p, catalogEntries(loadCatalog(p)).length])) as Record<Provider, number>;
  return {
    workloads: workloads.length,
    seed: SEARCH_SEED,
    generator: "test/support/arbitrary-workload.ts workloadInput('realistic'), unbiased",
    total_ms: round(totalMs),
    workloads_per_second: round((workloads.length / totalMs) * 1000),
    mean_ms_per_workload: round(totalMs / workloads.length, 2),
    slowest_ms: round(slowest),
    planned,
    refused_with_user_error: refused,
    refusal_reasons: reasons,
    crashed: crashes.length,
    crashes: crashes.slice(0, 10),
    by_provider: byProvider,
    catalog: {
      entries_per_provider: perProvider,
      entries_total: Object.values(perProvider).reduce((a, b) => a + b, 0),
      max_data_nodes_per_entry: loadTopologyRules().max_data_nodes.value,
      note: 'Each workload searches every entry of its provider, each at node counts in steps of the zone count up to max_data_nodes (stopping early once more nodes cannot be cheaper)',
    },
  };
}
