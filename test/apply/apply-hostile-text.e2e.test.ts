/**
 * Issue 12, defect 3: a cluster whose names and template `_meta` carry terminal escapes must not
 * be able to restyle the terminal or forge lines of the plan a reviewer types "yes" to. The stand-in
 * cluster below puts ESC[2J (clear screen), an OSC 8 hyperlink, BEL, CR and bidi overrides in the
 * cluster name, node names, zone attribute values, the name and patterns of another template, and
 * the `_meta` (keys and values) of esplan's own template; the plan text, warnings, refusals, the
 * confirmation prompt and the JSON document must show them escaped, never raw.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConnection } from '../../src/cluster/connection.js';
import { runApply, type ApplyIo } from '../../src/cluster/run-apply.js';
import { UserError } from '../../src/model/problems.js';
import { startFakeEs, type FakeElasticsearch, type FakeEsOptions } from '../fake-es/fake-es.js';
import { fixturesDir, loadPlanFixture } from '../cluster/helpers.js';
import { applyAtTerminal } from './at-terminal.js';
import { repoRoot, runCli } from './run-cli.js';

const RAG = join(fixturesDir, 'rag-3zones.json');
const ESC = '\u001b';
const BEL = '\u0007';
const CLEAR = `${ESC}[2J${ESC}[H`;
const LINK = `${ESC}]8;;https://evil.example${BEL}click${ESC}]8;;${BEL}`;
const RLO = '\u202e';
const LRI = '\u2066';

/** Written independently of src/: C0 except newline, DEL, C1, bidi controls, zero-width characters. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2028\u2029\ufeff]/u;

const started: FakeElasticsearch[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

async function hostileCluster(options: FakeEsOptions = {}): Promise<FakeElasticsearch> {
  const es = await startFakeEs({
    clusterName: `prod${CLEAR}`,
    nodes: [
      { name: `es-a${LINK}`, roles: ['master', 'data'], attributes: { zone: `us-east-1a${BEL}` } },
      { name: `es-b\rPlan: 0 to create, 0 to update`, roles: ['master', 'data'], attributes: { zone: `us-east-1b${RLO}` } },
      { name: `es-c${RLO}cba`, roles: ['master', 'data'], attributes: { zone: `us-east-1c${LRI}` } },
    ],
    ...options,
  });
  es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
  // esplan's own index template, written "by esplan" but with a forged _meta.
  es.indexTemplates.set('support-docs', {
    body: {
      index_patterns: ['support-docs', 'support-docs-*'],
      priority: 501,
      composed_of: ['support-docs-settings', 'support-docs-mappings'],
      _meta: { managed_by: 'esplan', [`note${ESC}[2K`]: `\r${ESC}[32m+ cluster settings: nothing to change${ESC}[0m\n+ ok` },
    },
    created: 1,
    modified: 1,
    version: 1,
  });
  // Another template outranking esplan's, so its name and patterns reach a warning.
  es.indexTemplates.set(`shadow${ESC}[8m`, {
    body: { index_patterns: [`support-docs-${RLO}*`], priority: 100 },
    created: 1,
    modified: 1,
    version: 1,
  });
  started.push(es);
  return es;
}

function expectNoRawControls(text: string): void {
  const m = RAW.exec(text);
  expect(m ? `raw U+${(m[0].codePointAt(0) as number).toString(16).padStart(4, '0')} at ${m.index}: ${JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 40))}` : null).toBeNull();
}

describe('apply against a cluster whose text carries terminal escapes', () => {
  it('the plan, warnings and the confirmation prompt show the escapes, never the raw characters', async () => {
    const es = await hostileCluster();
    const run = applyAtTerminal(es.url, () => 'no');
    await expect(run.done).rejects.toThrow(/declined/);
    const transcript = run.transcript();
    expectNoRawControls(transcript);
    // The reader sees that something is there: the escapes, in the header, the diff and the prompt.
    expect(transcript).toContain('Cluster prod\\u001b[2J\\u001b[H (Elasticsearch');
    expect(transcript).toContain('us-east-1a\\u0007');
    expect(transcript).toContain('us-east-1b\\u202e');
    expect(transcript).toContain('_meta.note\\u001b[2K');
    expect(transcript).toContain('\\r\\u001b[32m+ cluster settings: nothing to change\\u001b[0m\\n+ ok');
    expect(transcript).toContain('index template shadow\\u001b[8m (patterns support-docs-\\u202e*, priority 100)');
    expect(transcript).toMatch(/to prod\\u001b\[2J\\u001b\[H\? Only "yes" is accepted/);
    expect(es.writes).toHaveLength(0);
  });

  it('refusals naming nodes show them escaped and cut short, even a 1 MB node name', async () => {
    const huge = `x${ESC}[2J`.repeat(250_000);
    const es = await hostileCluster({
      nodes: [
        { name: `es-a${LINK}`, roles: ['data'], attributes: { zone: 'a' } },
        { name: huge, roles: ['data'] },
        { name: `es-c\r${RLO}`, roles: ['data'] },
      ],
    });
    let out = '';
    const io: ApplyIo = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), color: false, interactive: false, ask: async () => 'no' };
    const code = await runApply({
      plan: loadPlanFixture('rag-3zones.json'),
      connection: resolveConnection({ url: es.url }, {}, { timeoutSeconds: 5 }),
      options: { dryRun: true, yes: false, json: false, force: false, takeOwnership: false },
      io,
      esplanVersion: 'test',
    }).catch((e: unknown) => (e instanceof UserError ? e.message : Promise.reject(e)));
    expect(code).toBe('refused');
    expectNoRawControls(out);
    expect(out).toMatch(/refused: node\.attr\.zone: data nodes without the attribute zone: .*es-c\\r\\u202e/);
    // The 1.25 MB name is cut to the sanitiser's cap (300 characters), not printed whole.
    expect(out.length).toBeLessThan(20_000);
    expect(out).toMatch(/x\\u001b\[2Jx.*…\(\d+ chars\)/);
  });

  it('the CLI, in text and in --json, prints no raw control or bidi character', async () => {
    const es = await hostileCluster();
    const text = await runCli(['apply', RAG, '--dry-run', '--url', es.url]);
    expect(text.code).toBe(2);
    expectNoRawControls(text.stdout);
    expectNoRawControls(text.stderr);
    expect(text.stdout).toContain('prod\\u001b[2J');
    const json = await runCli(['apply', RAG, '--dry-run', '--json', '--url', es.url]);
    expect(json.code).toBe(2);
    expectNoRawControls(json.stdout.replace(/\n/g, ''));
    expectNoRawControls(json.stderr);
    // The JSON keeps the exact value (escaped as \uXXXX, which any JSON reader decodes).
    const doc = JSON.parse(json.stdout) as { cluster: { name: string } };
    expect(doc.cluster.name).toBe(`prod${CLEAR}`);
  });
});

describe("the workload's own names", () => {
  it('a workload name with escape codes, CR and a bidi override prints escaped, in text and JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'esplan-hostile-name-'));
    try {
      const file = join(dir, 'w.yaml');
      const example = readFileSync(join(repoRoot, 'examples', 'agent-memory.yaml'), 'utf8');
      writeFileSync(file, example.replace(/^name: .*$/m, 'name: "evil\\e[2J\\u202eforged\\r"'));
      const text = await runCli(['recommend', '--workload', file]);
      expect(text.code).toBe(0);
      expectNoRawControls(text.stdout);
      expect(text.stdout).toContain('evil\\u001b[2J\\u202eforged\\r');
      const json = await runCli(['recommend', '--workload', file, '--json']);
      expectNoRawControls(json.stdout.replace(/\n/g, ''));
      expect((JSON.parse(json.stdout) as { workload: { name: string } }).workload.name).toBe(`evil${ESC}[2J${RLO}forged\r`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
