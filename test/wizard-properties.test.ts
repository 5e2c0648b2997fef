/**
 * Invariants of the wizard over many answer scripts: whatever valid or invalid answers are typed,
 * it ends with a workload the schema accepts (never an internal error), and the saved YAML reads back as the same workload.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runFlow } from '../src/cli/wizard/flow.js';
import { workloadYaml } from '../src/cli/wizard/save-workload.js';
import { parseWorkload } from '../src/model/parse-workload.js';
import { fakeBuildPlan } from './helpers/fake-plan.js';
import { ScriptPrompter, type Answer } from './helpers/script-prompter.js';

const anyText = fc.oneof(fc.constantFrom('', 'abc', '-1', '0', '1e400', '3%', 'none', '1.5'), fc.string({ maxLength: 6 }));
const count = fc.oneof(fc.integer({ min: 1, max: 5_000_000_000 }).map(String), fc.constantFrom('20M', '6k', '1,000'));

const scripts = fc.record({
  'elasticsearch.version': fc.array(fc.oneof(fc.constantFrom('8.14', '8.19', '9.0', '9.1', '9.2', '9.3', '9.4'), anyText), { maxLength: 3 }),
  'elasticsearch.license': fc.array(fc.constantFrom('basic', 'platinum', 'enterprise'), { maxLength: 1 }),
  'corpus.documents': fc.array(fc.oneof(count, anyText), { maxLength: 3 }),
  'corpus.source_bytes_per_document': fc.array(fc.oneof(count, anyText), { maxLength: 3 }),
  'corpus.growth.monthly_rate': fc.array(fc.oneof(fc.constantFrom('0', '3%', '0.5', '120%'), anyText), { maxLength: 2 }),
  'vectors[0].element_type': fc.array(fc.constantFrom('float', 'bfloat16', 'byte', 'bit'), { maxLength: 2 }),
  'search.recall_target': fc.array(fc.oneof(fc.constantFrom('90%', '0.99', '95'), anyText), { maxLength: 2 }),
  'availability.zones': fc.array(fc.constantFrom(1, 2, 3), { maxLength: 1 }),
  'availability.replicas': fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }).map(String), anyText), { maxLength: 3 }),
  'indices.length': fc.array(fc.oneof(fc.constantFrom('1', '2', '3', '51', '0'), anyText), { maxLength: 2 }),
  text_fields: fc.array(fc.oneof(fc.constantFrom('title:12, body:800', 'body:6k bytes', 'title', 'a:0', 'content_embedding:5'), anyText), { maxLength: 2 }),
  semantic_text: fc.array(fc.oneof(fc.constantFrom('content:800', 'title:12, body:800', 'x:-1'), anyText), { maxLength: 2 }),
  tenancy: fc.array(fc.constantFrom('none', 'shared', 'routing', 'index_per_tenant'), { maxLength: 1 }),
  'tenancy.tenants': fc.array(fc.oneof(count, anyText), { maxLength: 2 }),
  'tenancy.largest_tenant_share': fc.array(fc.oneof(fc.constantFrom('5%', '0.0001', '150%'), anyText), { maxLength: 2 }),
  'indices[1].tenancy': fc.array(fc.constantFrom('none', 'routing'), { maxLength: 1 }),
  'deployment.provider': fc.array(fc.constantFrom('aws', 'azure', 'gcp', 'elastic-cloud', 'physical'), { maxLength: 1 }),
});

describe('wizard invariants', () => {
  it('always ends with a valid workload whose saved YAML reads back unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(scripts, async (script) => {
        const prompter = new ScriptPrompter(script as Record<string, Answer[]>);
        // Enter always falls back to a value that was valid, so every script reaches the end.
        const result = await runFlow({ prompter, buildPlan: (w) => fakeBuildPlan(w), say: () => {} });
        expect(parseWorkload(result.raw)).toEqual(result.workload);
        const reread = parseYaml(workloadYaml(result.raw, result.notes, 'workload.yaml'));
        expect(parseWorkload(reread)).toEqual(result.workload);
        // Every rejected answer was rejected with a message naming a workload path.
        for (const r of prompter.rejected) expect(r.message).toMatch(/^[a-z_]+(\.|\[|:)/);
      }),
      { seed: 20261102, numRuns: 60 },
    );
  });
});
