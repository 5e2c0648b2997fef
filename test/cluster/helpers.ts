import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planSchema, type Plan } from '../../src/model/plan.js';
import { emptyObserved as baseObserved, type Observed } from '../../src/cluster/observe.js';

export const fixturesDir = join(import.meta.dirname, '..', 'fixtures', 'plans');

/** A Plan from test/fixtures/plans, schema-checked so the fixtures cannot drift from the contract. */
export function loadPlanFixture(name: string): Plan {
  return planSchema.parse(JSON.parse(readFileSync(join(fixturesDir, name), 'utf8')));
}

export function emptyObserved(overrides: Partial<Observed> = {}): Observed {
  return baseObserved({ clusterName: 'c', clusterUuid: 'u', version: '9.2.0', ...overrides });
}
