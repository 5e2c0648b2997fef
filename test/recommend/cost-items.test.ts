/**
 * Issue 15 item 4: each tier's cost as line items (instance, bundled disk, Local SSD, attached
 * volume), priced from the catalog figures the tier price uses. Figures below are worked by hand
 * from catalogs/*.json.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, repoRoot } from '../helpers/run-cli.js';
import type { Plan } from '../../src/model/plan.js';

async function plan(example: string): Promise<Plan> {
  const r = await runInProcess(['recommend', '-w', `examples/${example}`, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Plan;
}

describe('cost line items', () => {
  it('Azure with an attached volume: the volume is its own item', async () => {
    const data = (await plan('soc-copilot.yaml')).tiers[0]!;
    expect([data.instance_type, data.nodes]).toEqual(['Standard_F32s_v2', 9]);
    // Standard_F32s_v2: $1.353 an hour x 730 h = $987.69 a node, x 9 = $8,889.21 (catalogs/azure.json).
    // 395 GiB of Premium SSD v2 at $0.08103/GiB-month = $32.00685 -> $32.01 a node, x 9 = $288.06165 -> $288.06.
    expect(data.cost_items).toEqual([
      { component: 'instance', description: 'Standard_F32s_v2, on demand', quantity_per_node: 730, unit: 'hour', unit_price_usd: 1.353, monthly_usd_per_node: 987.69, monthly_usd: 8889.21 },
      { component: 'attached_storage', description: '395 GiB Premium SSD v2 (PremiumV2_LRS) volume', quantity_per_node: 395, unit: 'GiB-month', unit_price_usd: 0.08103, monthly_usd_per_node: 32.01, monthly_usd: 288.06 },
    ]);
    // $8,889.21 + $288.06 = $9,177.27, the tier's price.
    expect(data.monthly_usd).toBe(9177.27);
  });

  it('GCP with Local SSDs: disk-hours at the per-disk price', async () => {
    const data = (await plan('agent-memory.yaml')).tiers[0]!;
    const ssd = data.cost_items!.find((c) => c.component === 'local_ssd')!;
    // 2 disks x 730 h = 1,460 disk-hours at $0.041096 = $60.00016 -> $60.00 a node.
    expect(ssd).toMatchObject({ description: '2 x 375 GiB Local SSD', quantity_per_node: 1460, unit: 'disk-hour', unit_price_usd: 0.041096, monthly_usd_per_node: 60 });
    expect(ssd.monthly_usd).toBe(Math.round(60.00016 * data.nodes * 100) / 100);
  });

  it('AWS with local NVMe: the disk is listed at $0, included in the instance price', async () => {
    const data = (await plan('rag-assistant.yaml')).tiers[0]!;
    // c8gd.8xlarge: $1.56768 an hour x 730 = $1,144.4064 -> $1,144.41; x 15 nodes = $17,166.096 -> $17,166.10.
    expect(data.cost_items).toEqual([
      { component: 'instance', description: 'c8gd.8xlarge, on demand', quantity_per_node: 730, unit: 'hour', unit_price_usd: 1.56768, monthly_usd_per_node: 1144.41, monthly_usd: 17166.1 },
      { component: 'local_disk', description: '1900 GB local NVMe, included in the instance price', quantity_per_node: 1900, unit: 'GB', unit_price_usd: 0, monthly_usd_per_node: 0, monthly_usd: 0 },
    ]);
  });

  it('unpriced catalogs (on-prem) keep their items with unknown prices, never $0', async () => {
    const data = (await plan('on-prem.yaml')).tiers[0]!;
    expect(data.cost_items![0]).toMatchObject({ component: 'instance', unit_price_usd: null, monthly_usd: null });
  });

  const examples = readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.yaml')).sort();
  it.each(examples)('%s: every tier has items and they sum to its price within a cent per item', async (example) => {
    for (const t of (await plan(example)).tiers) {
      const items = t.cost_items!;
      expect(items.length).toBeGreaterThan(0);
      expect(items[0]!.component).toBe('instance');
      if (t.monthly_usd === null) continue;
      const sum = items.reduce((s, c) => s + (c.monthly_usd ?? 0), 0);
      expect(Math.abs(sum - t.monthly_usd)).toBeLessThanOrEqual(0.01 * items.length + 1e-9);
    }
  });

  it('the table shows the items', async () => {
    const r = await runInProcess(['recommend']);
    expect(r.stdout).toMatch(/│ data +│ instance: 730 h x \$1\.56768 +│ \$1,144\.41 +│ \$17,166\.10 +│/);
    expect(r.stdout).toMatch(/│ data +│ local disk: 1,900 GB, included +│ \$0\.00 +│ \$0\.00 +│/);
  });
});
