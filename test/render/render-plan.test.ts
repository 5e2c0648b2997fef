import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPlan, type Format } from '../../src/cli/render/render-plan.js';
import { planSchema, type Plan } from '../../src/model/plan.js';
import { repoRoot } from '../helpers/run-cli.js';
import { expectGolden } from '../helpers/golden.js';
import { diffPlans } from '../../src/recommend/plan-diff.js';
import { baselineSchema } from '../../src/model/baseline.js';
import { parse as parseYaml } from 'yaml';

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

describe('the change against a baseline (recommend --baseline)', () => {
  // The baseline: the fixture with one data node per zone instead of two (1 / 1 / 1, 3 nodes at
  // $672.77: $2,018.31 a month) and a master tier priced at $100 a month in both plans.
  const priced: Plan = { ...plan, tiers: plan.tiers.map((t) => (t.role === 'master' ? { ...t, monthly_usd: 100, monthly_usd_per_node: 33.33 } : t)), monthly_usd: 4136.61 };
  const before = JSON.parse(JSON.stringify(priced)) as Plan;
  before.tiers[0] = { ...before.tiers[0]!, nodes: 3, nodes_per_zone: [1, 1, 1], monthly_usd: 2018.31 };
  before.monthly_usd = 2118.31;
  const after: Plan = { ...priced, diff: diffPlans(baselineSchema.parse(before), priced, 'baseline.json') };

  it('renders the Markdown PR comment as in the golden file, with figures worked by hand', () => {
    const md = renderPlan(after, 'markdown', { explain: false, color: false });
    expectGolden(join(dir, 'plan.diff.md'), md);
    // $4,136.61 - $2,118.31 = +$2,018.30; 2 - 1 = +1 data node in each zone; the data tier
    // $4,036.61 - $2,018.31 = +$2,018.30.
    expect(md).toContain('**+$2,018.30 per month ($2,118.31 → $4,136.61)**');
    expect(md).toContain('- +1 data node per zone (1 / 1 / 1 → 2 / 2 / 2 per zone)');
    expect(md).toContain('- data tier: +$2,018.30 per month ($2,018.31 → $4,036.61)');
    expect(md).not.toContain('master tier');
  });

  it('shows the same lines in the table', () => {
    const table = renderPlan(after, 'table', { explain: false, color: false });
    expect(table).toContain('Against the baseline baseline.json\n+$2,018.30 per month ($2,118.31 → $4,136.61)\n- +1 data node per zone');
  });
});

describe('YAML golden', () => {
  it('parses back to the same plan (a reader independent of the renderer)', () => {
    expect(parseYaml(renderPlan(plan, 'yaml', { explain: false, color: false }))).toEqual(plan);
  });
});
