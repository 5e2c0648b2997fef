/**
 * The wizard's index-type comparison with several vector fields (issue 11, item 6): while one
 * field's type varies, every other field is held at the type it has (as chosen, or its default
 * made explicit and named in the header); costs differ where the varied field's RAM makes them
 * differ; equal costs are decided by the higher recall band.
 */
import { describe, expect, it } from 'vitest';
import { compareIndexTypes } from '../src/cli/wizard/compare-index-types.js';
import { freshDraft } from '../src/cli/wizard/flow.js';
import { renderComparison } from '../src/cli/wizard/render-comparison.js';
import { ESPLAN_VERSION } from '../src/cli/version.js';
import type { Plan } from '../src/model/plan.js';
import type { Workload } from '../src/model/workload.js';
import { buildPlan } from '../src/recommend/build-plan.js';
import { fakeBuildPlan } from './helpers/fake-plan.js';
import { modelData } from './helpers/model-data.js';

const realPlan = (w: Workload) => buildPlan(w, { esplanVersion: ESPLAN_VERSION, data: modelData });

/** Two float fields on 9.4 enterprise: content_embedding (1024 dims) and title_embedding (384 dims), both `auto`. */
function twoFields(documents: number): Record<string, unknown> {
  const d = freshDraft() as Record<string, unknown> & { corpus: Record<string, unknown>; vectors: Record<string, unknown>[] };
  return {
    ...d,
    elasticsearch: { version: '9.4', license: 'enterprise' },
    corpus: { ...d.corpus, documents },
    vectors: [
      { ...d.vectors[0], field: 'content_embedding', dims: 1024, index_type: 'auto' },
      { ...d.vectors[0], field: 'title_embedding', dims: 384, index_type: 'auto' },
    ],
  };
}

/** Records every workload the comparison plans, through `inner`. */
function recording(inner: (w: Workload) => Plan) {
  const seen: Workload[] = [];
  const plans: Plan[] = [];
  return {
    seen,
    plans,
    build: (w: Workload) => {
      seen.push(w);
      const plan = inner(w);
      plans.push(plan);
      return plan;
    },
  };
}

describe('wizard index-type comparison with two vector fields', () => {
  it('holds the other field at its default made explicit, and names it in the header', () => {
    const r = recording(realPlan);
    const c = compareIndexTypes(twoFields(1_000_000), 0, r.build)!;
    // 9.4 with an enterprise license: a new float field defaults to bbq_disk (formulas/index-types.json defaults).
    expect(c.held).toEqual([{ field: 'title_embedding', index_type: 'bbq_disk', is_default: true }]);
    expect(r.seen).toHaveLength(5);
    for (const w of r.seen) expect(w.vectors![1]!.index_type).toBe('bbq_disk');
    expect(renderComparison(c)).toContain('other fields held while content_embedding varies: title_embedding on bbq_disk (ES default)');
  });

  it('holds a field already chosen at that type, not at the default', () => {
    const raw = twoFields(1_000_000) as { vectors: Record<string, unknown>[] };
    raw.vectors[0]!.index_type = 'hnsw';
    const r = recording((w) => fakeBuildPlan(w));
    const c = compareIndexTypes(raw, 1, r.build)!;
    expect(c.held).toEqual([{ field: 'content_embedding', index_type: 'hnsw', is_default: false }]);
    for (const w of r.seen) expect(w.vectors![0]!.index_type).toBe('hnsw');
    expect(renderComparison(c)).toContain('title_embedding varies: content_embedding on hnsw (as chosen)');
  });

  it('gives each row the varied field\'s own RAM and a cost that moves with it', () => {
    // 50,000,000 documents, one vector each, no growth, 2 copies (1 replica), codec constants on 9.4.
    // HNSW graph (m 16, group-varint since 9.2, fill 0.25): segment min(50M, floor(5 GiB / 4,096)) = 1,310,720
    //   level 0: degree 8, gap 163,840: 1 + e^(-256/163,840) + e^(-65,536/163,840) + 0 + 0.25
    //            = 1 + 0.998439 + 0.670320 + 0.25 = 2.918759; node 1 + 8 * 2.918759 + 2 = 26.350070
    //   upper:   degree 4, gap 327,680: 1 + 0.999219 + 0.818731 + 0.25 = 3.067950; node 1 + 12.271800 + 2 = 15.271800, / 15
    //   27.368190 B/vector: ceil(50M * 27.368190) = 1,368,409,504 B per copy
    // per copy, codes + graph (x2 for all copies):
    //   hnsw      50M * 4,096 (float)              = 204,800,000,000 + graph -> 412,336,819,008
    //   int8_hnsw 50M * (1,024 + 16)               =  52,000,000,000 + graph -> 106,736,819,008
    //   int4_hnsw 50M * (512 + 16)                 =  26,400,000,000 + graph ->  55,536,819,008
    //   bbq_hnsw  50M * (ceil(1,024 / 64) * 8 + 14) =  7,100,000,000 + graph ->  16,936,819,008
    //   bbq_disk  centroids ceil(50M / 384) = 130,209 * (1,024 + 16) = 135,417,360; posting lists
    //             50M * 2 (SOAR) * (1,024 * 1 bit / 8 + 16) = 14,400,000,000, 5% resident:
    //             ceil(135,417,360 + 720,000,000) = 855,417,360 -> 1,710,834,720
    const c = compareIndexTypes(twoFields(50_000_000), 0, realPlan)!;
    const ram = Object.fromEntries(c.options.map((o) => [o.index_type, o.ram_bytes]));
    expect(ram).toEqual({
      hnsw: 412_336_819_008,
      int8_hnsw: 106_736_819_008,
      int4_hnsw: 55_536_819_008,
      bbq_hnsw: 16_936_819_008,
      bbq_disk: 1_710_834_720,
    });
    const cost = Object.fromEntries(c.options.map((o) => [o.index_type, o.monthly_usd as number]));
    // 412 GB of float HNSW against 1.7 GB of DiskBBQ RAM for the same field: not the same plan price.
    expect(new Set(Object.values(cost)).size).toBeGreaterThan(1);
    expect(cost.hnsw).toBeGreaterThan(cost.bbq_disk!);
    expect(cost.hnsw).toBeGreaterThan(cost.bbq_hnsw!);
  });

  it('holds the other field\'s RAM fixed across the rows', () => {
    const r = recording(realPlan);
    compareIndexTypes(twoFields(50_000_000), 0, r.build);
    const held = r.plans.map((p) => p.sizing.vectors.find((v) => v.field === 'title_embedding')!);
    expect(held).toHaveLength(5);
    expect(new Set(held.map((v) => v.index_type))).toEqual(new Set(['bbq_disk']));
    expect(new Set(held.map((v) => v.ram_bytes)).size).toBe(1);
  });

  it('breaks a tie in cost towards the higher recall band', () => {
    // 1M documents: every row fits the same nodes, so every row costs the same. bbq_disk (~95%,
    // reaches 0.95) needs the least RAM, but the HNSW types reach 0.99 at the same price: among
    // those the least RAM decides (bbq_hnsw).
    const c = compareIndexTypes(twoFields(1_000_000), 0, realPlan)!;
    const costs = new Set(c.options.map((o) => o.monthly_usd));
    expect(costs.size).toBe(1);
    expect(c.recommended).toBe('bbq_hnsw');
    expect(c.reason).toContain('bbq_disk costs the same with a lower recall band');
    // The table lists the pick first, then equal costs by higher band.
    expect(c.options.map((o) => o.index_type).at(-1)).toBe('bbq_disk');
  });

  it('breaks a tie the same way with the scripted pipeline (flat price)', () => {
    const flat = (w: Workload) => ({ ...fakeBuildPlan(w), monthly_usd: 1000 });
    const c = compareIndexTypes({ ...freshDraft(), elasticsearch: { version: '9.4', license: 'enterprise' } }, 0, flat)!;
    expect(c.recommended).toBe('bbq_hnsw');
  });

  it('without prices still recommends the least vector RAM', () => {
    const unpriced = (w: Workload) => ({ ...fakeBuildPlan(w), monthly_usd: null });
    const c = compareIndexTypes({ ...freshDraft(), elasticsearch: { version: '9.4', license: 'enterprise' } }, 0, unpriced)!;
    // fake RAM per dim: bbq_disk 0.0625 is the least, and its ~95% band reaches the 95% default target.
    expect(c.recommended).toBe('bbq_disk');
  });
});
