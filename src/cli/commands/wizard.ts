import type { Command } from 'commander';
import type { Context } from '../main.js';

// PLACEHOLDER: the wizard command is being built (see the issue tracker); this only reserves its name.
export function registerWizard(program: Command, _ctx: Context): void {
  program.command('wizard').description('(wizard: not built yet)').action(() => {
    throw new Error('wizard is not built yet');
  });
}
