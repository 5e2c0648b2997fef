import type { Command } from 'commander';
import type { Context } from '../main.js';
import { readWorkloadFile } from '../workload-file.js';

export function registerValidate(program: Command, ctx: Context): void {
  program
    .command('validate')
    .description('check a workload file without sizing it')
    .argument('<file>', 'workload file (YAML or JSON)')
    .addHelpText('after', '\nExample:\n  esplan validate examples/rag-assistant.yaml\n\nExit code 0 when valid, 1 with every problem listed otherwise.')
    .action((file: string) => {
      const w = readWorkloadFile(file);
      ctx.io.stderr(`${file}: valid workload "${w.name}" (${w.vectors.length} vector field${w.vectors.length === 1 ? '' : 's'})\n`);
    });
}
