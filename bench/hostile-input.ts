/**
 * Hostile input: how long `esplan validate` takes to refuse each bad file in test/fixtures/bad,
 * plus the generated worst cases (a 100 MB file, /dev/zero, a file just under the token limit)
 * and bad flags and commands, each as a whole process. The target is under a second; the tests check the messages, this
 * checks the time (tests never assert timings).
 */
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize } from './lib/stats.js';
import { timedSpawn } from './lib/timed-spawn.js';

export interface HostileCase {
  input: string;
  exit_code: number | null;
  median_ms: number;
  max_ms: number;
}

export interface HostileResult {
  runs_per_case: number;
  target_ms: number;
  slowest: HostileCase;
  all_under_target: boolean;
  cases: HostileCase[];
}

export function benchHostileInput(root: string, runs: number): HostileResult {
  const bin = join(root, 'bin', 'esplan.js');
  const dir = mkdtempSync(join(tmpdir(), 'esplan-bench-hostile-'));
  try {
    const inputs = readdirSync(join(root, 'test', 'fixtures', 'bad'))
      .sort()
      .map((f) => ({ label: `test/fixtures/bad/${f}`, path: join('test', 'fixtures', 'bad', f) }));
    inputs.push({ label: '100 MB file (generated)', path: hundredMegabytes(dir) });
    inputs.push({ label: '/dev/zero', path: '/dev/zero' });
    inputs.push({ label: 'just under the 30,000-token limit (generated)', path: nearTokenLimit(dir) });
    inputs.push({ label: '1 MiB single string value (generated)', path: oneLongString(dir) });

    const commands = inputs.map(({ label, path }) => ({ label, args: ['validate', path] }));
    for (const args of [['recommend', '--format', 'xml'], ['recommend', '--max-monthly-usd', '-5'], ['recommend', '--bogus'], ['frobnicate']]) {
      commands.push({ label: `esplan ${args.join(' ')}`, args });
    }
    const cases = commands.map(({ label, args }) => {
      const ms: number[] = [];
      let exit: number | null = null;
      for (let i = 0; i < runs; i++) {
        const r = timedSpawn(process.execPath, [bin, ...args], root);
        exit = r.result.status;
        ms.push(r.ms);
      }
      const s = summarize(ms);
      return { input: label, exit_code: exit, median_ms: s.median_ms, max_ms: s.max_ms };
    });
    const slowest = cases.reduce((a, b) => (b.median_ms > a.median_ms ? b : a));
    return { runs_per_case: runs, target_ms: 1000, slowest, all_under_target: cases.every((c) => c.median_ms < 1000), cases };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function hundredMegabytes(dir: string): string {
  const file = join(dir, 'huge.yaml');
  const chunk = Buffer.from('k: v\n'.repeat(209_716)).subarray(0, 1024 * 1024);
  const fd = openSync(file, 'w');
  for (let i = 0; i < 100; i++) writeSync(fd, chunk);
  closeSync(fd);
  return file;
}

/** About 4,200 unknown keys: the most work the parser and validator can be made to do. */
function nearTokenLimit(dir: string): string {
  const file = join(dir, 'near-limit.yaml');
  const lines = ['corpus: {documents: 1, source_bytes_per_document: 1}'];
  for (let i = 0; lines.length < 4_200; i++) lines.push(`unknown_${i}: ${i}`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

function oneLongString(dir: string): string {
  const file = join(dir, 'long-string.yaml');
  writeFileSync(file, `name: "${'x'.repeat(1024 * 1024 - 20)}"\n`);
  return file;
}

