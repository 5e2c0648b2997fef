import type { Command } from 'commander';
import { loadApplyPolicy } from '../../data/apply-policy.js';
import { AbortedError } from '../../model/problems.js';
import { escapeUnsafe, safeJson } from '../../model/sanitise.js';
import { resolveConnection, scrubbable, secretsOf, type ConnectionFlags } from '../../cluster/connection.js';
import { connectionWarnings } from '../../cluster/connection.js';
import type { Context } from '../main.js';
import { fitLines } from '../render/fit.js';
import { APPLY_EXIT_CODES } from '../exit-codes.js';
import { addConnectionOptions, checkOutputTarget, loadPlanInput, rethrowRedacted, scrubbed } from '../cluster-io.js';
import { ESPLAN_VERSION } from '../version.js';

interface ApplyFlags extends ConnectionFlags {
  workload?: string;
  dryRun?: boolean;
  yes?: boolean;
  planOut?: string;
  json?: boolean;
  takeOwnership?: boolean;
  force?: boolean;
  overwrite?: boolean;
}

export function registerApply(program: Command, ctx: Context): void {
  const command = program
    .command('apply')
    .description('write the plan to a live Elasticsearch 9.x cluster: awareness settings, templates, snapshot policy')
    .argument('[plan-file]', 'a saved plan (--plan-out) or a plan from esplan recommend --json')
    .option('-w, --workload <file>', 'workload file to plan from (instead of a plan file)');
  addConnectionOptions(command)
    .option('--dry-run', 'show the changes and write nothing; exit 2 when changes are pending')
    .option('-y, --yes', 'apply without the typed confirmation (needed without a terminal)')
    .option('--plan-out <file>', 'save the plan and the fingerprint of what was observed, to apply later (a new file unless --overwrite)')
    .option('--overwrite', 'let --plan-out replace an existing file (or a symbolic link itself); never the workload or the input plan')
    .option('--json', 'one JSON document on stdout (the plan text goes to stderr)')
    .option('--take-ownership', 'replace templates, policies and settings esplan did not write')
    .option('--force', 'write forced awareness even when data nodes lack the attribute or zones')
    .addHelpText(
      'after',
      `
Examples:
  esplan apply -w my.yaml --url https://localhost:9200 --ca-cert ca.pem \\
      --dry-run --plan-out plan.json
  esplan apply plan.json --yes   (ES_URL and ES_API_KEY from the environment)
  esplan recommend --workload my.yaml --json > recommended.json
  esplan apply recommended.json --url https://localhost:9200

Exit codes: 0 applied or nothing to do, 1 error or refused, 2 changes pending
(--dry-run), 130 declined or interrupted.`,
    )
    .action(async (planFile: string | undefined, flags: ApplyFlags) => {
      // Secrets known so far: flags and variables, before (and in case) the connection resolves.
      let warnings: string[] = [];
      let secrets = scrubbable([flags.apiKey, flags.password, ctx.io.env.ES_API_KEY, ctx.io.env.ES_PASSWORD]);
      // Belt and braces: whatever any layer prints, a credential never reaches the terminal, also
      // in the escaped form the sanitiser would give a secret holding control or bidi characters.
      // People-facing text fits the terminal (fitLines); the JSON document never wraps.
      const fit = (write: (t: string) => void) => (t: string) => write(fitLines(t, ctx.io.columns));
      const io = {
        stdout: scrubbed(flags.json ? ctx.io.stdout : fit(ctx.io.stdout), () => secrets),
        stderr: scrubbed(fit(ctx.io.stderr), () => secrets),
        color: ctx.io.color,
        interactive: ctx.io.interactive,
        ask: askOnTerminal,
      };
      try {
        const { plan, saved } = loadPlanInput(planFile, flags.workload, {
          message: 'is required (or a plan file): what should be applied?',
          fix: 'esplan apply --workload my.yaml --url https://host:9200, or esplan apply plan.json',
        });
        checkOutputTarget(flags.planOut, '--plan-out', flags.overwrite, { planFile, planWhat: 'input plan', workload: flags.workload });
        const policy = loadApplyPolicy();
        const connection = resolveConnection(flags, ctx.io.env, { timeoutSeconds: policy.requestTimeoutSeconds, fallbackUrl: saved?.cluster.url });
        secrets = [...new Set([...secrets, ...secretsOf(connection)])];
        warnings = connectionWarnings(connection);
        if (saved && connection.url !== savedPlanUrl(saved.cluster.url)) {
          // The user's URL wins (it alone gets credentials); runApply compares the cluster uuid on the first reply.
          io.stderr(
            `esplan: the saved plan was made at ${escapeUnsafe(saved.cluster.url.slice(0, 200))}; connecting to ${connection.url} as given; the cluster must be the one the plan was made for (its uuid is compared on the first reply)\n`,
          );
        }
        const { runApply } = await import('../../cluster/run-apply.js');
        const outcome = await runApply({
          plan,
          saved,
          connection,
          io,
          esplanVersion: ESPLAN_VERSION,
          options: {
            dryRun: Boolean(flags.dryRun),
            yes: Boolean(flags.yes),
            json: Boolean(flags.json),
            force: Boolean(flags.force),
            takeOwnership: Boolean(flags.takeOwnership),
            planOut: flags.planOut,
            overwrite: Boolean(flags.overwrite),
          },
        });
        ctx.exit(APPLY_EXIT_CODES[outcome]);
      } catch (err) {
        // --json promises one document on stdout, failures included.
        rethrowRedacted(err, secrets, (problems) => {
          if (flags.json) io.stdout(`${safeJson({ format_version: 1, result: 'error', errors: problems, warnings }, 2)}\n`);
        });
      }
    });
}

/** A saved plan's URL in the form resolveConnection gives a URL (no trailing slash), for comparing. */
function savedPlanUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** The typed confirmation, read from the terminal. */
async function askOnTerminal(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } catch (err) {
    // readline rejects the question with an AbortError on Ctrl-C (and Ctrl-D): the user aborted, not a bug.
    if (err instanceof Error && err.name === 'AbortError') throw new AbortedError('apply aborted at the confirmation: nothing was written');
    throw err;
  } finally {
    rl.close();
  }
}
