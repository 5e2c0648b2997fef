/**
 * recommend --baseline OLD.json and --max-monthly-increase-usd: the pull-request workflow of the
 * README, run as a user runs it. examples/rag-assistant.baseline.json is the plan of the built-in
 * example made when its corpus had 16,000,000 documents instead of 20,000,000 (esplan 0.1.0).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSchema, type Plan } from '../../src/model/plan.js';
import { repoRoot, runInProcess, spawnCli } from '../helpers/run-cli.js';

const BASELINE = 'examples/rag-assistant.baseline.json';
const baseline = JSON.parse(readFileSync(join(repoRoot, BASELINE), 'utf8')) as Plan & { monthly_usd: number; shards: NonNullable<Plan['shards']> };
const tmp = mkdtempSync(join(tmpdir(), 'esplan-baseline-'));
const write = (name: string, doc: unknown) => {
  const file = join(tmp, name);
  writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return file;
};

describe('recommend --baseline', () => {
  it('adds diff to the JSON with the contract keys, figures after minus before', async () => {
    const r = await runInProcess(['recommend', '--baseline', BASELINE, '--json']);
    expect(r.code).toBe(0);
    const plan = planSchema.parse(JSON.parse(r.stdout));
    const d = plan.diff!;
    expect(Object.keys(d)).toEqual(expect.arrayContaining(['monthly_usd', 'tiers', 'vector_ram_bytes', 'total_disk_bytes', 'primaries', 'routing_shards', 'warnings']));
    // Independent of the diff code: the two documents' own figures.
    expect(d.monthly_usd.before).toBe(baseline.monthly_usd);
    expect(d.monthly_usd.after).toBe(plan.monthly_usd);
    expect(d.monthly_usd.delta).toBeCloseTo(plan.monthly_usd! - baseline.monthly_usd, 2);
    expect(d.vector_ram_bytes.delta).toBe(plan.sizing.vector_ram_bytes - baseline.sizing.vector_ram_bytes);
    const data = d.tiers.find((t) => t.role === 'data')!;
    expect(data.before!.nodes_per_zone).toEqual(baseline.tiers.find((t) => t.role === 'data')!.nodes_per_zone);
    expect(data.after!.nodes_per_zone).toEqual(plan.tiers.find((t) => t.role === 'data')!.nodes_per_zone);
    expect(d.primaries).toEqual({ before: baseline.shards.primaries, after: plan.shards!.primaries, delta: plan.shards!.primaries - baseline.shards.primaries });
    // 16M -> 20M documents: more of everything (a baseline that is the same plan would say 0).
    expect(d.vector_ram_bytes.delta!).toBeGreaterThan(0);
    expect(d.primaries.delta!).toBeGreaterThan(0);
  });

  it('writes a Markdown PR comment that leads with the signed monthly change', async () => {
    const r = await runInProcess(['recommend', '--baseline', BASELINE, '--format', 'markdown']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('### esplan: support-assistant: aws us-east-1, 3 zones, against the baseline');
    expect(lines[2]).toMatch(/^\*\*\+\$[\d,]+\.\d\d per month \(\$15,449\.48 → \$[\d,]+\.\d\d\)\*\*$/);
    // 4 / 4 / 4 data nodes in the baseline (its tiers[0].nodes_per_zone), 5 / 5 / 5 now (README).
    expect(r.stdout).toContain('- +1 data node per zone (4 / 4 / 4 → 5 / 5 / 5 per zone)');
    expect(r.stdout).toContain('<details><summary>The new plan</summary>');
  });

  it('shows the change in the table output too, within the width', async () => {
    const r = await runInProcess(['recommend', '--baseline', BASELINE], { columns: 80 });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Against the baseline ${BASELINE}`);
    expect(r.stdout.split('\n').filter((l) => Buffer.byteLength(l) > 80)).toEqual([]);
  });

  it('exits 2 when the increase is above --max-monthly-increase-usd, 0 when within it', async () => {
    const increase = (await runInProcess(['recommend', '--baseline', BASELINE, '--json'])).stdout;
    const delta = JSON.parse(increase).diff.monthly_usd.delta as number;
    const over = await runInProcess(['recommend', '--baseline', BASELINE, '--format', 'markdown', '--max-monthly-increase-usd', String(Math.floor(delta) - 1)]);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/costs \$[\d,.]+\/month more than the baseline, above --max-monthly-increase-usd/);
    expect(over.stdout).toContain('against the baseline');
    const within = await runInProcess(['recommend', '--baseline', BASELINE, '--max-monthly-increase-usd', String(Math.ceil(delta))]);
    expect(within.code).toBe(0);
  });

  it('exits 2 and says why when a side has no price', async () => {
    const unpriced = write('unpriced.json', { ...baseline, monthly_usd: null });
    const r = await runInProcess(['recommend', '--baseline', unpriced, '--max-monthly-increase-usd', '100']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-monthly-increase-usd: cannot be checked: the baseline has no price/);
  });

  it('refuses --max-monthly-increase-usd without --baseline, and --baseline with --compare', async () => {
    const a = await runInProcess(['recommend', '--max-monthly-increase-usd', '100']);
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/--max-monthly-increase-usd: needs --baseline/);
    const b = await runInProcess(['recommend', '--baseline', BASELINE, '--compare', 'providers']);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/--baseline: cannot be combined with --compare/);
  });

  it('reads a baseline written by another version with keys this one does not know', async () => {
    const future = write('future.json', { ...baseline, esplan_version: '0.9.0', a_key_from_the_future: [1, 2] });
    const r = await runInProcess(['recommend', '--baseline', future, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The baseline was made by esplan 0.9.0');
  });

  it('reads the plan inside a saved apply plan (apply --plan-out)', async () => {
    const saved = write('saved.json', { kind: 'esplan-apply-plan', format_version: 1, plan: baseline });
    const r = await runInProcess(['recommend', '--baseline', saved, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).diff.monthly_usd.before).toBe(baseline.monthly_usd);
  });

  it.each([
    ['another format version', { ...baseline, format_version: 2 }, /format_version: is 2, written by esplan "?0\.1\.0"?; this esplan reads plans of format_version 1/],
    ['a key the diff needs missing', { ...baseline, sizing: { ...baseline.sizing, vector_ram_bytes: undefined } }, /sizing\.vector_ram_bytes: is missing: the diff needs it/],
    ['a workload file', { name: 'x', corpus: { documents: 1 } }, /is a workload file, not a plan from esplan recommend --json/],
    ['a calibration file', { kind: 'esplan-calibration', entries: [] }, /is an esplan file of kind "esplan-calibration", not a plan/],
  ])('refuses %s, naming the key and the fix, before sizing anything', async (_what, doc, message) => {
    const file = write('bad.json', doc);
    const r = await runInProcess(['recommend', '--baseline', file, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/fix: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('runs the README pull-request workflow with the built binary: baseline, change, comment, gate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'esplan-pr-'));
    const workload = readFileSync(join(repoRoot, 'examples', 'rag-assistant.yaml'), 'utf8');
    const w = join(dir, 'workload.yaml');
    writeFileSync(w, workload);
    const base = spawnCli(['recommend', '-w', w, '--json']);
    expect(base.code).toBe(0);
    writeFileSync(join(dir, 'baseline.json'), base.stdout);
    // The change under review: 25% more documents.
    writeFileSync(w, workload.replace('documents: 20000000 ', 'documents: 25000000 '));
    expect(readFileSync(w, 'utf8')).toContain('documents: 25000000 ');
    const pr = spawnCli(['recommend', '-w', w, '--baseline', join(dir, 'baseline.json'), '--format', 'markdown', '--max-monthly-increase-usd', '1000']);
    expect(pr.code).toBe(2);
    expect(pr.stdout.split('\n')[2]).toMatch(/^\*\*\+\$[\d,]+\.\d\d per month \(\$18,882\.70 → /);
    const same = spawnCli(['recommend', '-w', join(repoRoot, 'examples', 'rag-assistant.yaml'), '--baseline', join(dir, 'baseline.json'), '--format', 'markdown', '--max-monthly-increase-usd', '0']);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('**No change against the baseline ($18,882.70 per month)**');
  });
});
