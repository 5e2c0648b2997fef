import { stringify as yamlStringify } from 'yaml';
import type { Plan } from '../../model/plan.js';
import { renderExplain } from './explain.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';

export const FORMATS = ['table', 'json', 'yaml', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  explain: boolean;
  color: boolean;
  /** Table output (and its --explain) fits this many columns; undefined: no limit. Markdown and HTML are never wrapped. */
  width?: number;
}

/** One result, many renderers. JSON (and YAML) carry the whole plan; table, Markdown and HTML are for people. */
export function renderPlan(plan: Plan, format: Format, options: RenderOptions): string {
  const explain = (width?: number) => (options.explain ? `\n${renderExplain(plan, width)}` : '');
  switch (format) {
    case 'json':
      return `${JSON.stringify(plan, null, 2)}\n`;
    case 'yaml':
      return renderYaml(plan);
    case 'markdown':
      return renderMarkdown(plan) + explain();
    case 'html':
      // --explain is included: its derivations fold away at the end of the page.
      return renderHtml(plan, options.explain);
    case 'table':
      return renderTable(plan, options.color, options.width) + explain(options.width);
  }
}

function renderYaml(plan: Plan): string {
  return yamlStringify(plan, { lineWidth: 0 });
}
