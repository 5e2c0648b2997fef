import type { Command } from 'commander';
import { loadApplyPolicy } from '../../data/apply-policy.js';
import { safeJson } from '../../model/sanitise.js';
import { connectionWarnings, resolveConnection, scrubbable, secretsOf, type ConnectionFlags } from '../../cluster/connection.js';
import type { Context } from '../main.js';
import { addConnectionOptions, checkOutputTarget, loadPlanInput, rethrowRedacted, scrubbed } from '../cluster-io.js';
import { ESPLAN_VERSION } from '../version.js';
import { CHECK_EXIT_CODES } from '../exit-codes.js';

interface CheckFlags extends ConnectionFlags {
  workload?: string;
  json?: boolean;
  diskUsage?: boolean;
  writeCalibration?: string;
  overwrite?: boolean;
}

export function registerCheck(program: Command, ctx: Context): void {
  const command = program
    .command('check')
    .description('audit a live Elasticsearch 9.x cluster against its plan, read-only: zones, nodes, index settings, shard sizes, vector RAM')
    .argument('[plan-file]', 'a saved plan (apply --plan-out) or a plan from esplan recommend --json')
    .option('-w, --workload <file>', 'workload file to plan from (instead of a plan file)');
  addConnectionOptions(command)
    .option('--json', 'one JSON document on stdout: findings[], vectors[] (progress goes to stderr)')
    .option('--disk-usage', 'also run the read-only disk usage analysis (POST _disk_usage) on each index: exact vector bytes on disk, slow on large indices')
    .option('--write-calibration <file>', 'write the measured bytes per vector per file, for recommend/evaluate --calibration (a new file unless --overwrite)')
    .option('--overwrite', 'let --write-calibration replace an existing file; never the workload or the plan')
    .addHelpText(
      'after',
      `
Examples:
  esplan check -w my.yaml --url https://localhost:9200 --ca-cert ca.pem
  esplan check plan.json --json | jq '.findings[] | .code'
      (ES_URL and ES_API_KEY from the environment)
  esplan check -w my.yaml --write-calibration cal.json
  esplan recommend -w my.yaml --calibration cal.json
      (a plan sized from the bytes per vector the cluster measured)

check sends only GET requests (and POST _disk_usage with --disk-usage, which
only reads).
Findings: AWARENESS_MISSING, SHARD_COPIES_SHARE_ZONE, SHARD_UNASSIGNED,
NODES_DIFFER_FROM_PLAN, INDEX_SETTINGS_DRIFT, INDEX_MISSING,
SHARD_SIZE_OUT_OF_RANGE, VECTOR_RAM_ABOVE_PLAN, VECTOR_CACHE_TOO_SMALL. The
vector table compares each field's resident off-heap bytes (Elasticsearch 9.1+)
with the model's figure for the vectors the cluster holds today.

Exit codes: 0 the cluster matches its plan, 2 findings, 1 error.`,
    )
    .action(async (planFile: string | undefined, flags: CheckFlags) => {
      const warnings: string[] = [];
      let secrets = scrubbable([flags.apiKey, flags.password, ctx.io.env.ES_API_KEY, ctx.io.env.ES_PASSWORD]);
      const io = {
        stdout: scrubbed(ctx.io.stdout, () => secrets),
        stderr: scrubbed(ctx.io.stderr, () => secrets),
        color: ctx.io.color,
        columns: ctx.io.columns,
      };
      try {
        const { plan, saved, source } = loadPlanInput(planFile, flags.workload, {
          message: 'is required (or a plan file): what should the cluster be checked against?',
          fix: 'esplan check --workload my.yaml --url https://host:9200, or esplan check plan.json',
        });
        checkOutputTarget(flags.writeCalibration, '--write-calibration', flags.overwrite, { planFile, planWhat: 'plan file', workload: flags.workload });
        const policy = loadApplyPolicy();
        const connection = resolveConnection(flags, ctx.io.env, { timeoutSeconds: policy.requestTimeoutSeconds, fallbackUrl: saved?.cluster.url });
        secrets = [...new Set([...secrets, ...secretsOf(connection)])];
        warnings.push(...connectionWarnings(connection));
        const { runCheck } = await import('../../cluster/check/run-check.js');
        const outcome = await runCheck({
          plan,
          saved,
          connection,
          io,
          esplanVersion: ESPLAN_VERSION,
          options: {
            json: Boolean(flags.json),
            diskUsage: Boolean(flags.diskUsage),
            writeCalibration: flags.writeCalibration,
            overwrite: Boolean(flags.overwrite),
            planSource: source,
          },
        });
        ctx.exit(CHECK_EXIT_CODES[outcome]);
      } catch (err) {
        rethrowRedacted(err, secrets, (problems) => {
          if (flags.json) io.stdout(`${safeJson({ format_version: 1, result: 'error', errors: problems, warnings }, 2)}\n`);
        });
      }
    });
}
