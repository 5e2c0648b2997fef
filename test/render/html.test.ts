/**
 * recommend --format html: a self-contained page. Safety (hostile names escaped, nothing loaded,
 * the CSP), content (zones, tiers, node counts, bars, cost items, shards, the baseline change)
 * and a golden file of the render fixture whose bar widths are worked out by hand below.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPlan } from '../../src/cli/render/render-plan.js';
import { planSchema, type Plan } from '../../src/model/plan.js';
import { expectGolden } from '../helpers/golden.js';
import { repoRoot, runInProcess } from '../helpers/run-cli.js';

const dir = join(repoRoot, 'test', 'fixtures', 'render');
const fixture: Plan = planSchema.parse(JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')));
const html = (plan: Plan, explain = false) => renderPlan(plan, 'html', { explain, color: false, width: 40 });

const GIB = 1024 ** 3;
/**
 * The fixture's data tier (6 x r6gd.4xlarge, 950 GB local NVMe, 2 / 2 / 2) with the per-node
 * figures a plan carries, chosen so the bars come out in round pixels:
 * - disk: 950 GB = 950e9 B; the low watermark leaves min(15% = 142.5e9 B, 200 GiB = 214.7e9 B)
 *   free, so usable = 950e9 - 142.5e9 = 807.5e9 B; less the 5% merge reserve and 5% growth margin,
 *   the fill limit is 0.9 x 807.5e9 = 726.75e9 B.
 * - the fullest node: 10 GiB of vectors in a 40 GiB vector cache, 475e9 B on disk; after a node
 *   loss 12 GiB and 570e9 B.
 */
const sized: Plan = {
  ...fixture,
  tiers: fixture.tiers.map((t) =>
    t.role === 'data'
      ? {
          ...t,
          vector_cache_bytes: 40 * GIB,
          usable_disk_bytes: 807_500_000_000,
          disk_fill_limit_bytes: 726_750_000_000,
          fullest_node_vector_bytes: 10 * GIB,
          fullest_node_disk_bytes: 475_000_000_000,
          node_loss: {
            required: true,
            survives: true,
            surviving_nodes_in_zone: 1,
            fullest_node_shard_copies: 12,
            fullest_node_disk_bytes: 570_000_000_000,
            fullest_node_vector_bytes: 12 * GIB,
            disk_headroom_bytes: 807_500_000_000 - 570_000_000_000,
            vector_headroom_bytes: 28 * GIB,
          },
        }
      : t,
  ),
};

/** The attribute of the element with `data-figure="name"`. */
function figureAttr(page: string, figure: string, attr: string): string[] {
  const re = new RegExp(`<rect data-figure="${figure}"[^>]* ${attr}="([^"]*)"`, 'g');
  return [...page.matchAll(re)].map((m) => m[1]!);
}

/** Every check that the page loads nothing and runs nothing. */
function expectSelfContained(page: string): void {
  expect(page.startsWith('<!DOCTYPE html>\n')).toBe(true);
  expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  expect(page).not.toMatch(/<script/i);
  expect(page).not.toMatch(/<(link|img|iframe|object|embed|base|form|audio|video|source|use|image|meta http-equiv="refresh")\b/i);
  // Escaped text holds no raw "<", so every <...> is a real tag: no attribute of one names a URL,
  // loads something or runs an event handler; URLs may only be text (--explain's sources).
  const tags = page.match(/<[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(20);
  for (const tag of tags) {
    expect(tag).not.toMatch(/\s(src|href|srcset|action|formaction|xlink:href|background|poster)\s*=/i);
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag).not.toMatch(/https?:|\/\//i);
  }
  const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
  expect(style).toContain('font-family');
  expect(style).not.toMatch(/@import|url\(|@font-face|https?:/i);
  // One <style> element, closed once: no name closed it early.
  expect(page.match(/<\/style>/gi)).toHaveLength(1);
  expect(page.match(/<style>/gi)).toHaveLength(1);
}

describe('the HTML page is safe with hostile names', () => {
  const HOSTILE = `</style><script>alert("x")</script><img src=x onerror='alert(1)'> & \u001b[2J\u202eevil`;
  const hostile: Plan = {
    ...sized,
    workload: { ...sized.workload, name: HOSTILE },
    indices: sized.indices.map((ix) => ({ ...ix, name: `${HOSTILE}-index` })),
    sizing: { ...sized.sizing, vectors: sized.sizing.vectors.map((v) => ({ ...v, field: `${HOSTILE}-field` })) },
    warnings: [{ code: 'SHARD_SIZE_NEAR_LIMIT', message: `${HOSTILE}-warning` }],
    alternatives: sized.alternatives.map((a) => ({ ...a, why_not: `${HOSTILE}-why` })),
  };
  const page = html(hostile, true);

  it('escapes <script>, quotes, </style>, ampersands, controls and bidi characters in every text', () => {
    expectSelfContained(page);
    const shown = '&lt;/style&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt; &amp; \\u001b[2J\\u202eevil';
    expect(page).toContain(`<h1>esplan: ${shown}: aws us-east-1, 3 zones</h1>`);
    expect(page).toContain(`<title>esplan: ${shown}: aws us-east-1, 3 zones</title>`);
    for (const suffix of ['-index', '-field', '-warning', '-why']) expect(page).toContain(`${shown}${suffix}`);
    // No raw control or bidi character is left.
    // eslint-disable-next-line no-control-regex
    expect(page).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
  });

  it('keeps the page self-contained for a workload file with a hostile name, through the CLI', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'esplan-html-'));
    try {
      const file = join(tmp, 'w.yaml');
      const yaml = readFileSync(join(repoRoot, 'examples', 'rag-assistant.yaml'), 'utf8').replace(/^name: .*$/m, `name: '</style><script>alert(1)</script>'`);
      writeFileSync(file, yaml);
      const r = await runInProcess(['recommend', '-w', file, '--format', 'html']);
      expect(r.code, r.stderr).toBe(0);
      expectSelfContained(r.stdout);
      expect(r.stdout).toContain('<h1>esplan: &lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;: aws us-east-1, 3 zones</h1>');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('the HTML page of the built-in example (examples/rag-assistant.yaml)', async () => {
  const r = await runInProcess(['recommend', '--format', 'html'], { columns: 60 });
  const page = r.stdout;
  // One <div class="zone"> per zone, up to the next.
  const zones = page.split('<div class="zone">').slice(1);

  it('is one self-contained page, never wrapped to the terminal width', () => {
    expect(r.code, r.stderr).toBe(0);
    expectSelfContained(page);
    // Without --explain there is no URL at all, not even as text.
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).toContain('<h1>esplan: support-assistant: aws us-east-1, 3 zones</h1>');
    // The tier note is one <li>, not wrapped at 60 columns as the table is.
    expect(page).toMatch(/<li>data: 1900 GB local NVMe per node; 3 shards on the fullest node; at the horizon [^<]{300,}<\/li>/);
  });

  it('has a column per zone with each tier, its instance type and nodes per zone (README: 5 / 5 / 5, 1 / 1 / 1, 1 / 1 / 1)', () => {
    expect(zones).toHaveLength(3);
    zones.forEach((z, i) => {
      expect(z).toContain(`<h3>zone ${i + 1}</h3>`);
      expect(z).toContain('<div class="tier-head">data: 5 x c8gd.8xlarge</div>');
      expect(z).toContain('<div class="tier-head">master: 1 x c8gd.2xlarge</div>');
      expect(z).toContain('<div class="tier-head">kibana: 1 x c8gd.2xlarge</div>');
      const data = z.split('data-role="data"')[1]!.split('data-role="master"')[0]!;
      expect(data.match(/<div class="node"/g)).toHaveLength(5);
    });
  });

  it('draws the fullest data node against its vector cache and disk (README: 4.15 GiB / 26.10 GiB, 148.69 GiB of 1,900 GB)', () => {
    expect(page).toContain('vector RAM: 4.15 GiB of a 26.10 GiB vector cache (16%)');
    // 1,900 GB = 1.9e12 B = 1.73 TiB; 148.69 GiB = 1.5965e11 B, 8% of it; the low watermark leaves
    // min(15%, 200 GiB) = 200 GiB free: 1.9e12 - 214.75e9 = 1.685e12 B = 1.53 TiB.
    expect(page).toContain('disk: 148.69 GiB of 1.73 TiB (8%); low watermark at 1.53 TiB');
    expect(page).toContain('After losing one data node: the fullest of the 4 left in its zone (4 shard copies; fits)');
  });

  it('shows the cost per tier with its line items, the shard layout, warnings and alternatives', () => {
    expect(page).toContain('<h3>data: 15 x c8gd.8xlarge, $17,166.10 per month</h3>');
    expect(page).toContain('<td>instance: 730 h x $1.56768</td><td class="num">$1,144.41</td><td class="num">$17,166.10</td>');
    expect(page).toContain('<td>local disk: 1,900 GB, included</td><td class="num">$0.00</td><td class="num">$0.00</td>');
    expect(page).toContain('<p class="total">Total: $18,882.70 per month (prices as of 2026-07-20)</p>');
    // support-docs: 13 primaries, 2 replicas, 832 routing shards, 13 x 3 = 39 copies (README).
    expect(page).toMatch(/<tr><td>support-docs<\/td><td class="num">13<\/td><td class="num">2<\/td><td class="num">832<\/td><td>2, 4, 8, 16, 32, 64<\/td><td class="num">[\d.]+ GiB<\/td><td class="num">10,967,392<\/td><td class="num">39<\/td><\/tr>/);
    expect(page).toContain('<code>THROUGHPUT_ASSUMED</code>');
    expect(page).toContain('<td>r6gd.8xlarge</td><td class="num">15</td><td class="num">$21,899.64</td><td>plan costs $3,016.94 more per month (+16.0%); 15 data nodes, set by search CPU</td>');
  });
});

describe('--explain with --format html', () => {
  it('is included, folded at the end of the page', async () => {
    const r = await runInProcess(['recommend', '--format', 'html', '--explain']);
    expect(r.code, r.stderr).toBe(0);
    expectSelfContained(r.stdout);
    expect(r.stdout).toMatch(/<h2>How each figure was derived<\/h2>\n<details><summary>\d+ formulas, constants and catalog entries<\/summary>\n<pre>How each figure was derived/);
    expect(r.stdout).toContain('vectors.count[content_embedding]  [formula]');
    expect(r.stdout.trimEnd().endsWith('</details>\n</body>\n</html>')).toBe(true);
  });
});

describe('--baseline with --format html (examples/rag-assistant.baseline.json: the example at 16M documents)', async () => {
  const r = await runInProcess(['recommend', '--baseline', 'examples/rag-assistant.baseline.json', '--format', 'html']);
  const page = r.stdout;
  const section = page.split('<h2>Against the baseline</h2>')[1]?.split('<h2>')[0] ?? '';

  it('shows the monthly cost before, after and delta', () => {
    expect(r.code, r.stderr).toBe(0);
    expectSelfContained(page);
    // Baseline monthly_usd $15,449.48; now $18,882.70 (README); $18,882.70 - $15,449.48 = +$3,433.22.
    expect(section).toContain('<p class="total">+$3,433.22 per month ($15,449.48 → $18,882.70)</p>');
    expect(section).toContain('<tr><td>monthly cost</td><td class="num">$15,449.48</td><td class="num">$18,882.70</td><td class="num"><span class="delta-up">+$3,433.22</span></td></tr>');
  });

  it('puts the tiers side by side: 12 x c8gd.8xlarge (4 / 4 / 4) before, 15 (5 / 5 / 5) after', () => {
    // Before: the baseline's data tier, 12 nodes at $13,732.88; after: 15 at $17,166.10 (README).
    expect(section).toMatch(/<h3>before<\/h3><table>[\s\S]*<td>data<\/td><td>12 x c8gd\.8xlarge \(nodes per zone: 4 \/ 4 \/ 4\), \$13,732\.88 per month<\/td>[\s\S]*<h3>after<\/h3>/);
    expect(section.split('<h3>after</h3>')[1]).toContain('<td>data</td><td>15 x c8gd.8xlarge (nodes per zone: 5 / 5 / 5), $17,166.10 per month</td>');
    expect(section).toContain('<li>+1 data node per zone (4 / 4 / 4 → 5 / 5 / 5 per zone)</li>');
  });

  it('gives the figures before and after: primaries 11 → 13, routing shards 704 → 832', () => {
    // The baseline's shards: 11 primaries, 704 routing shards (11 x 64); now 13 and 832 (13 x 64).
    expect(section).toContain('<tr><td>primary shards</td><td class="num">11</td><td class="num">13</td><td class="num"><span class="delta-up">+2</span></td></tr>');
    expect(section).toContain('<tr><td>routing shards</td><td class="num">704</td><td class="num">832</td><td class="num"><span class="delta-up">+128</span></td></tr>');
    // vector RAM, one copy: 15,454,627,166 B = 14.4 GiB before, 19,318,283,450 B = 18.0 GiB after.
    expect(section).toContain('<tr><td>vector RAM, one copy</td><td class="num">14.4 GiB</td><td class="num">18.0 GiB</td><td class="num"><span class="delta-up">+3.6 GiB</span></td></tr>');
  });
});

describe('recommend --compare ... --format html', () => {
  it.each(['index-types', 'providers'])('%s: one table page, as safe as the plan page, with every variant of the JSON', async (kind) => {
    const r = await runInProcess(['recommend', '--compare', kind, '--format', 'html']);
    expect(r.code, r.stderr).toBe(0);
    expectSelfContained(r.stdout);
    const json = JSON.parse((await runInProcess(['recommend', '--compare', kind, '--json'])).stdout) as { variants: { variant: string; data_tier: string | null }[] };
    expect(json.variants.length).toBeGreaterThan(1);
    for (const v of json.variants) expect(r.stdout).toContain(`<tr><td>${v.variant.replace(/&/g, '&amp;')}</td>`);
    expect(r.stdout.match(/<tr><td>/g)).toHaveLength(json.variants.length);
  });
});

describe('the HTML golden of the render fixture', () => {
  const page = html(sized);

  it('renders as in the golden file', () => {
    expectGolden(join(dir, 'plan.html'), page);
  });

  it('draws bars whose widths are the figures over the capacity, times the bar length', () => {
    // Vector RAM: 10 GiB / 40 GiB x 400 px = 100 px (the small bars in each node box: x 120 = 30 px).
    expect(figureAttr(page, 'fullest-vector-ram', 'width')).toEqual(['100']);
    expect(figureAttr(page, 'node-vector-ram', 'width')).toEqual(Array(6).fill('30'));
    // Disk: 475e9 / 950e9 x 400 = 200 px; after a node loss 570e9 / 950e9 x 400 = 240 px, 12/40 x 400 = 120 px.
    expect(figureAttr(page, 'fullest-disk', 'width')).toEqual(['200']);
    expect(figureAttr(page, 'node-loss-disk', 'width')).toEqual(['240']);
    expect(figureAttr(page, 'node-loss-vector-ram', 'width')).toEqual(['120']);
    // Markers (1 px from the left edge): the low watermark at 1 + 807.5/950 x 400 = 341, the fill
    // limit at 1 + 726.75/950 x 400 = 307.
    const big = page.split('<h2>Data nodes: vector RAM and disk</h2>')[1]!;
    expect(big).toContain('<line data-marker="low disk watermark" x1="341" y1="0" x2="341"');
    expect(big).toContain('<line data-marker="planned fill limit" x1="307" y1="0" x2="307"');
    // 2 / 2 / 2 data nodes and 1 / 1 / 1 masters, one column per zone.
    const zones = page.split('<div class="zone">').slice(1);
    expect(zones.map((z) => z.match(/<div class="node"/g)?.length)).toEqual([3, 3, 3]);
    expect(zones[0]).toContain('<div class="tier-head">data: 2 x r6gd.4xlarge</div>');
    expect(zones[0]).toContain('<div class="tier-head">master: 1 x c8gd.xlarge</div>');
  });

  it('says an unknown price is unknown, never $0', () => {
    expect(page).toContain('<p class="total">unknown per month (prices as of 2026-07-20)</p>');
    expect(page).toContain('<h3>master: 3 x c8gd.xlarge, unknown per month</h3>');
  });

  it('shows no bars for a plan without the per-node figures, and says nothing false', () => {
    const bare = html(fixture);
    expect(bare).not.toContain('<svg');
    expect(bare).not.toContain('Data nodes: vector RAM and disk');
  });
});


describe('a two-zone plan (examples/small-two-zone.yaml) and evaluate', () => {
  it('draws the tiebreaker master in its own third-location column, outside the two zones', async () => {
    // The README: a two-zone plan's tiebreaker is the third entry of the master tier's nodes_per_zone (0 / 0 / 1).
    const r = await runInProcess(['recommend', '-w', 'examples/small-two-zone.yaml', '--format', 'html']);
    expect(r.code, r.stderr).toBe(0);
    const zones = r.stdout.split('<div class="zone">').slice(1);
    expect(zones.map((z) => /<h3>([^<]*)<\/h3>/.exec(z)?.[1])).toEqual(['zone 1', 'zone 2', 'third location (tiebreaker)']);
    expect(zones[0]).not.toContain('data-role="master"');
    expect(zones[2]).toContain('<div class="tier-head">master: 1 x c8gd.large</div>');
    expect(zones[2]).not.toContain('data-role="data"');
    expect(r.stdout).toContain('<h2>Zones and nodes</h2>\n<div class="zones" style="grid-template-columns: repeat(3, 1fr)">');
  });

  it('evaluate --format html shows the given data tier', async () => {
    const r = await runInProcess(['evaluate', '-w', 'examples/small-two-zone.yaml', '--data', 'r6gd.4xlarge:2', '--format', 'html']);
    expect(r.code, r.stderr).toBe(0);
    expectSelfContained(r.stdout);
    expect(r.stdout.match(/<div class="tier-head">data: 1 x r6gd\.4xlarge<\/div>/g)).toHaveLength(2);
  });
});
