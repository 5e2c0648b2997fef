import type { Command } from 'commander';
import type { Context } from '../main.js';

// PLACEHOLDER: the catalog command is being built (see the issue tracker); this only reserves its name.
export function registerCatalog(program: Command, _ctx: Context): void {
  program.command('catalog').description('(catalog: not built yet)').action(() => {
    throw new Error('catalog is not built yet');
  });
}
