/**
 * The HTML page as a browser shows it: Debian's headless Chromium renders the built-in example's
 * page from a file:// URL, offline (no network, no first-run or background fetches). One run
 * dumps the DOM (the text a reader sees: zone headings, tiers, the total), one takes a
 * screenshot, which a small PNG reader (test/helpers/png.ts) decodes to check its size and that
 * the bars are drawn in their colours (not a blank page).
 *
 * Chromium comes from scripts/ensure-chromium.mjs, run before the tests are collected (it
 * installs the package as root or through passwordless sudo). Without Chromium the test is
 * skipped visibly: a skipped test whose name says why, and a line on stderr. It never passes
 * silently, and never fails CI because apt is unreachable.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLOURS } from '../../src/cli/render/html-page.js';
import { countColour, readPng, type Png } from '../helpers/png.js';
import { repoRoot, runInProcess } from '../helpers/run-cli.js';

/** The chromium path scripts/ensure-chromium.mjs prints, or why there is none. */
const ensured = await new Promise<{ path?: string; why: string }>((resolve) => {
  execFile(process.execPath, [join(repoRoot, 'scripts', 'ensure-chromium.mjs')], { timeout: 12 * 60_000, encoding: 'utf8' }, (error, stdout, stderr) => {
    const path = stdout.trim().split('\n')[0];
    const why = (stderr.trim().split('\n').pop() ?? '').replace(/^ensure-chromium: /, '') || (error ? String(error.message) : 'no chromium found');
    resolve(path ? { path, why } : { why });
  });
});
if (!ensured.path) process.stderr.write(`html-chromium.test.ts: SKIPPED, Chromium is not available: ${ensured.why}\n`);

const WIDTH = 1280;
const HEIGHT = 1800;
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--hide-scrollbars',
];

describe('the HTML page in headless Chromium', () => {
  if (!ensured.path) {
    it.skip(`SKIPPED: Chromium is not available (${ensured.why})`, () => {});
    return;
  }
  const chromium = ensured.path;
  const dir = mkdtempSync(join(tmpdir(), 'esplan-chromium-'));
  const page = join(dir, 'plan.html');
  const shot = join(dir, 'plan.png');
  let dom = '';
  let png: Png;
  let stderr = '';

  const browse = (args: string[]) => {
    const r = spawnSync(chromium, [...FLAGS, `--user-data-dir=${mkdtempSync(join(dir, 'profile-'))}`, ...args, pathToFileURL(page).href], {
      encoding: 'utf8',
      timeout: 90_000,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, HOME: dir },
    });
    stderr += r.stderr ?? '';
    if (r.status !== 0) throw new Error(`chromium ${args.join(' ')} exited ${r.status ?? r.signal ?? r.error?.message}: ${(r.stderr ?? '').slice(-2000)}`);
    return r.stdout;
  };

  beforeAll(async () => {
    const r = await runInProcess(['recommend', '--format', 'html']);
    expect(r.code, r.stderr).toBe(0);
    writeFileSync(page, r.stdout);
    dom = browse(['--dump-dom']);
    browse([`--screenshot=${shot}`, `--window-size=${WIDTH},${HEIGHT}`]);
    png = readPng(readFileSync(shot));
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders the page text: title, zone headings, tiers per zone and the total (README figures)', () => {
    // The DOM after parsing and layout: the text is there as text, nothing escaped twice or lost.
    expect(dom).toContain('<h1>esplan: support-assistant: aws us-east-1, 3 zones</h1>');
    for (const zone of ['zone 1', 'zone 2', 'zone 3']) expect(dom).toContain(`<h3>${zone}</h3>`);
    expect(dom.match(/<div class="tier-head">data: 5 x c8gd\.8xlarge<\/div>/g)).toHaveLength(3);
    expect(dom.match(/<div class="tier-head">master: 1 x c8gd\.2xlarge<\/div>/g)).toHaveLength(3);
    expect(dom).toContain('Total: $18,882.70 per month (prices as of 2026-07-20)');
    expect(dom).toContain('<h3>data: 15 x c8gd.8xlarge, $17,166.10 per month</h3>');
    // The bars survived parsing as SVG.
    expect(dom.match(/<rect data-figure="fullest-vector-ram"/g)).toHaveLength(1);
    expect(dom).not.toMatch(/<script/i);
  });

  it('takes a 1280 x 1800 screenshot with the bars drawn in their colours, not a blank page', () => {
    expect([png.width, png.height]).toEqual([WIDTH, HEIGHT]);
    // The fullest node's vector RAM bar alone is 4.15 / 26.10 x 400 = 63.6 px by 16 px (about
    // 1,000 pixels), the 15 small ones in the node boxes 19 x 8 px each; the disk bars 8% of 400
    // by 16 and of 120 by 8. Hundreds of pixels of each colour, allowing for anti-aliased edges.
    const ram = countColour(png, COLOURS.vectorRam);
    const disk = countColour(png, COLOURS.disk);
    const watermark = countColour(png, COLOURS.watermark);
    expect(ram, 'vector RAM bar pixels').toBeGreaterThan(1000);
    expect(disk, 'disk bar pixels').toBeGreaterThan(500);
    expect(watermark, 'watermark marker pixels').toBeGreaterThan(100);
    // Not blank: a good share of the pixels is not the white page.
    expect(countColour(png, '#ffffff', 0)).toBeLessThan(WIDTH * HEIGHT * 0.95);
  });

  it('fetches nothing: the browser reports no blocked or failed load', () => {
    expect(stderr).not.toMatch(/Content Security Policy|Refused to|net::ERR_/);
  });
});
