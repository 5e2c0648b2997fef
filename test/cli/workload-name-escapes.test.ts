/**
 * Issue 12 (lower): a workload `name` with escape codes printed raw. The sanitiser where names are
 * placed and the last guard on every CLI write (src/cli/io.ts, guardOutput) already cover it on
 * main; this proves it for every command and format that shows the name, on stdout and stderr.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, spawnCli } from '../helpers/run-cli.js';

// ESC [2J clears the screen, BEL rings, CR returns to the line start to overwrite it, U+202E
// reverses what follows, U+009B is the one-byte C1 CSI.
const HOSTILE = 'evil\\e[2J\\a\\rforged\\u202etxt\\u009b31m';
// Any raw C0 control other than newline, DEL, C1 controls, bidi and zero-width format characters.
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;

const dir = mkdtempSync(join(tmpdir(), 'esplan-name-escapes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'w.yaml');
writeFileSync(file, readFileSync(join(repoRoot, 'examples', 'rag-assistant.yaml'), 'utf8').replace(/^name: .*$/m, `name: "${HOSTILE}"`));

describe('a workload name with escape codes never reaches the terminal raw', () => {
  for (const args of [
    ['validate', file],
    ['recommend', '--workload', file],
    ['recommend', '--workload', file, '--format', 'markdown'],
    ['recommend', '--workload', file, '--format', 'html'],
    ['recommend', '--workload', file, '--format', 'yaml'],
    ['recommend', '--workload', file, '--json'],
    ['recommend', '--workload', file, '--explain'],
    ['evaluate', '--workload', file, '--data', 'r6gd.4xlarge:6'],
  ]) {
    it(`esplan ${args.join(' ').replace(file, 'w.yaml')}`, () => {
      const r = spawnCli(args);
      expect(r.code, r.stderr).toBe(0);
      // The name is shown, escaped (as \u001b, or YAML's own \e), so the test would notice if it vanished instead.
      expect(r.stdout + r.stderr).toMatch(/evil\\(u001b|e)\[2J/);
      expect(RAW.exec(r.stdout)?.[0], 'stdout').toBeUndefined();
      expect(RAW.exec(r.stderr)?.[0], 'stderr').toBeUndefined();
    });
  }
});

describe('--json stays JSON whatever the name holds', () => {
  // U+E0041 (a tag character, outside the BMP and a format character the guard escapes): the
  // escape must be one JSON accepts (a surrogate pair), not \u{e0041}.
  const astral = join(dir, 'astral.yaml');
  writeFileSync(astral, readFileSync(join(repoRoot, 'examples', 'rag-assistant.yaml'), 'utf8').replace(/^name: .*$/m, 'name: "w\\U000E0041x\\u202ey"'));

  it('parses, and the name comes back as written', () => {
    const r = spawnCli(['recommend', '--workload', astral, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { workload: { name: string } };
    expect(plan.workload.name).toBe('w\u{E0041}x\u202ey');
    expect(RAW.test(r.stdout)).toBe(false);
  });
});
