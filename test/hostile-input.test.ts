/**
 * Hostile and broken input, run through the real CLI as a spawned process: every case must exit 1
 * with one `error:` line per problem naming where it is (a workload path, or the file itself for
 * file-level problems), nothing on stdout and no stack trace. The expected lines are written by
 * hand from the messages the input path is meant to give, not captured from a run.
 *
 * Speed ("within a second") is measured by `npm run bench` (bench/hostile-input.ts), not asserted
 * here; the spawn timeout below only turns a hang into a failure instead of a stuck suite.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, closeSync, cpSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bad = 'test/fixtures/bad';
const HANG_GUARD_MS = 20_000;

type Expected = string | RegExp;

function esplan(args: string[], extra: { uid?: number; gid?: number; root?: string } = {}): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.ESPLAN_DEBUG;
  const { root: from = root, ...ids } = extra;
  return spawnSync(process.execPath, [join(from, 'bin', 'esplan.js'), ...args], { cwd: from, encoding: 'utf8', timeout: HANG_GUARD_MS, env, ...ids });
}

/** A copy of the built CLI and its data files that any user can read and run. */
function runnableCopy(to: string): string {
  for (const part of ['package.json', 'bin', join('dist', 'bundle'), 'formulas', 'catalogs', 'examples']) {
    cpSync(join(root, part), join(to, part), { recursive: true });
  }
  for (const d of [to, join(to, 'bin'), join(to, 'dist'), join(to, 'dist', 'bundle'), join(to, 'formulas'), join(to, 'catalogs'), join(to, 'examples')]) chmodSync(d, 0o755);
  for (const f of readdirSync(to, { recursive: true, withFileTypes: true })) if (f.isFile()) chmodSync(join(f.parentPath, f.name), 0o644);
  return to;
}

/** Exit 1, silent stdout, no stack trace, and exactly the expected `error:` lines (in any order). */
function expectRejected(r: SpawnSyncReturns<string>, expected: readonly Expected[]): void {
  expect(r.error, 'the process hung or could not start').toBeUndefined();
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/^\s+at .+:\d+/m);
  expect(r.stderr).not.toContain('internal error');
  expect(r.status).toBe(1);
  const lines = r.stderr.trimEnd().split('\n');
  for (const line of lines) expect(line).toMatch(/^error: /);
  const left = lines.map((l) => l.slice('error: '.length));
  const unmatched: Expected[] = [];
  for (const want of expected) {
    const i = left.findIndex((l) => (typeof want === 'string' ? l === want : want.test(l)));
    if (i === -1) unmatched.push(want);
    else left.splice(i, 1);
  }
  expect({ unmatched, unexpected: left }).toEqual({ unmatched: [], unexpected: [] });
}

const knownTopKeys = /\(fix: known keys here: format_version, name, elasticsearch, corpus, vectors, text_fields, keyword_fields, sparse_vectors, semantic_text, tenancy, indices, search, availability, deployment, .*\)$/;

/** Fixture → the problems it must produce; F stands for the path given on the command line. */
const fixtures: Record<string, (f: string) => Expected[]> = {
  'wrong-types.yaml': () => [
    'format_version: "1" must be 1 (the only workload format so far)',
    'name: must be a string (got a list)',
    'elasticsearch.version: must be a version string such as "9.2" (quote it in YAML) (got number 9.2)',
    'corpus.documents: must be a number (documents now) (got string "twenty million")',
    'vectors[0].dims: must be a number (got string "1024")',
    'vectors[0].per_document: must be a number (got boolean true)',
    'search.filtered: must be a boolean (got string "yes") (fix: write true or false)',
    'availability.zones: "three" must be 1, 2 or 3 availability zones',
    'deployment.instance_families: must be a list (got string "r6gd")',
  ],
  'missing-keys.yaml': () => [
    'corpus.documents: is required (fix: add corpus.documents)',
    'corpus.source_bytes_per_document: is required (fix: add corpus.source_bytes_per_document)',
    'vectors[0].field: is required (fix: add vectors[0].field)',
    'vectors[0].dims: is required (fix: add vectors[0].dims)',
    'snapshots.repository: is required (fix: add snapshots.repository)',
  ],
  'unknown-keys.yaml': () => [
    'corpus: is required (fix: add corpus, or list the indices under indices)',
    'corpsu: is not a known key (fix: did you mean corpus?)',
    'vectors[0].dims: is required (fix: add vectors[0].dims)',
    'vectors[0].dim: is not a known key (fix: did you mean dims?)',
    'vectors[0].simliarity: is not a known key (fix: did you mean similarity?)',
    'availabilty: is not a known key (fix: did you mean availability?)',
    'deployment.provder: is not a known key (fix: did you mean provider?)',
    'deployment.instance_family: is not a known key (fix: did you mean instance_families?)',
    new RegExp(`^colour: is not a known key ${knownTopKeys.source}`),
  ],
  // One line per value even where several checks fail (-6000 is both negative and below 1).
  'negative-numbers.yaml': () => [
    'corpus.documents: -20000000 cannot be negative (documents now)',
    'corpus.source_bytes_per_document: -6000 cannot be negative (average _source bytes per document, vectors excluded)',
    'corpus.growth.monthly_rate: -0.03 is below the minimum of 0',
    'corpus.growth.months: -12 is below the minimum of 0',
    'vectors[0].dims: -1024 must be at least 1',
    'vectors[0].per_document: -4 must be above 0 (average vectors per document, e.g. chunks)',
    'search.peak_qps: -200 is below the minimum of 0',
    'availability.replicas: -1 is below the minimum of 0',
  ],
  'zero-values.yaml': () => [
    'corpus.documents: 0 must be at least 1 document',
    'corpus.source_bytes_per_document: 0 must be at least 1 byte',
    'vectors[0].dims: 0 must be at least 1',
    'vectors[0].per_document: 0 must be above 0 (average vectors per document, e.g. chunks)',
    'vectors[0].m: 0 is below the minimum of 2',
    'search.recall_target: 0 must be above 0',
    'availability.zones: 0 must be 1, 2 or 3 availability zones',
  ],
  'nan.yaml': () => [
    'corpus.documents: must be a finite number, not NaN (YAML .nan)',
    'corpus.source_bytes_per_document: must be a finite number, not NaN (YAML .nan)',
    'vectors[0].dims: must be a finite number, not NaN (YAML .nan)',
    'search.recall_target: must be a finite number, not NaN (YAML .nan)',
  ],
  'infinity.yaml': () => [
    'corpus.documents: must be a finite number, not Infinity (YAML .inf)',
    'corpus.source_bytes_per_document: must be a finite number, not -Infinity (YAML -.inf)',
    'corpus.growth.monthly_rate: must be a finite number, not Infinity (YAML .inf)',
    'vectors[0].per_document: must be a finite number, not Infinity (YAML .inf)',
    'search.peak_qps: must be a finite number, not Infinity (YAML .inf)',
  ],
  // 2^53 - 1 = 9007199254740991 is the largest whole number a double holds exactly.
  'absurdly-large.yaml': () => [
    'corpus.documents: 1e+300 is above the maximum of 9007199254740991 (documents now)',
    'corpus.source_bytes_per_document: 1e+23 is above the maximum of 9007199254740991 (average _source bytes per document, vectors excluded)',
    'corpus.growth.monthly_rate: 1000000 is above 10 (1000% a month)',
    'corpus.growth.months: 100000 is above 120 months (10 years)',
    'vectors[0].dims: 100000000 is above the Elasticsearch maximum of 32768 (4096 unless element_type is bit)',
    'vectors[0].per_document: 1000000000000 is above 100000 vectors per document',
    'vectors[0].m: 1000000000 is above the maximum of 512',
    'vectors[0].ef_construction: 1000000000 is above the maximum of 3200',
    'search.peak_qps: 1.7976931348623157e+308 is above the maximum of 10000000',
    'availability.replicas: 1000000 is above 10 replicas',
  ],
  // Limits from formulas/limits.json and index-types.json: float dims ≤ 4096, bit dims a multiple
  // of 8 and bit from 8.15, bbq_disk from 9.2 with an enterprise license, byte not quantizable.
  'rule-violations.yaml': () => [
    'vectors[0].dims: 5000 is above the Elasticsearch maximum of 4096',
    'vectors[1].dims: 100 is not a multiple of 8, which bit vectors need',
    'vectors[1].element_type: bit needs Elasticsearch 8.15 or later (workload targets 8.14)',
    'vectors[2].index_type: bbq_disk needs Elasticsearch 9.2 or later (workload targets 8.14)',
    'vectors[2].index_type: bbq_disk needs an enterprise license (workload has basic)',
    'vectors[3].index_type: int8_hnsw quantizes vectors, which Elasticsearch allows only for float and bfloat16, not byte',
    'vectors[3].field: a is listed twice',
  ],
  'null-values.yaml': () => [
    'name: must be a string (got an empty value)',
    'corpus.documents: must be a number (documents now) (got an empty value)',
    'vectors: must be a list (got an empty value)',
  ],
  // 9.10 unquoted is the number 9.1; the others are strings to YAML 1.2.
  'yaml-1.1-habits.yaml': () => [
    'elasticsearch.version: must be a version string such as "9.2" (quote it in YAML) (got number 9.1)',
    'corpus.documents: must be a number (documents now) (got string "20_000_000") (fix: write it without separators: 20000000)',
    'corpus.source_bytes_per_document: must be a number (average _source bytes per document, vectors excluded) (got string "6,000") (fix: write it without separators: 6000)',
    'search.filtered: must be a boolean (got string "yes") (fix: write true or false)',
  ],
  'tab-indent.yaml': (f) => [`${f}:2:1: is indented with a tab (fix: indent with spaces; YAML does not allow tabs there)`],
  'utf16.yaml': (f) => [`${f}: is UTF-16 text (fix: save it as UTF-8)`],
  'alias-bomb.yaml': (f) => [`${f}: expands YAML aliases more than 50 times (an alias bomb?) (fix: write the values out, or use fewer anchors and aliases)`],
  'deep-nesting-flow.yaml': (f) => [`${f}: nests deeper than 12 levels (fix: a workload needs at most four levels)`],
  'deep-nesting-block.yaml': (f) => [`${f}: nests deeper than 12 levels (fix: a workload needs at most four levels)`],
  'deep-nesting.json': (f) => [`${f}: nests deeper than 12 levels (fix: a workload needs at most four levels)`],
  'binary-garbage.yaml': (f) => [`${f}: is binary, not YAML or JSON text (fix: give the path of a workload file)`],
  'not-utf8.yaml': (f) => [`${f}: is not UTF-8 text (fix: save it as UTF-8)`],
  'empty.yaml': (f) => [`${f}: is empty (fix: write a workload; examples/ has some to start from)`],
  'comments-only.yaml': (f) => [`${f}: is empty (fix: write a workload; examples/ has some to start from)`],
  'top-level-list.yaml': (f) => [`${f}: must hold a mapping of keys (a workload), not a list (fix: examples/ has workload files to start from)`],
  'top-level-scalar.yaml': (f) => [`${f}: must hold a mapping of keys (a workload), not a string (fix: examples/ has workload files to start from)`],
  'two-documents.yaml': (f) => [`${f}:2:1: starts a second YAML document (---) (fix: keep one document per file)`],
  'unknown-tag.yaml': (f) => [`${f}:2:9: unknown YAML tag !!python/object/apply:os.system (fix: remove the tag; workload files hold plain values)`],
  // The wording after "is not valid YAML:" is the YAML library's; the file and position are ours.
  'syntax-error.yaml': (f) => [new RegExp(`^${escape(f)}:\\d+:\\d+: is not valid YAML: .*quote`)],
  // Offset 27 (the "}" after the trailing comma) is line 1, column 28.
  'syntax-error.json': (f) => [`${f}:1:28: is not valid JSON: expected double-quoted property name`],
  'duplicate-keys.yaml': (f) => [
    `${f}:5:3: duplicate key "documents" (fix: keep only one of them)`,
    `${f}:6:26: duplicate key "zones" (fix: keep only one of them)`,
  ],
  // JSON.parse would keep "b" silently; the second "name" starts at column 75.
  'duplicate-keys.json': (f) => [`${f}:1:75: duplicate key "name" (fix: keep only one of them)`],
  'long-string.yaml': () => [`name: "${'x'.repeat(60)}… (5000 characters)" is longer than 200 characters`],
  // The escape character and newline come out escaped, so the key cannot restyle or forge lines.
  'control-chars.yaml': () => [new RegExp(`^${escape('["bad\\u001b[31mkey\\nforged line"]')}: is not a known key ${knownTopKeys.source}`)],
  'proto-keys.yaml': () => [new RegExp(`^__proto__: is not a known key ${knownTopKeys.source}`), new RegExp(`^constructor: is not a known key ${knownTopKeys.source}`)],
};

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
});

describe('bad workload files in test/fixtures/bad', () => {
  it('the corpus has a case for every file in it', async () => {
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(join(root, bad)).sort()).toEqual(Object.keys(fixtures).sort());
  });

  for (const [name, expected] of Object.entries(fixtures)) {
    const file = `${bad}/${name}`;
    it(`esplan validate ${name}`, () => {
      expectRejected(esplan(['validate', file]), expected(file));
    });
    it(`esplan recommend --workload ${name} --json`, () => {
      expectRejected(esplan(['recommend', '--workload', file, '--json']), expected(file));
    });
  }

  it('a control-character key reaches stderr escaped, not raw', () => {
    const r = esplan(['validate', `${bad}/control-chars.yaml`]);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a valid example passes the same command (the harness can tell success from failure)', () => {
    const r = esplan(['validate', 'examples/rag-assistant.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('valid workload');
  });
});

describe('bad files made at test time', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'esplan-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a 100 MB file is refused by its size, before it is read', () => {
    const file = join(dir, 'huge.yaml');
    // Real content, not a sparse file: were it read and parsed, it would be slow and say otherwise.
    const chunk = Buffer.from('k: v\n'.repeat(1024 * 1024 / 5 + 1)).subarray(0, 1024 * 1024);
    const fd = openSync(file, 'w');
    for (let i = 0; i < 100; i++) writeSync(fd, chunk);
    closeSync(fd);
    // 100 × 1 MiB = 104857600 bytes; the limit is 1 MiB = 1048576 bytes.
    const expected = `${file}: is 104857600 bytes; a workload file may be at most 1048576 bytes (fix: give the path of a workload file; examples/ has some)`;
    expectRejected(esplan(['validate', file]), [expected]);
    expectRejected(esplan(['recommend', '--workload', file, '--json']), [expected]);
  });

  it('an endless source (/dev/zero) is refused as not a regular file, before any read', () => {
    // Issue 12: only regular files are read (a FIFO would block, a device may never end).
    expectRejected(esplan(['validate', '/dev/zero']), [
      '/dev/zero: is a character device; esplan reads only regular files (a pipe or device could block or never end) (fix: save the workload to a file and give its path)',
    ]);
  });

  it('a directory', () => {
    expectRejected(esplan(['validate', dir]), [`${dir}: is a directory (fix: give the path of a workload file)`]);
    expectRejected(esplan(['recommend', '--workload', dir, '--json']), [`${dir}: is a directory (fix: give the path of a workload file)`]);
  });

  it('a file that does not exist, and a path through a file', () => {
    const missing = join(dir, 'nope.yaml');
    expectRejected(esplan(['validate', missing]), [`${missing}: does not exist (fix: check the path of the workload file)`]);
    const through = join(root, 'package.json', 'workload.yaml');
    expectRejected(esplan(['validate', through]), [
      `${through}: does not exist (part of the path is a file, not a directory) (fix: check the path of the workload file)`,
    ]);
  });

  // chmod 000 does not stop root, so when the suite runs as root the CLI runs as uid/gid 65534
  // ("nobody"), for whom the permission bits apply. Either way a real read is refused by the OS.
  const asRoot = process.getuid?.() === 0;
  it(`an unreadable file (chmod 000${asRoot ? '; running the CLI as uid 65534 because the suite runs as root' : ''})`, () => {
    const file = join(dir, 'locked.yaml');
    writeFileSync(file, 'corpus: {documents: 1, source_bytes_per_document: 1}\n');
    chmodSync(file, 0o000);
    const as = asRoot ? { uid: 65534, gid: 65534 } : {};
    const expected = [`${file}: cannot be read (permission denied) (fix: check the file permissions)`];
    // The temp dir itself must be enterable by that user.
    chmodSync(dir, 0o755);
    // So must the program: a checkout under a directory uid 65534 cannot enter (root's 0700 home, a
    // mktemp -d folder) would fail to start instead. Run a world-readable copy of what the built CLI
    // reads (the bundle carries its libraries; the data files sit beside it).
    const from = asRoot ? runnableCopy(join(dir, 'esplan-copy')) : root;
    expectRejected(esplan(['validate', file], { ...as, root: from }), expected);
    expectRejected(esplan(['recommend', '--workload', file, '--json'], { ...as, root: from }), expected);
  });

  it('a file with more YAML tokens than any workload needs', () => {
    const file = join(dir, 'many-keys.yaml');
    // 10,000 lines of `kN: N` are about 70,000 lexer tokens, far past the 30,000 limit.
    writeFileSync(file, Array.from({ length: 10_000 }, (_, i) => `k${i}: ${i}`).join('\n'));
    expectRejected(esplan(['validate', file]), [
      `${file}: is too big to be a workload (more than 30000 YAML tokens) (fix: a workload has a few dozen keys; check that this is the right file)`,
    ]);
  });

  it('the limits leave room for real files: a --catalog copying the largest built-in catalog passes', () => {
    const file = join(dir, 'big-catalog.json');
    const builtIn = JSON.parse(readFileSync(join(root, 'catalogs', 'elastic-cloud.json'), 'utf8')) as { entries: unknown[] };
    writeFileSync(file, JSON.stringify({ entries: builtIn.entries }, null, 2));
    const r = esplan(['recommend', '--catalog', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a file with hundreds of problems lists 50 and counts the rest', () => {
    const file = join(dir, 'many-problems.yaml');
    const extra = Array.from({ length: 120 }, (_, i) => `extra_key_${i}: 1`);
    writeFileSync(file, ['corpus: {documents: 1, source_bytes_per_document: 1}', ...extra].join('\n'));
    // 120 unknown keys: the first 50 are listed, then one line for the other 70.
    const listed = Array.from({ length: 50 }, () => new RegExp(`^extra_key_\\d+: is not a known key ${knownTopKeys.source}`));
    expectRejected(esplan(['validate', file]), [...listed, `${file}: has 70 more problems (fix: fix the ones above first)`]);
  });
});

describe('bad flags and commands', () => {
  const cases: Array<[string[], string]> = [
    [['recommend', '--format', 'xml'], "option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are table, json, yaml, markdown, html."],
    [['recommend', '--max-monthly-usd', '-5'], "option '--max-monthly-usd <usd>' argument '-5' is invalid. Expected a number of 0 or more, such as 20000."],
    [['recommend', '--max-monthly-usd', 'abc'], "option '--max-monthly-usd <usd>' argument 'abc' is invalid. Expected a number of 0 or more, such as 20000."],
    [['recommend', '--max-monthly-usd', 'Infinity'], "option '--max-monthly-usd <usd>' argument 'Infinity' is invalid. Expected a number of 0 or more, such as 20000."],
    [['recommend', '--max-monthly-usd', '0x10'], "option '--max-monthly-usd <usd>' argument '0x10' is invalid. Expected a number of 0 or more, such as 20000."],
    [['recommend', '--max-monthly-usd'], "option '--max-monthly-usd <usd>' argument missing"],
    [['apply', '--timeout', '0'], "option '--timeout <seconds>' argument '0' is invalid. Expected a number of seconds above 0, such as 30."],
    [['apply', '--timeout', 'abc'], "option '--timeout <seconds>' argument 'abc' is invalid. Expected a number of seconds above 0, such as 30."],
    [['recommend', '--constants', 'foo'], "option '--constants <set>' argument 'foo' is invalid. Allowed choices are codec, docs."],
    [['recommend', '--workload'], "option '-w, --workload <file>' argument missing"],
    [['recommend', '--bogus'], "unknown option '--bogus'"],
    [['--bogus'], "unknown option '--bogus'"],
    [['recommnd'], "unknown command 'recommnd'"],
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['validate'], "missing required argument 'file'"],
    [['validate', 'a.yaml', 'b.yaml'], "too many arguments for 'validate'. Expected 1 argument but got 2."],
  ];
  for (const [args, message] of cases) {
    it(`esplan ${args.join(' ')}`, () => {
      const r = esplan(args);
      expect(r.error).toBeUndefined();
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/^\s+at .+:\d+/m);
      const [first, ...hints] = r.stderr.trimEnd().split('\n');
      expect(first).toBe(`error: ${message}`);
      // After the one error line, only commander's hints in parentheses (usage, "did you mean").
      for (const h of hints) expect(h).toMatch(/^\(.*\)$/);
    });
  }

  it('a misspelt command gets a "did you mean"', () => {
    expect(esplan(['recommnd']).stderr).toContain('(Did you mean recommend?)');
  });
});
