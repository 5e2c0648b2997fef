import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPlan, type Format } from '../../src/cli/render/render-plan.js';
import { planSchema, type Plan } from '../../src/model/plan.js';
import { repoRoot } from '../helpers/run-cli.js';
import { expectGolden } from '../helpers/golden.js';

const dir = join(repoRoot, 'test', 'fixtures', 'render');
const plan: Plan = planSchema.parse(JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')));

const golden = (name: string, actual: string) => expectGolden(join(dir, name), actual);

describe('plan renderers', () => {
  for (const [format, ext] of [['table', 'txt'], ['markdown', 'md'], ['json', 'json'], ['yaml', 'yaml']] as [Format, string][]) {
    it(`renders ${format} as in the golden file`, () => {
      golden(`plan.${format}.${ext}`, renderPlan(plan, format, { explain: false, color: false }));
    });
  }

  it('writes JSON that parses back to the same plan', () => {
    expect(JSON.parse(renderPlan(plan, 'json', { explain: false, color: false }))).toEqual(plan);
  });

  it('says "1 zone" for a one-zone plan, "3 zones" otherwise', () => {
    const one = renderPlan({ ...plan, zones: 1 }, 'table', { explain: false, color: false });
    expect(one.split('\n')[0]).toMatch(/, 1 zone$/);
    expect(renderPlan({ ...plan, zones: 3 }, 'table', { explain: false, color: false }).split('\n')[0]).toMatch(/, 3 zones$/);
  });

  it('shows unknown prices as unknown, never as $0', () => {
    const table = renderPlan(plan, 'table', { explain: false, color: false });
    expect(table).toContain('Total: unknown per month (prices as of 2026-07-20)');
    expect(table).not.toContain('$0.00');
  });

  it('shows the DiskBBQ RAM band beside the planned point', () => {
    const md = renderPlan(plan, 'markdown', { explain: false, color: false });
    // fixture: centroids 20 MiB, posting lists 1,600 MiB: 20 + 5% = 100 MiB, 20 + 10% = 180 MiB
    expect(md).toContain('100.0 MiB (100.0 MiB–180.0 MiB)');
  });

  it('says what each end of the DiskBBQ band means and which share the plan budgets, in table and Markdown', () => {
    const line = 'sku_embedding (bbq_disk): RAM 100.0 MiB at 5% of posting lists resident, 180.0 MiB at 10%; the plan budgets 5% (more reads from disk per query than at 10%)';
    expect(renderPlan(plan, 'table', { explain: false, color: false })).toContain(`- ${line}`);
    expect(renderPlan(plan, 'markdown', { explain: false, color: false })).toContain(`- ${line}`);
  });

  it('without the band constants in the basis it names the ends, not percentages', () => {
    const bare: Plan = { ...plan, basis: plan.basis.filter((b) => !b.id.startsWith('bbq_disk.ram_band_')) };
    expect(renderPlan(bare, 'table', { explain: false, color: false })).toContain(
      'sku_embedding (bbq_disk): RAM 100.0 MiB at the low end of the posting-list band, 180.0 MiB at the high end; the plan budgets 5%',
    );
  });

  it('escapes pipes in Markdown cells', () => {
    const md = renderPlan(plan, 'markdown', { explain: false, color: false });
    expect(md).toContain('costs $1,463.89 more per month \\| for the same fit');
  });

  it('adds colour only when asked', () => {
    expect(renderPlan(plan, 'table', { explain: false, color: false })).not.toContain('\u001b[');
    expect(renderPlan(plan, 'table', { explain: false, color: true })).toContain('\u001b[1m');
  });
});
