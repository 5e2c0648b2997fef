/**
 * Start-up: `esplan recommend --json` on the built-in example against a bare `node -e 0`, each a
 * whole process, interleaved so both see the same machine load; reports medians and their ratio.
 * Also lists what the JSON path loads, and whether any of the heavy libraries that only other
 * commands need (Elasticsearch client, prompts, table renderer) were among them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { summarize, round, type Summary } from './lib/stats.js';
import { timedSpawn } from './lib/timed-spawn.js';

/** Libraries that must stay off the `recommend --json` path (issue #7). */
export const HEAVY_PACKAGES = ['@elastic/elasticsearch', '@inquirer/prompts', 'cli-table3'] as const;

export interface StartupResult {
  command: string;
  baseline: string;
  warmup_runs: number;
  esplan: Summary;
  bare_node: Summary;
  ratio_of_medians: number;
  /** Less sensitive to a busy machine than the medians; shown for context, the target is on medians. */
  ratio_of_minimums: number;
  target_ratio: number;
  exit_code: number | null;
  modules: ModuleReport;
}

export interface ModuleReport {
  total: number;
  by_package: Record<string, number>;
  esplan_files: number;
  heavy_loaded: string[];
}

export function benchStartup(root: string, runs: number): StartupResult {
  const bin = join(root, 'bin', 'esplan.js');
  const args = [bin, 'recommend', '--json'];
  const bare = ['-e', '0'];
  const warmup = 3;
  for (let i = 0; i < warmup; i++) {
    timedSpawn(process.execPath, bare, root);
    timedSpawn(process.execPath, args, root);
  }
  const esplanMs: number[] = [];
  const bareMs: number[] = [];
  let exitCode: number | null = null;
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first so neither always runs right after the other.
    const order = i % 2 === 0 ? ['bare', 'esplan'] : ['esplan', 'bare'];
    for (const which of order) {
      if (which === 'bare') bareMs.push(timedSpawn(process.execPath, bare, root).ms);
      else {
        const run = timedSpawn(process.execPath, args, root);
        exitCode = run.result.status;
        esplanMs.push(run.ms);
      }
    }
  }
  const esplan = summarize(esplanMs);
  const bareNode = summarize(bareMs);
  return {
    command: 'node bin/esplan.js recommend --json',
    baseline: 'node -e 0',
    warmup_runs: warmup,
    esplan,
    bare_node: bareNode,
    ratio_of_medians: round(esplan.median_ms / bareNode.median_ms, 2),
    ratio_of_minimums: round(esplan.min_ms / bareNode.min_ms, 2),
    target_ratio: 3,
    exit_code: exitCode,
    modules: traceModules(root, args),
  };
}

/** Runs the command once under loader hooks that record every module it loads. */
export function traceModules(root: string, args: readonly string[]): ModuleReport {
  const dir = mkdtempSync(join(tmpdir(), 'esplan-trace-'));
  const out = join(dir, 'modules.txt');
  try {
    const register = pathToFileURL(join(root, 'bench', 'lib', 'trace-register.mjs')).href;
    timedSpawn(process.execPath, ['--import', register, ...args], root, { ...process.env, ESPLAN_TRACE_OUT: out });
    const urls = [...new Set(readFileSync(out, 'utf8').split('\n').filter(Boolean))].filter((u) => !u.includes('/bench/lib/'));
    const byPackage: Record<string, number> = {};
    let esplanFiles = 0;
    for (const url of urls) {
      const pkg = packageOf(url);
      if (pkg) byPackage[pkg] = (byPackage[pkg] ?? 0) + 1;
      else if (url.startsWith('file:')) esplanFiles += 1;
    }
    return {
      total: urls.length,
      by_package: byPackage,
      esplan_files: esplanFiles,
      heavy_loaded: HEAVY_PACKAGES.filter((p) => p in byPackage),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function packageOf(url: string): string | undefined {
  const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node: (built-in)';
  return undefined;
}
