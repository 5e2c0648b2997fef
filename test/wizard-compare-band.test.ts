/**
 * The wizard's index-type comparison shows DiskBBQ's RAM as Elastic's band (all centroids plus 5%
 * and 10% of the posting lists), with the share the plan budgets, so the trade-off is visible.
 */
import { describe, expect, it } from 'vitest';
import { compareIndexTypes, type Comparison } from '../src/cli/wizard/compare-index-types.js';
import { freshDraft } from '../src/cli/wizard/flow.js';
import { renderComparison } from '../src/cli/wizard/render-comparison.js';
import { ESPLAN_VERSION } from '../src/cli/version.js';
import type { Workload } from '../src/model/workload.js';
import { buildPlan } from '../src/recommend/build-plan.js';
import { modelData } from './helpers/model-data.js';

const realPlan = (w: Workload) => buildPlan(w, { esplanVersion: ESPLAN_VERSION, data: modelData });

describe('DiskBBQ band in the wizard comparison', () => {
  it('carries the band for bbq_disk only, all copies, from the same plan', () => {
    const raw = { ...freshDraft(), elasticsearch: { version: '9.4', license: 'enterprise' } };
    const comparison = compareIndexTypes(raw, 0, realPlan)!;
    const disk = comparison.options.find((o) => o.index_type === 'bbq_disk')!;
    expect(disk.ram_band).toBeDefined();
    // the plan budgets the low end: ram_bytes equals the band's low end; the high end is larger
    expect(disk.ram_bytes).toBe(disk.ram_band!.low_bytes);
    expect(disk.ram_band!.high_bytes).toBeGreaterThan(disk.ram_band!.low_bytes);
    expect([disk.ram_band!.low_share, disk.ram_band!.high_share, disk.ram_band!.planned_share]).toEqual([0.05, 0.1, 0.05]);
    for (const o of comparison.options.filter((x) => x.index_type !== 'bbq_disk')) expect(o.ram_band).toBeUndefined();
  });

  it('renders the band in the RAM column and says what its ends mean', () => {
    const c: Comparison = {
      field: 'body',
      held: [],
      options: [
        {
          index_type: 'bbq_disk',
          band: { index_type: 'bbq_disk', label: '90-95%', reaches: 0.95 } as never,
          // 2 copies of 10M x 768: 2 * 132,416,928 = 264,833,856 (252.6 MiB); 2 * 244,416,928 = 488,833,856 (466.2 MiB)
          ram_bytes: 264_833_856,
          ram_band: { low_bytes: 264_833_856, high_bytes: 488_833_856, low_share: 0.05, high_share: 0.1, planned_share: 0.05 },
          disk_bytes: 65_960_833_856,
          monthly_usd: 1000,
          is_default: true,
        },
      ],
      unplannable: [],
      recommended: 'bbq_disk',
      reason: 'the cheapest plan',
      recall_target: 0.9,
    };
    const text = renderComparison(c);
    expect(text).toContain('252.6 MiB–466.2 MiB');
    expect(text).toContain('bbq_disk RAM: 252.6 MiB at 5% of posting lists resident (the plan budgets 5%), 466.2 MiB at 10%');
  });
});
