import { Option, type Command } from 'commander';
import { defaultWorkloadPath } from '../../data/paths.js';
import { UserError } from '../../model/problems.js';
import { CONSTANT_SETS, type ConstantSet } from '../../model/workload.js';
import { loadModelData } from '../../data/model-data.js';
import { buildEvaluation, type PlanOptions } from '../../recommend/build-plan.js';
import type { GivenDataTier } from '../../recommend/evaluate-topology.js';
import { readCatalogFile } from '../catalog-file.js';
import { readCalibrationFile } from '../calibration-file.js';
import type { Context } from '../main.js';
import { FORMATS, renderPlan, type Format } from '../render/render-plan.js';
import { ESPLAN_VERSION } from '../version.js';
import { readWorkloadFile } from '../workload-file.js';

interface EvaluateFlags {
  workload?: string;
  data?: string;
  format: Format;
  json?: boolean;
  explain?: boolean;
  constants?: ConstantSet;
  catalog?: string;
  calibration?: string;
}

export function registerEvaluate(program: Command, ctx: Context): void {
  program
    .command('evaluate')
    .description('evaluate a data tier you have or intend: the QPS it carries, its latency, RAM and disk headroom')
    .option('-w, --workload <file>', 'workload file (YAML or JSON); default: the built-in example')
    .option('--data <type:count>', 'the data tier: a catalog instance type and its node count, e.g. r6gd.4xlarge:6 (required)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--json', 'same as --format json: one JSON document on stdout')
    .option('--explain', 'show every figure with its formula, inputs and source')
    .addOption(new Option('--constants <set>', 'vector constants: codec (checked against the codec) or docs (published docs)').choices(CONSTANT_SETS))
    .option('--catalog <file>', 'add or override catalog entries (own hardware, other regions); any family can be evaluated')
    .option('--calibration <file>', 'size vector fields from bytes per vector measured on a live cluster (esplan check --write-calibration)')
    .addHelpText(
      'after',
      `
Examples:
  esplan evaluate --data r6gd.4xlarge:3
  esplan evaluate -w my.yaml --data r6gd.8xlarge:6 --json | jq .capacity.search
  esplan evaluate -w bench.yaml --data c8gd.2xlarge:1   (one node, a benchmark)
  esplan evaluate -w my.yaml --data my-box:3 --catalog own-hardware.yaml
  esplan evaluate -w my.yaml --data r6gd.4xlarge:3 --calibration cal.json

The JSON is the plan document of "esplan recommend" with this data tier and
"capacity": saturation_qps (every thread busy, every copy serving), max_peak_qps
(within the target utilisation, one zone lost), latency_ms, and RAM and disk
headroom with the months of growth until the low watermark. Nothing is refused
for being small or not highly available: the shortfalls are warnings. Exit code
0 when evaluated, 1 on bad input.`,
    )
    .action((flags: EvaluateFlags, command: Command) => {
      if (flags.json && command.getOptionValueSource('format') === 'cli' && flags.format !== 'json') {
        throw new UserError({ path: '--json', message: `cannot be combined with --format ${flags.format}`, fix: `keep one of --json and --format ${flags.format}` });
      }
      const format: Format = flags.json ? 'json' : flags.format;
      if (flags.explain && (format === 'json' || format === 'yaml')) {
        throw new UserError({ path: '--explain', message: `has no effect with ${flags.json ? '--json' : `--format ${format}`}: the plan's "basis" key already holds every figure's derivation`, fix: 'drop --explain, or use it with --format table, markdown or html' });
      }
      const given = parseDataFlag(flags.data);
      const workload = readWorkloadFile(flags.workload ?? defaultWorkloadPath);
      const options: PlanOptions = {
        constants: flags.constants,
        esplanVersion: ESPLAN_VERSION,
        data: loadModelData(),
        ...(flags.catalog ? { extraCatalogEntries: readCatalogFile(flags.catalog) } : {}),
        ...(flags.calibration ? { calibration: readCalibrationFile(flags.calibration) } : {}),
      };
      const plan = buildEvaluation(workload, given, options);
      ctx.io.stdout(renderPlan(plan, format, { explain: Boolean(flags.explain), color: ctx.io.color, width: ctx.io.columns }));
    });
}

/** `TYPE:COUNT`, split at the last colon (instance types never hold one; catalog ids such as aws:r6gd.large do). */
export function parseDataFlag(value: string | undefined): GivenDataTier {
  const fix = 'give the instance type and the node count, e.g. --data r6gd.4xlarge:3';
  if (value === undefined || value.trim() === '') throw new UserError({ path: '--data', message: 'is required', fix });
  const at = value.lastIndexOf(':');
  if (at <= 0) throw new UserError({ path: '--data', message: `"${value}" has no node count`, fix });
  const type = value.slice(0, at).trim();
  const count = value.slice(at + 1).trim();
  if (!/^\d+$/.test(count) || Number(count) < 1 || !Number.isSafeInteger(Number(count))) {
    throw new UserError({ path: '--data', message: `node count "${count}" is not a whole number of 1 or more`, fix });
  }
  return { instance_type: type, nodes: Number(count) };
}
