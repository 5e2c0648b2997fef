import { Option, type Command } from 'commander';
import { defaultWorkloadPath } from '../../data/paths.js';
import { UserError } from '../../model/problems.js';
import { CONSTANT_SETS, type ConstantSet } from '../../model/workload.js';
import { loadModelData } from '../../data/model-data.js';
import { buildPlan, type PlanOptions } from '../../recommend/build-plan.js';
import { COMPARE_KINDS, compareVariants, type CompareKind } from '../../recommend/compare.js';
import { readCatalogFile } from '../catalog-file.js';
import { readCalibrationFile } from '../calibration-file.js';
import { readBaselineFile } from '../baseline-file.js';
import { diffPlans } from '../../recommend/plan-diff.js';
import { compareLines, renderCompare } from '../render/compare.js';
import { ExitCode } from '../exit-codes.js';
import type { Context } from '../main.js';
import { nonNegativeNumber } from '../options.js';
import { FORMATS, renderPlan, type Format } from '../render/render-plan.js';
import { ESPLAN_VERSION } from '../version.js';
import { usd } from '../../recommend/money.js';
import { readWorkloadFile } from '../workload-file.js';

interface RecommendFlags {
  workload?: string;
  format: Format;
  json?: boolean;
  explain?: boolean;
  constants?: ConstantSet;
  maxMonthlyUsd?: number;
  catalog?: string;
  calibration?: string;
  compare?: CompareKind;
  baseline?: string;
  maxMonthlyIncreaseUsd?: number;
}

export function registerRecommend(program: Command, ctx: Context): void {
  program
    .command('recommend')
    .description('size a workload and recommend a priced, zone-balanced cluster')
    .option('-w, --workload <file>', 'workload file (YAML or JSON); default: the built-in example')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--json', 'same as --format json: one JSON document on stdout')
    .option('--explain', 'show every figure with its formula, inputs and source')
    .addOption(new Option('--constants <set>', 'vector constants: codec (checked against the codec) or docs (published docs)').choices(CONSTANT_SETS))
    .option('--max-monthly-usd <usd>', 'CI gate: exit 2 when the plan costs more per month', nonNegativeNumber)
    .option('--catalog <file>', 'add or override catalog entries: own hardware, negotiated prices, other regions (YAML or JSON)')
    .option('--calibration <file>', 'size vector fields from bytes per vector measured on a live cluster (esplan check --write-calibration)')
    .option('--baseline <plan.json>', 'compare with an earlier plan (recommend --json): adds "diff" to the JSON and a change summary to table and Markdown')
    .option('--max-monthly-increase-usd <usd>', 'CI gate with --baseline: exit 2 when the plan costs more than this above the baseline per month', nonNegativeNumber)
    .addOption(new Option('--compare <what>', 'side-by-side RAM, nodes and monthly cost for every index type or every provider').choices(COMPARE_KINDS))
    .addHelpText(
      'after',
      `
Examples:
  esplan recommend
  esplan recommend --workload examples/agent-memory.yaml --format markdown
  esplan recommend --workload my.yaml --json --max-monthly-usd 20000
  esplan recommend --compare index-types
  esplan recommend --workload my.yaml --catalog negotiated-prices.yaml
  esplan recommend --workload my.yaml --calibration cal.json
      (vector sizes measured by esplan check)
  esplan recommend -w my.yaml --baseline plan.json --format markdown \\
      --max-monthly-increase-usd 500
      (a pull-request comment; exit 2 above +$500/month)`,
    )
    .action(async (flags: RecommendFlags, command: Command) => {
      refuseConflictingFlags(flags, command.getOptionValueSource('format') === 'cli');
      const workload = readWorkloadFile(flags.workload ?? defaultWorkloadPath);
      const options: PlanOptions = {
        constants: flags.constants,
        esplanVersion: ESPLAN_VERSION,
        data: loadModelData(),
        ...(flags.catalog ? { extraCatalogEntries: readCatalogFile(flags.catalog) } : {}),
        ...(flags.calibration ? { calibration: readCalibrationFile(flags.calibration) } : {}),
      };
      const format: Format = flags.json ? 'json' : flags.format;
      // Read before sizing, so a wrong baseline is refused before any work is done.
      const baseline = flags.baseline !== undefined ? readBaselineFile(flags.baseline) : undefined;
      if (flags.compare) {
        if (flags.maxMonthlyUsd !== undefined) {
          throw new UserError({ path: '--max-monthly-usd', message: 'cannot be combined with --compare', fix: 'run the CI gate on one plan, without --compare' });
        }
        const lines = compareLines(compareVariants(workload, flags.compare, options));
        ctx.io.stdout(await renderCompare(flags.compare, lines, format, ctx.io.columns));
        // A comparison has no plan document to carry plan.calibration: say it here, never silently.
        if (flags.calibration) ctx.io.stderr(`note: vector sizes of matching fields in every variant come from ${flags.calibration} (--calibration); the others from the model\n`);
        return;
      }
      const built = buildPlan(workload, options);
      const plan = baseline && flags.baseline !== undefined ? { ...built, diff: diffPlans(baseline, built, flags.baseline) } : built;
      ctx.io.stdout(renderPlan(plan, format, { explain: Boolean(flags.explain), color: ctx.io.color, width: ctx.io.columns }));
      if (flags.maxMonthlyUsd !== undefined) {
        if (plan.monthly_usd === null) {
          throw new UserError(
            { path: '--max-monthly-usd', message: 'cannot be checked: the plan has no price (the catalog has none for this provider)' },
            ExitCode.CheckFailed,
          );
        }
        if (plan.monthly_usd > flags.maxMonthlyUsd) {
          ctx.io.stderr(`esplan: plan costs $${plan.monthly_usd.toFixed(2)}/month, above --max-monthly-usd ${flags.maxMonthlyUsd}\n`);
          ctx.exit(ExitCode.CheckFailed);
        }
      }
      if (flags.maxMonthlyIncreaseUsd !== undefined && plan.diff) gateIncrease(ctx, plan.diff.monthly_usd, flags.maxMonthlyIncreaseUsd);
    });
}

/** --max-monthly-increase-usd: exit 2 when the plan costs more than N above its baseline per month. */
function gateIncrease(ctx: Context, monthly: { before: number | null; after: number | null; delta: number | null }, limit: number): void {
  if (monthly.delta === null) {
    const side = monthly.after === null ? 'the new plan' : 'the baseline';
    throw new UserError(
      { path: '--max-monthly-increase-usd', message: `cannot be checked: ${side} has no price (the catalog has none for its provider)`, fix: 'give prices with --catalog, or drop the gate' },
      ExitCode.CheckFailed,
    );
  }
  if (monthly.delta > limit) {
    ctx.io.stderr(`esplan: the plan costs $${usd(monthly.delta)}/month more than the baseline, above --max-monthly-increase-usd ${limit}\n`);
    ctx.exit(ExitCode.CheckFailed);
  }
}

/** Flags that would otherwise be dropped without a word: say which one and what to do instead. */
function refuseConflictingFlags(flags: RecommendFlags, formatGiven: boolean): void {
  if (flags.maxMonthlyIncreaseUsd !== undefined && flags.baseline === undefined) {
    throw new UserError({ path: '--max-monthly-increase-usd', message: 'needs --baseline: the increase is measured against a baseline plan', fix: 'add --baseline BASELINE.json (a plan from esplan recommend --json)' });
  }
  if (flags.baseline !== undefined && flags.compare) {
    throw new UserError({ path: '--baseline', message: 'cannot be combined with --compare', fix: 'compare one plan with its baseline, without --compare' });
  }
  if (flags.json && formatGiven && flags.format !== 'json') {
    throw new UserError({ path: '--json', message: `cannot be combined with --format ${flags.format}`, fix: `keep one of --json and --format ${flags.format}` });
  }
  if (!flags.explain) return;
  if (flags.compare) {
    throw new UserError({ path: '--explain', message: 'cannot be combined with --compare', fix: 'run --explain on one plan, without --compare' });
  }
  const format = flags.json ? 'json' : flags.format;
  if (format === 'json' || format === 'yaml') {
    throw new UserError({
      path: '--explain',
      message: `has no effect with ${flags.json ? '--json' : `--format ${format}`}: the plan's "basis" key already holds every figure's formula, inputs and source`,
      fix: 'drop --explain, or use it with --format table, markdown or html',
    });
  }
}
