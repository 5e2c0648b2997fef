/** The one re-planner per plan (issue #11 item 7): a variant asked for twice is sized and searched once. */
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import type { Workload } from '../../src/model/workload.js';
import { Replanner } from '../../src/recommend/replanner.js';
import { context } from '../../src/recommend/topology-context.js';
import { sizeWorkload } from '../../src/sizing/size-workload.js';
import { modelData } from '../helpers/model-data.js';

const w = parseWorkload({
  name: 'replan',
  elasticsearch: { version: '9.2', license: 'enterprise' },
  corpus: { documents: 2_000_000, source_bytes_per_document: 2000 },
  vectors: [{ field: 'embedding', dims: 768 }],
  deployment: { provider: 'aws', region: 'us-east-1' },
});

describe('Replanner', () => {
  it('sizes an equal variant once, however it is asked for', () => {
    let calls = 0;
    const options = { data: modelData, resize: (v: Workload) => (calls++, sizeWorkload(v, { constants: 'codec', data: modelData })) };
    const sizing = sizeWorkload(w, { constants: 'codec', data: modelData });
    const r = new Replanner(context(w, options), sizing, options);
    const variant: Workload = { ...w, availability: { ...w.availability, replicas: 2 } };
    const first = r.replan(variant);
    const again = r.replan(structuredClone(variant));
    expect(calls).toBe(1);
    expect(again).toBe(first);
    expect(first?.fit?.nodes).toBeGreaterThan(0);
    // A different variant is its own entry.
    r.replan({ ...w, availability: { ...w.availability, replicas: 3 } });
    expect(calls).toBe(2);
  });

  it('an index-type outcome asked twice (the HNSW hint, then the index-type advice) resizes once', () => {
    let calls = 0;
    const options = { data: modelData, resize: (v: Workload) => (calls++, sizeWorkload(v, { constants: 'codec', data: modelData })) };
    const r = new Replanner(context(w, options), sizeWorkload(w, { constants: 'codec', data: modelData }), options);
    const a = r.indexTypeOutcome('bbq_hnsw');
    const b = r.indexTypeOutcome('bbq_hnsw', [0]);
    expect(calls).toBe(1);
    expect(b?.total_ram_bytes).toBe(a?.total_ram_bytes);
  });
});
