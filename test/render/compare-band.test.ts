/**
 * `recommend --compare index-types`: a variant with bbq_disk fields shows its vector RAM as the
 * DiskBBQ band (all copies), so the trade-off against the HNSW types is visible.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareLines, renderCompare } from '../../src/cli/render/compare.js';
import { planSchema, type Plan } from '../../src/model/plan.js';
import { repoRoot } from '../helpers/run-cli.js';

const plan: Plan = planSchema.parse(JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'render', 'plan.json'), 'utf8')));

describe('compare lines carry the DiskBBQ band', () => {
  it('sums each field at its band ends (other fields at their planned RAM), all copies', () => {
    const [line] = compareLines([{ label: 'mixed', plan }]);
    // fixture, one copy: bbq_hnsw 20,000,000,000 (no band) + bbq_disk band 104,857,600-188,743,680; 2 copies:
    //   low  2 * (20,000,000,000 + 104,857,600) = 40,209,715,200 (= total_ram_bytes, the plan budgets the low end)
    //   high 2 * (20,000,000,000 + 188,743,680) = 40,377,487,360
    expect(line!.vector_ram_band_bytes).toEqual({ low_bytes: 40_209_715_200, high_bytes: 40_377_487_360 });
    expect(line!.vector_ram_bytes).toBe(40_209_715_200);
  });

  it('leaves the band out when no field has one, and shows it in the table', async () => {
    const hnswOnly: Plan = { ...plan, sizing: { ...plan.sizing, vectors: [plan.sizing.vectors[0]!] } };
    expect(compareLines([{ label: 'hnsw', plan: hnswOnly }])[0]).not.toHaveProperty('vector_ram_band_bytes');
    const table = await renderCompare('index-types', compareLines([{ label: 'mixed', plan }]), 'table');
    // 40,209,715,200 / 2^30 = 37.45 GiB; 40,377,487,360 / 2^30 = 37.60 GiB
    expect(table).toContain('37.45 GiB–37.60 GiB');
  });
});
