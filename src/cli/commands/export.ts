import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadApplyPolicy } from '../../data/apply-policy.js';
import { loadInference } from '../../data/inference.js';
import { checkWriteTarget, writeFileAtomic } from '../../data/write-user-file.js';
import { desiredState, inferenceResolver, planWorkload } from '../../cluster/desired.js';
import { displayText } from '../../model/display-text.js';
import { UserError } from '../../model/problems.js';
import type { Plan } from '../../model/plan.js';
import type { Context } from '../main.js';
import { loadPlanInput } from '../cluster-io.js';
import { fitLines } from '../render/fit.js';
import { terraformExport } from '../render/terraform.js';
import { ESPLAN_VERSION } from '../version.js';

interface ExportTerraformFlags {
  workload?: string;
  output?: string;
  zoneNames?: string;
  overwrite?: boolean;
}

/** A zone name as node.attr.<attribute> carries it: no commas (the forced-awareness list separates with them), no spaces. */
const ZONE_NAME = /^[A-Za-z0-9._:-]{1,128}$/;

export function registerExport(program: Command, ctx: Context): void {
  const exportCommand = program
    .command('export')
    .description('write the plan in another tool\'s format: Terraform (terraform-provider-elasticstack)')
    .addHelpText(
      'after',
      `
Examples:
  esplan export terraform -w my.yaml --output infra/es \\
      --zone-names us-east-1a,us-east-1b,us-east-1c`,
    );
  exportCommand
    .command('terraform')
    .description('write .tf files for terraform-provider-elasticstack holding exactly what apply would write')
    .argument('[plan-file]', 'a saved plan (apply --plan-out) or a plan from esplan recommend --json')
    .option('-w, --workload <file>', 'workload file to plan from (instead of a plan file)')
    .option('-o, --output <dir>', 'directory for versions.tf and esplan.tf (created when missing)')
    .option('--zone-names <names>', 'the zones, as node.attr.<awareness_attribute> names them on the data nodes, comma-separated (needed for a plan of two or three zones)')
    .option('--overwrite', 'replace versions.tf and esplan.tf when they exist')
    .addHelpText(
      'after',
      `
Examples:
  esplan export terraform -w my.yaml --output infra/es \\
      --zone-names us-east-1a,us-east-1b,us-east-1c
  esplan recommend -w my.yaml --json > plan.json
  esplan export terraform plan.json -o infra/es --zone-names a,b,c --overwrite

The files carry the same templates, snapshot policy and awareness settings as
esplan apply, with the provider's connection taken from ELASTICSEARCH_*
variables. docs/terraform.md covers importing objects that already exist.

Exit codes: 0 written, 1 error (nothing written).`,
    )
    .action((planFile: string | undefined, flags: ExportTerraformFlags) => {
      const stderr = (t: string) => ctx.io.stderr(fitLines(t, ctx.io.columns));
      if (flags.output === undefined) {
        throw new UserError({ path: '--output', message: 'is required: which directory should the .tf files go to?', fix: 'add --output DIR (created when missing)' });
      }
      const { plan, source } = loadPlanInput(planFile, flags.workload, {
        message: 'is required (or a plan file): what should be exported?',
        fix: 'esplan export terraform --workload my.yaml --output DIR, or esplan export terraform plan.json --output DIR',
      });
      const zones = zoneNames(plan, flags.zoneNames);
      const policy = loadApplyPolicy();
      // Everything is rendered and every target checked before the first file is written.
      const desired = desiredState(plan, zones, policy, inferenceResolver(plan, loadInference()));
      const exported = terraformExport(desired, policy, { esplanVersion: ESPLAN_VERSION, from: displayText(source) });
      const dir = flags.output;
      const dirExists = outputDirectory(dir);
      const protectedFiles = [
        ...(planFile !== undefined ? [{ path: planFile, what: 'input plan' }] : []),
        ...(flags.workload !== undefined ? [{ path: flags.workload, what: 'workload file' }] : []),
      ];
      const target = { flag: '--output', overwriteFlag: '--overwrite', overwrite: Boolean(flags.overwrite) };
      if (dirExists) for (const f of exported.files) checkWriteTarget(join(dir, f.name), { ...target, protectedFiles });
      else makeDirectory(dir);
      for (const f of exported.files) writeFileAtomic(join(dir, f.name), f.text, target);
      stderr(
        [
          `esplan: wrote ${exported.files.map((f) => f.name).join(' and ')} to ${displayText(dir)}: ${exported.resources.length} resources`,
          ...exported.resources.map((r) => `  ${r.address}`),
          `next: cd ${displayText(dir)} && terraform init && terraform plan (objects that exist already: see docs/terraform.md on importing them)`,
          '',
        ].join('\n'),
      );
    });
}

/**
 * The zone names for forced awareness: apply reads them off the data nodes; an export has no
 * cluster, so the user names them. A one-zone plan writes no awareness and takes none.
 */
function zoneNames(plan: Plan, given: string | undefined): string[] {
  const attribute = planWorkload(plan).availability.awareness_attribute;
  if (plan.zones === 1) {
    if (given !== undefined) throw new UserError({ path: '--zone-names', message: 'is for a plan of two or three zones; this plan has one, and writes no awareness settings', fix: 'drop --zone-names' });
    return [];
  }
  if (given === undefined) {
    throw new UserError({
      path: '--zone-names',
      message: `is required: the plan spans ${plan.zones} zones, and forced awareness lists them by the names node.attr.${attribute} has on the data nodes`,
      fix: `add --zone-names with ${plan.zones} names, e.g. --zone-names ${['a', 'b', 'c'].slice(0, plan.zones).map((z) => `zone-${z}`).join(',')}`,
    });
  }
  const names = given.split(',').map((z) => z.trim());
  const bad = names.find((z) => !ZONE_NAME.test(z));
  if (bad !== undefined) {
    throw new UserError({ path: '--zone-names', message: `has ${bad === '' ? 'an empty name' : `${displayText(bad)}, which is not a zone name`}`, fix: 'give names of letters, digits, ".", "_", ":" or "-", separated by commas' });
  }
  if (new Set(names).size !== names.length) throw new UserError({ path: '--zone-names', message: `names a zone twice (${displayText(given)})`, fix: 'give each zone once' });
  if (names.length !== plan.zones) {
    throw new UserError({ path: '--zone-names', message: `gives ${names.length} zone${names.length === 1 ? '' : 's'}, but the plan spans ${plan.zones}`, fix: `give ${plan.zones} names, one per zone of the plan` });
  }
  return names;
}

/** Whether the output directory exists; refuses a path that is something else. */
function outputDirectory(dir: string): boolean {
  try {
    if (statSync(resolve(dir)).isDirectory()) return true;
  } catch {
    return false;
  }
  throw new UserError({ path: '--output', message: `${displayText(dir)} exists and is not a directory`, fix: 'give --output a directory (created when missing)' });
}

function makeDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UserError({ path: '--output', message: `${displayText(dir)} cannot be created: ${displayText((err as NodeJS.ErrnoException).code ?? String(err))}`, fix: 'give --output a directory you can write to' });
  }
}
