/**
 * Issue 12 (lower): a vector field named `__proto__` vanished from the mappings (assigning it to a
 * plain object set the prototype instead). Elasticsearch accepts any field name that is not one of
 * its metadata fields (`_id`, `_source`...; elastic/elasticsearch#10456 shows `_underscore1` mapped),
 * so esplan writes such names as they are: bodies are built from null-prototype objects, and the
 * canonical JSON behind the plan hash keeps them too.
 */
import { describe, expect, it } from 'vitest';
import { loadApplyPolicy } from '../../src/data/apply-policy.js';
import { desiredState } from '../../src/cluster/desired.js';
import { canonicalJson, flatten } from '../../src/cluster/normalise.js';
import type { Plan } from '../../src/model/plan.js';
import { loadPlanFixture } from './helpers.js';

const policy = loadApplyPolicy();
const zones3 = ['us-east-1c', 'us-east-1a', 'us-east-1b'];

function withField(field: string): Plan {
  const plan = structuredClone(loadPlanFixture('rag-3zones.json'));
  const old = plan.sizing.vectors[0]!.field;
  plan.sizing.vectors[0]!.field = field;
  const workload = plan.workload as { vectors: { field: string }[] };
  workload.vectors.find((v) => v.field === old)!.field = field;
  return plan;
}

function mappingsJson(plan: Plan): string {
  const o = desiredState(plan, zones3, policy).objects.find((x) => x.kind === 'component_template' && x.name.endsWith('-mappings'))!;
  return JSON.stringify(o.body);
}

describe('field names that are Object.prototype members', () => {
  for (const field of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '__proto__.inner', 'constructor.prototype', 'meta.__proto__']) {
    it(`${field} is written into the mappings as given`, () => {
      const json = mappingsJson(withField(field));
      // The path in the mapping, built by hand: each dotted part nests under "properties".
      const parts = field.split('.');
      expect(json, json).toContain(`"${parts.at(-1)}":{"type":"dense_vector"`);
      for (const p of parts.slice(0, -1)) expect(json).toContain(`"${p}":{"properties":{`);
      // A read-back of the same JSON flattens to the same keys, and the plan hash input keeps the field.
      const body = JSON.parse(json) as unknown;
      const key = `template.mappings.properties.${parts.join('.properties.')}.type`;
      expect(flatten(body)[key]).toBe('dense_vector');
      expect(canonicalJson(body)).toContain(`"${parts.at(-1)}":{"dims"`);
    });
  }

  it('two plans differing only in a __proto__ field name hash differently', () => {
    const a = desiredState(withField('__proto__'), zones3, policy).planHash;
    const b = desiredState(withField('content_embedding'), zones3, policy).planHash;
    expect(a).not.toBe(b);
  });
});
