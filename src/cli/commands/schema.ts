import type { Command } from 'commander';
import type { Context } from '../main.js';

export function registerSchema(program: Command, ctx: Context): void {
  program
    .command('schema')
    .description('print the JSON Schema of workload files (or, with --output, of the recommend JSON)')
    .option('--output', 'the schema of `esplan recommend --json` output instead')
    .addHelpText('after', '\nExamples:\n  esplan schema > workload.schema.json\n  esplan schema --output > plan.schema.json')
    .action(async (opts: { output?: boolean }) => {
      const { workloadJsonSchema, planJsonSchema } = await import('../../model/json-schema.js');
      ctx.io.stdout(`${JSON.stringify(opts.output ? planJsonSchema() : workloadJsonSchema(), null, 2)}\n`);
    });
}
