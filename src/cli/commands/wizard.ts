import type { Command } from 'commander';
import { UserError } from '../../model/problems.js';
import type { Context } from '../main.js';
import { ESPLAN_VERSION } from '../version.js';

interface WizardFlags {
  from?: string;
}

export function registerWizard(program: Command, ctx: Context): void {
  program
    .command('wizard')
    .description('build a workload interactively, see the recommendation, and save it as YAML')
    .option('--from <file>', 'start from an existing workload file and confirm or change it')
    .addHelpText(
      'after',
      `
Examples:
  esplan wizard
  esplan wizard --from examples/rag-assistant.yaml

Needs a terminal. Ctrl-C at any question exits with code 130 and writes nothing.
Without a terminal (CI, pipes) use: esplan recommend --workload FILE`,
    )
    .action(async (flags: WizardFlags) => {
      if (!ctx.io.interactive) {
        throw new UserError({
          path: 'wizard',
          message: 'needs a terminal to ask its questions (stdin and stderr are not a TTY)',
          fix: 'use esplan recommend --workload FILE (start from a file in examples/, check it with esplan validate FILE)',
        });
      }
      // Loaded here so that other commands (recommend --json in CI) never load inquirer or the wizard.
      const [{ runWizard }, { inquirerPrompter }, { buildPlan }, { loadModelData }] = await Promise.all([
        import('../wizard/run-wizard.js'),
        import('../wizard/prompter.js'),
        import('../../recommend/build-plan.js'),
        import('../../data/model-data.js'),
      ]);
      const data = loadModelData();
      const prompter = inquirerPrompter({ input: process.stdin, output: process.stderr, error: ctx.io.stderr });
      await runWizard(
        { from: flags.from },
        { prompter, buildPlan: (w) => buildPlan(w, { esplanVersion: ESPLAN_VERSION, data }), io: ctx.io },
      );
    });
}
