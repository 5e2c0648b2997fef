/**
 * The CLI entry: commander wiring and the one boundary where errors become messages and exit codes.
 * Tests call `run()` in-process; bin/esplan.js calls it for real.
 */
import { CommanderError } from 'commander';
import { GuardedCommand, argvRedactor } from './argv-secrets.js';
import { AbortedError, UserError, formatProblem } from '../model/problems.js';
import { ExitCode } from './exit-codes.js';
import { processIo, type Io } from './io.js';
import { registerApply } from './commands/apply.js';
import { registerCheck } from './commands/check.js';
import { registerCatalog } from './commands/catalog.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerExport } from './commands/export.js';
import { registerRecommend } from './commands/recommend.js';
import { registerSchema } from './commands/schema.js';
import { registerValidate } from './commands/validate.js';
import { registerWizard } from './commands/wizard.js';
import { fitLines, fitText } from './render/fit.js';
import { ESPLAN_VERSION } from './version.js';

/** What every command's action gets: where to write, and a way to set the exit code. */
export interface Context {
  io: Io;
  exit: (code: number) => void;
}

export async function run(argv: readonly string[], given: Io = processIo()): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  // Nothing printed on the way out echoes a credential typed in argv (a mistyped --pasword=...).
  const redact = argvRedactor(argv, given.env);
  const io: Io = { ...given, stdout: (t) => given.stdout(redact(t)), stderr: (t) => given.stderr(redact(t)) };
  const ctx: Context = { io, exit: (code) => void (exitCode = code) };
  const program = new GuardedCommand('esplan')
    .description('Plan, size and configure highly available Elasticsearch clusters for GenAI search.')
    .version(ESPLAN_VERSION, '-V, --version')
    .exitOverride()
    // commander's usage errors wrap like esplan's own (subcommands inherit this configuration).
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (s, write) => write(fitLines(s, io.columns, '  ')) })
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Examples:
  esplan recommend                          size the built-in example workload
  esplan recommend --workload my.yaml --json
  esplan evaluate --workload my.yaml --data r6gd.4xlarge:6
                                            the QPS and headroom of a data tier
  esplan validate my.yaml                   check a workload file, no sizing
  esplan wizard                             build a workload interactively
  esplan apply --workload my.yaml --url https://localhost:9200 --dry-run
  esplan check --workload my.yaml --url https://localhost:9200
                                            audit the cluster against its plan
  esplan export terraform -w my.yaml -o infra/es --zone-names a,b,c
                                            the same as .tf files for Terraform

Exit codes: 0 ok, 1 error, 2 a CI check failed, changes are pending or check
has findings, 130 aborted.`,
    );
  for (const register of [registerRecommend, registerEvaluate, registerValidate, registerSchema, registerCatalog, registerApply, registerCheck, registerExport, registerWizard]) {
    register(program, ctx);
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    return handleError(err, io);
  }
  return exitCode;
}

function handleError(err: unknown, io: Io): number {
  if (err instanceof CommanderError) {
    // commander has already printed help, the version or the usage error.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return ExitCode.Ok;
    return ExitCode.Error;
  }
  if (err instanceof UserError) {
    // A long problem wraps to the terminal with a hanging indent (fitText keeps every word).
    for (const p of err.problems) io.stderr(`${fitText(`error: ${formatProblem(p)}`, io.columns).join('\n')}\n`);
    return err.exitCode;
  }
  if (err instanceof AbortedError || (err instanceof Error && err.name === 'ExitPromptError')) {
    io.stderr(`${err instanceof AbortedError ? err.message : 'aborted'}\n`);
    return ExitCode.Aborted;
  }
  // A bug: say so plainly, with the stack only when asked for.
  const e = err instanceof Error ? err : new Error(String(err));
  io.stderr(`esplan: internal error: ${e.message}\n`);
  if (io.env.ESPLAN_DEBUG) io.stderr(`${e.stack ?? ''}\n`);
  else io.stderr('(set ESPLAN_DEBUG=1 for details, and please report it)\n');
  return ExitCode.Error;
}
