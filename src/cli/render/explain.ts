import type { Plan } from '../../model/plan.js';

// PLACEHOLDER until the sizing engine lands: renders each basis entry on one line.
export function renderExplain(plan: Plan): string {
  return plan.basis.map((b) => `${b.id}: ${b.description} [${b.source}]`).join('\n') + '\n';
}
