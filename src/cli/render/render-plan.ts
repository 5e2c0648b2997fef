import type { Plan } from '../../model/plan.js';
import { renderExplain } from './explain.js';

export const FORMATS = ['table', 'json', 'yaml', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  explain: boolean;
  color: boolean;
}

/** One result, many renderers. JSON is the contract; the others are for people. */
export function renderPlan(plan: Plan, format: Format, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(plan, null, 2)}\n`;
    default:
      // Table, YAML and Markdown renderers are being built; --explain appends the derivations.
      return `${JSON.stringify(plan, null, 2)}\n${options.explain ? renderExplain(plan) : ''}`;
  }
}
