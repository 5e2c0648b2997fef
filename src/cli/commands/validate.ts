import type { Command } from 'commander';
import type { Context } from '../main.js';
import { indicesOf } from '../../model/indices.js';
import type { Workload } from '../../model/workload.js';
import { readWorkloadFile } from '../workload-file.js';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "1 vector field" for one index (as before); "2 indices: kb (3 fields), memory (1 field)" for several. */
function describeIndices(w: Workload): string {
  const ixs = indicesOf(w);
  const fields = (ix: (typeof ixs)[number]) => ix.vectors.length + ix.text_fields.length + ix.keyword_fields.length + ix.sparse_vectors.length + ix.semantic_text.length;
  if (ixs.length === 1) {
    const ix = ixs[0]!;
    const other = fields(ix) - ix.vectors.length;
    return plural(ix.vectors.length, 'vector field') + (other ? `, ${plural(other, 'other field')}` : '');
  }
  return `${ixs.length} indices: ${ixs.map((ix) => `${ix.name} (${plural(fields(ix), 'field')})`).join(', ')}`;
}

export function registerValidate(program: Command, ctx: Context): void {
  program
    .command('validate')
    .description('check a workload file without sizing it')
    .argument('<file>', 'workload file (YAML or JSON)')
    .addHelpText('after', '\nExample:\n  esplan validate examples/rag-assistant.yaml\n\nExit code 0 when valid, 1 with every problem listed otherwise.')
    .action((file: string) => {
      const w = readWorkloadFile(file);
      ctx.io.stderr(`${file}: valid workload "${w.name}" (${describeIndices(w)})\n`);
    });
}
