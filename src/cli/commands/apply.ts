import type { Command } from 'commander';
import type { Context } from '../main.js';

// PLACEHOLDER: the apply command is being built (see the issue tracker); this only reserves its name.
export function registerApply(program: Command, _ctx: Context): void {
  program.command('apply').description('(apply: not built yet)').action(() => {
    throw new Error('apply is not built yet');
  });
}
