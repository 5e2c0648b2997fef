/** The Markdown form of bench/results/latest.json, for people and for quoting in the README. */
import type { ApplyResult } from './apply.js';
import type { EvaluateResult } from './evaluate.js';
import type { HostileResult } from './hostile-input.js';
import type { Machine } from './lib/machine.js';
import type { SearchResult } from './search.js';
import type { StartupResult } from './startup.js';

interface Results {
  machine?: Machine;
  startup?: StartupResult;
  search?: SearchResult;
  evaluate?: EvaluateResult;
  hostile_input?: HostileResult;
  apply?: ApplyResult;
}

export function renderMarkdown(input: Record<string, unknown>): string {
  const r = input as Results;
  const out: string[] = ['# esplan benchmarks', ''];
  if (r.machine) {
    const m = r.machine;
    out.push(`Measured ${m.date} on ${m.cpu_model} (${m.cores} cores, ${m.memory_gib} GiB), ${m.platform}, Node ${m.node_version}.`, '');
  }
  if (r.startup) {
    const s = r.startup;
    out.push(
      '## Start-up',
      '',
      `\`${s.command}\` against \`${s.baseline}\`, each a whole process, ${s.esplan.runs} interleaved runs after ${s.warmup_runs} warm-up runs.`,
      '',
      '| | median | p90 | min |',
      '|---|---:|---:|---:|',
      `| esplan recommend --json | ${s.esplan.median_ms} ms | ${s.esplan.p90_ms} ms | ${s.esplan.min_ms} ms |`,
      `| node -e 0 | ${s.bare_node.median_ms} ms | ${s.bare_node.p90_ms} ms | ${s.bare_node.min_ms} ms |`,
      '',
      `**Ratio of medians: ${s.ratio_of_medians}x** (target: at most ${s.target_ratio}x; ratio of minimums ${s.ratio_of_minimums}x). Exit code of the measured command: ${s.exit_code}.`,
      '',
      `Modules loaded on the JSON path: ${s.modules.total} (${s.modules.esplan_files} esplan files; packages: ${formatPackages(s.modules.by_package)}). ` +
        `Heavy libraries loaded: ${s.modules.heavy_loaded.length ? s.modules.heavy_loaded.join(', ') : 'none'} (checked: @elastic/elasticsearch, @inquirer/prompts, cli-table3).`,
      '',
    );
  }
  if (r.search) {
    const s = r.search;
    const entries = Object.entries(s.catalog.entries_per_provider)
      .map(([p, n]) => `${p} ${n}`)
      .join(', ');
    out.push(
      '## Search',
      '',
      `${s.workloads} generated workloads (seed ${s.seed}; ${s.generator}) through \`buildPlan\`: sizing, the exhaustive data-tier search and the support tiers.`,
      '',
      `**${s.workloads_per_second} workloads per second** (${s.total_ms} ms in all, mean ${s.mean_ms_per_workload} ms, slowest ${s.slowest_ms} ms).`,
      '',
      `Planned ${s.planned}; refused with a UserError ${s.refused_with_user_error}; crashed ${s.crashed}. By provider: ${formatPackages(s.by_provider)}.`,
      '',
      `Catalog searched: ${s.catalog.entries_total} entries (${entries}); up to ${s.catalog.max_data_nodes_per_entry} data nodes per entry. ${s.catalog.note}.`,
      '',
    );
    if (s.crashes.length) out.push('Crashes:', '', ...s.crashes.map((c) => `- ${c}`), '');
  }
  if (r.evaluate) {
    const e = r.evaluate;
    out.push(
      '## Evaluate',
      '',
      `\`${e.command}\`, whole process: median ${e.whole_process.median_ms} ms (p90 ${e.whole_process.p90_ms} ms, ${e.whole_process.runs} runs; exit ${e.exit_code}).`,
      '',
      `In-process, each generated workload's recommended data tier evaluated again: **${e.workloads_per_second} evaluations per second** (${e.evaluated} of ${e.workloads} workloads; mean ${e.mean_ms_per_workload} ms, slowest ${e.slowest_ms} ms). ` +
        `Capacities differing from recommend's: ${e.capacity_mismatches}; crashed: ${e.crashed}.`,
      '',
    );
  }
  if (r.hostile_input) {
    const h = r.hostile_input;
    out.push(
      '## Hostile input',
      '',
      `\`esplan validate\` on every bad input (and each bad flag or command), median of ${h.runs_per_case} whole-process runs each. Target: under ${h.target_ms} ms. ` +
        `All under target: **${h.all_under_target ? 'yes' : 'no'}**; slowest: ${h.slowest.input} at ${h.slowest.median_ms} ms.`,
      '',
      '| input | exit | median | max |',
      '|---|---:|---:|---:|',
      ...h.cases.map((c) => `| ${c.input} | ${c.exit_code} | ${c.median_ms} ms | ${c.max_ms} ms |`),
      '',
    );
  }
  if (r.apply) {
    const a = r.apply;
    const row = (label: string, x: ApplyResult['first_apply']) =>
      `| ${label} | ${x.summary.median_ms} ms | ${x.summary.max_ms} ms | ${x.requests} | ${x.writes} | ${formatPackages(x.by_method)} | ${x.exit_codes.join(', ')} |`;
    out.push(
      '## Apply',
      '',
      `\`${a.command}\` against the loopback fake (test/fake-es), ${a.repetitions} repetitions, each against a fresh empty fake; whole processes.`,
      '',
      '| run | median | max | requests | writes | by method | exit |',
      '|---|---:|---:|---:|---:|---|---|',
      row('first apply', a.first_apply),
      row('re-apply (no changes)', a.re_apply),
      '',
    );
  }
  return `${out.join('\n')}\n`;
}

function formatPackages(counts: Record<string, number>): string {
  const list = Object.entries(counts).map(([k, v]) => `${k} ${v}`);
  return list.length ? list.join(', ') : 'none';
}
