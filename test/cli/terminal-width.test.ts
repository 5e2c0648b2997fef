/**
 * Issue 15 item 3: at COLUMNS=80 every line of catalog and apply fits, with nothing dropped;
 * tables never colour their headings. (recommend, --compare, --explain and evaluate are held to
 * the same in test/render/fit-width.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../src/model/workload.js';
import { catalogEntries, loadCatalog } from '../../src/data/catalogs.js';
import { startFakeEs, type FakeElasticsearch } from '../fake-es/fake-es.js';
import { runCli } from '../apply/run-cli.js';
import { spawn as spawnPty } from '@lydell/node-pty';
import { binPath, repoRoot, runInProcess, spawnCli } from '../helpers/run-cli.js';
import { stripAnsi } from '../helpers/pty-session.js';

const tooWide = (text: string, width: number) => text.split('\n').filter((l) => Buffer.byteLength(l) > width);

describe('catalog fits the terminal', () => {
  for (const width of [80, 60]) {
    it.each(PROVIDERS)(`%s at ${width} columns: every line fits, every entry and its price is shown`, async (provider) => {
      const r = await runInProcess(['catalog', provider], { columns: width });
      expect(r.code).toBe(0);
      expect(tooWide(r.stdout, width)).toEqual([]);
      // Independent of the renderer: the catalog file's own entries.
      const entries = catalogEntries(loadCatalog(provider), []);
      const flat = r.stdout.replace(/\s+/g, ' ');
      for (const e of entries) {
        const type = e.id.slice(e.id.indexOf(':') + 1);
        expect(flat).toContain(type);
        if (e.price_usd_per_hour !== null) expect(flat).toContain(e.price_usd_per_hour.toFixed(4));
      }
      expect(flat).toContain(`${entries.length} entries.`);
    });
  }

  it('without a width keeps one table of ten columns, as before', async () => {
    const r = await runInProcess(['catalog', 'aws']);
    expect(r.stdout.split('\n')[1]).toMatch(/│ id +│ roles +│ vCPU +│ memory GiB +│ local disk +│ network Gbps +│ arch +│ USD\/hour +│ region +│ price date +│/);
  });

  it('at 80 columns aws is a table per architecture and region, the region and price date in its heading', async () => {
    const r = await runInProcess(['catalog', 'aws', '--role', 'data'], { columns: 80 });
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^aws (arm64|amd64), us-east-1, prices of \d{4}-\d\d-\d\d \(GiB memory, Gbps network\):$/);
    // r6gd.4xlarge: 16 vCPU, 128 GiB, 950 GB NVMe, $0.9216 an hour (catalogs/aws.json).
    expect(lines.find((l) => l.startsWith('| r6gd.4xlarge '))).toMatch(/^\| r6gd\.4xlarge +\| data +\| 16 +\| 128 +\| 950 GB +\| 5 +\| 0\.9216 +\|$/);
  });

  it('colour on: tables carry no colour (no red headings), titles are bold only', async () => {
    const r = await runInProcess(['recommend'], { color: true });
    const ESC = String.fromCharCode(27);
    expect(r.stdout.includes(`${ESC}[3`)).toBe(false); // no foreground colour (31 is red)
    expect(r.stdout.includes(`${ESC}[1m`)).toBe(true);
  });
});

describe('apply fits the terminal', () => {
  const API_KEY = Buffer.from('width-id:width-api-key').toString('base64');
  let es: FakeElasticsearch;
  beforeAll(async () => {
    es = await startFakeEs({ auth: { apiKeys: [API_KEY] } });
    es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
  });
  afterAll(async () => es.stop());

  it.each(['rag-assistant', 'hybrid-knowledge-base'])('%s: the dry run at COLUMNS=80 fits, its changes kept whole', async (name) => {
    const env = { ES_URL: es.url, ES_API_KEY: API_KEY };
    const wide = await runCli(['apply', '-w', `examples/${name}.yaml`, '--dry-run'], env);
    const narrow = await runCli(['apply', '-w', `examples/${name}.yaml`, '--dry-run'], { ...env, COLUMNS: '80' });
    expect([wide.code, narrow.code]).toEqual([2, 2]);
    expect(tooWide(narrow.stdout, 80)).toEqual([]);
    expect(tooWide(narrow.stderr, 80)).toEqual([]);
    // Without a width some lines are wider (the long mapping keys), so the test can fail.
    expect(tooWide(wide.stdout + wide.stderr, 80).length).toBeGreaterThan(0);
    // Wrapping only breaks lines (a setting key longer than a whole line is split inside): the
    // same characters in the same order.
    const chars = (s: string) => s.replace(/\s+/g, '');
    expect(chars(narrow.stdout)).toBe(chars(wide.stdout));
    const json = await runCli(['apply', '-w', `examples/${name}.yaml`, '--dry-run', '--json'], { ...env, COLUMNS: '40' });
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });
});

describe('--help fits 80 columns', () => {
  it.each(['', 'recommend', 'evaluate', 'validate', 'schema', 'catalog', 'apply', 'check', 'wizard', 'export', 'export terraform'])('esplan %s --help', (command) => {
    const r = spawnCli([...(command ? command.split(' ') : []), '--help'], { env: { COLUMNS: '80' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples?:/);
    expect(tooWide(r.stdout, 80)).toEqual([]);
  });
});

describe('errors fit the terminal', () => {
  it('a user error at COLUMNS=80 wraps with a hanging indent, every word kept', () => {
    const args = ['evaluate', '-w', 'examples/agent-memory.yaml', '--data', 'r6gd.4xlarge:6'];
    const wide = spawnCli(args);
    const narrow = spawnCli(args, { env: { COLUMNS: '80' } });
    expect([wide.code, narrow.code]).toEqual([1, 1]);
    // agent-memory is on gcp, whose catalog has no r6gd: one long line without a width.
    expect(wide.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(tooWide(wide.stderr, 80).length).toBe(1);
    expect(tooWide(narrow.stderr, 80)).toEqual([]);
    expect(narrow.stderr.split('\n')[1]).toMatch(/^ {2}\S/);
    expect(narrow.stderr.replace(/\s+/g, ' ')).toBe(wide.stderr.replace(/\s+/g, ' '));
  });

  it.each([
    [['recommend', '--compare', 'zones'], 'index-types, providers.'],
    [['recommend', '--format', 'xml'], 'table, json, yaml, markdown, html.'],
    [['export', 'terraform', '--no-such-flag'], "unknown option '--no-such-flag'"],
  ])('a usage error (%j) at COLUMNS=80 fits, wrapped when too wide, every word kept', (args, tail) => {
    const wide = spawnCli(args);
    const narrow = spawnCli(args, { env: { COLUMNS: '80' } });
    expect([wide.code, narrow.code]).toEqual([1, 1]);
    expect(tooWide(narrow.stderr, 80)).toEqual([]);
    expect(narrow.stderr.replace(/\s+/g, ' ')).toBe(wide.stderr.replace(/\s+/g, ' '));
    expect(narrow.stderr.replace(/\s+/g, ' ')).toContain(tail);
    expect(narrow.stderr).toContain('(run with --help for usage)');
  });
});

describe('at a real terminal (a pseudo-terminal 80 columns wide, no COLUMNS)', () => {
  const ESC = String.fromCharCode(27);
  const inPty = (env: Record<string, string>) =>
    new Promise<string>((resolve) => {
      let raw = '';
      const pty = spawnPty(process.execPath, [binPath, 'recommend'], { name: 'xterm', cols: 80, rows: 50, cwd: repoRoot, env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env } });
      pty.onData((d) => void (raw += d));
      pty.onExit(() => resolve(raw));
    });

  it('recommend fits the terminal width and is bold only where it heads a section', async () => {
    const raw = await inPty({});
    const text = stripAnsi(raw).replace(/\r/g, '');
    expect(text).toContain('Capacity of the data tier');
    expect(tooWide(text, 80)).toEqual([]);
    expect(raw).toContain(`${ESC}[1m`);
    expect(raw.includes(`${ESC}[3`)).toBe(false); // no foreground colour
  });

  it('NO_COLOR turns even the bold off', async () => {
    const raw = await inPty({ NO_COLOR: '1' });
    expect(stripAnsi(raw)).toContain('Capacity of the data tier');
    expect(raw.includes(`${ESC}[`)).toBe(false);
  });
});
