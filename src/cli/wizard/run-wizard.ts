/**
 * The wizard session end to end: questions, the full recommendation (the same renderer as
 * `recommend`), then saving the workload and the commands to reuse it.
 */
import { parseWorkload } from '../../model/parse-workload.js';
import type { Io } from '../io.js';
import { renderPlan } from '../render/render-plan.js';
import { readStructuredFile } from '../workload-file.js';
import type { PlanBuilder } from './compare-index-types.js';
import type { Raw } from './draft.js';
import { runFlow, type FlowResult } from './flow.js';
import type { Prompter } from './prompter.js';
import { offerSave, reuseCommands } from './save-workload.js';

export interface WizardOptions {
  /** Start from this workload file and only confirm or change it. */
  from?: string;
}

export interface WizardDeps {
  prompter: Prompter;
  buildPlan: PlanBuilder;
  io: Io;
}

export async function runWizard(options: WizardOptions, deps: WizardDeps): Promise<FlowResult & { saved?: string }> {
  const { io } = deps;
  const say = (t: string) => io.stderr(t);
  let start: { raw: Raw; origin: string } | undefined;
  if (options.from) {
    const raw = readStructuredFile(options.from, 'workload') as Raw;
    parseWorkload(raw, options.from); // a broken file is reported like `validate` would, before any question
    start = { raw, origin: options.from };
  }
  say('esplan wizard: answer each question or press Enter to keep the suggested value (Ctrl-C quits, nothing is written).\n');
  const result = await runFlow({ prompter: deps.prompter, buildPlan: deps.buildPlan, say }, start);
  say('\nRecommendation\n');
  io.stdout(renderPlan(result.plan, 'table', { explain: false, color: io.color, width: io.columns }));
  const saved = await offerSave(result.raw, result.notes, { prompter: deps.prompter, cwd: io.cwd, say });
  if (saved === undefined) {
    say('\nNothing saved. Run esplan wizard again to save the workload, or write it by hand (see examples/).\n');
    return result;
  }
  say(`\nSaved ${saved}. Reuse it (e.g. in CI):\n${reuseCommands(saved).map((c) => `  ${c}\n`).join('')}`);
  return { ...result, saved };
}
