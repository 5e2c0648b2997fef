import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildPlan } from '../../src/recommend/build-plan.js';
import { diffPlans } from '../../src/recommend/plan-diff.js';
import { baselineSchema, type Baseline } from '../../src/model/baseline.js';
import { diffSummary } from '../../src/cli/render/plan-diff.js';
import { parseWorkload } from '../../src/model/parse-workload.js';
import type { Plan } from '../../src/model/plan.js';
import { readStructuredFile } from '../../src/cli/workload-file.js';
import { modelData } from '../helpers/model-data.js';
import { repoRoot } from '../helpers/run-cli.js';

const GIB = 1024 ** 3;
const workload = parseWorkload(readStructuredFile(join(repoRoot, 'examples', 'rag-assistant.yaml'), 'workload'), 'rag-assistant.yaml');
const plan: Plan = buildPlan(workload, { esplanVersion: '9.9.9-test', data: modelData });
const asBaseline = (p: unknown): Baseline => baselineSchema.parse(JSON.parse(JSON.stringify(p)));

describe('diffPlans', () => {
  it('finds nothing between a plan and itself', () => {
    const d = diffPlans(asBaseline(plan), plan, 'same.json');
    expect(d.changed).toBe(false);
    expect(d.monthly_usd).toEqual({ before: plan.monthly_usd, after: plan.monthly_usd, delta: 0 });
    expect(d.tiers.every((t) => !t.changed)).toBe(true);
    expect([d.vector_ram_bytes.delta, d.total_disk_bytes.delta, d.primaries.delta, d.routing_shards.delta]).toEqual([0, 0, 0, 0]);
    expect(d.warnings).toEqual({ added: [], removed: [] });
    expect(d.baseline).toEqual({ file: 'same.json', esplan_version: '9.9.9-test', workload_name: plan.workload.name, same_version: true });
    expect(diffSummary(d).headline).toMatch(/^No change against the baseline/);
  });

  it('gives each figure after minus before, signed, for a baseline one data node per zone smaller', () => {
    // The built-in example's data tier is 5 / 5 / 5 nodes (README). A baseline with 4 / 4 / 4 costs
    // three nodes less: 3 x the per-node price; its vector RAM is set 8 GiB lower by hand.
    const data = plan.tiers.find((t) => t.role === 'data')!;
    expect(data.nodes_per_zone).toEqual([5, 5, 5]);
    const perNode = data.monthly_usd_per_node!;
    const old = JSON.parse(JSON.stringify(plan)) as Plan;
    const oldData = old.tiers.find((t) => t.role === 'data')!;
    oldData.nodes = 12;
    oldData.nodes_per_zone = [4, 4, 4];
    oldData.monthly_usd = Math.round((data.monthly_usd! - 3 * perNode) * 100) / 100;
    old.monthly_usd = Math.round((plan.monthly_usd! - 3 * perNode) * 100) / 100;
    old.sizing.vector_ram_bytes = plan.sizing.vector_ram_bytes - 8 * GIB;
    old.indices[0]!.shards.primaries = plan.indices[0]!.shards.primaries - 1;
    old.warnings = [{ code: 'GONE_NOW', message: 'an old warning' }];

    const d = diffPlans(asBaseline(old), plan, 'old.json');
    expect(d.changed).toBe(true);
    expect(d.monthly_usd.delta).toBeCloseTo(3 * perNode, 2);
    const tier = d.tiers.find((t) => t.role === 'data')!;
    expect(tier.before).toMatchObject({ nodes: 12, nodes_per_zone: [4, 4, 4], instance_type: data.instance_type });
    expect(tier.after).toMatchObject({ nodes: 15, nodes_per_zone: [5, 5, 5] });
    expect(d.tiers.filter((t) => t.changed).map((t) => t.role)).toEqual(['data']);
    expect(d.vector_ram_bytes.delta).toBe(8 * GIB);
    expect(d.primaries.delta).toBe(1);
    expect(d.warnings.removed).toEqual([{ code: 'GONE_NOW', message: 'an old warning' }]);
    // The baseline had none of the new plan's warning codes: every one of them is added.
    expect(d.warnings.added).toEqual(plan.warnings.map(({ code, message }) => ({ code, message })));

    const s = diffSummary(d);
    // 3 x $1,144.41 (the README's per-node price of c8gd.8xlarge) = $3,433.23.
    expect(perNode).toBe(1144.41);
    expect(s.headline).toMatch(/^\+\$3,433\.23 per month \(/);
    expect(s.lines).toContain('+1 data node per zone (4 / 4 / 4 → 5 / 5 / 5 per zone)');
    expect(s.lines.some((l) => l.startsWith('+8.0 GiB vector RAM, one copy'))).toBe(true);
    expect(s.lines).toContain('warning removed: [GONE_NOW]');
  });

  it('says a decrease with a minus sign and uneven zones node by node', () => {
    const old = JSON.parse(JSON.stringify(plan)) as Plan;
    const oldData = old.tiers.find((t) => t.role === 'data')!;
    oldData.nodes = 16;
    oldData.nodes_per_zone = [6, 5, 5];
    old.monthly_usd = plan.monthly_usd! + 1144.41;
    const s = diffSummary(diffPlans(asBaseline(old), plan, 'old.json'));
    expect(s.headline).toMatch(/^-\$1,144\.41 per month/);
    expect(s.lines).toContain('-1 data node (6 / 5 / 5 → 5 / 5 / 5 per zone)');
  });

  it('reads a baseline of another version without indices[] and with keys it does not know', () => {
    const old = JSON.parse(JSON.stringify(plan)) as Record<string, unknown>;
    delete old.indices;
    old.esplan_version = '0.0.1';
    old.some_future_key = { anything: true };
    const d = diffPlans(asBaseline(old), plan, 'old.json');
    expect(d.baseline.same_version).toBe(false);
    expect(d.indices).toEqual([{ name: plan.indices[0]!.name, before: expect.any(Object), after: expect.any(Object), changed: false }]);
    expect(diffSummary(d).lines[0]).toMatch(/made by esplan 0\.0\.1/);
  });

  it('marks a tier that only one side has, and leaves the cost delta unknown when a side has no price', () => {
    const old = JSON.parse(JSON.stringify(plan)) as Plan;
    old.tiers = old.tiers.filter((t) => t.role !== 'kibana');
    old.monthly_usd = null;
    const d = diffPlans(asBaseline(old), plan, 'old.json');
    expect(d.tiers.find((t) => t.role === 'kibana')).toMatchObject({ before: null, changed: true });
    expect(d.monthly_usd.delta).toBeNull();
    expect(diffSummary(d).lines.some((l) => l.startsWith('kibana tier added: 3 x '))).toBe(true);
  });
});
