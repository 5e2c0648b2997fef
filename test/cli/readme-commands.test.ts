/**
 * Every esplan command the README shows works as written: a user copies it, replaces the
 * placeholder file name with theirs, and gets exit 0. Commands that need a cluster (apply, check) or a
 * terminal (wizard) are exercised by their own end-to-end tests.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runInProcess } from '../helpers/run-cli.js';

const README = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const PLACEHOLDERS = /\b(my\.yaml|my-workload\.yaml)\b/g;
const EXAMPLE = 'examples/rag-assistant.yaml';

function readmeCommands(): string[] {
  const found = new Set<string>();
  // Inline code (tables, prose) and lines of sh code blocks.
  for (const m of README.matchAll(/`(esplan [^`]+)`/g)) found.add(m[1]!.trim());
  for (const block of README.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block[1]!.split('\n')) {
      const cmd = line.replace(/\s+#.*$/, '').trim();
      if (cmd.startsWith('esplan ')) found.add(cmd);
    }
  }
  return [...found];
}

const runnable = readmeCommands().filter((c) => !/^esplan (apply|check|wizard)\b/.test(c) && !c.includes('<'));

// infra/es stands for the directory export terraform writes to: a fresh one per command.
const outputs = mkdtempSync(join(tmpdir(), 'esplan-readme-'));
afterAll(() => rmSync(outputs, { recursive: true, force: true }));
let outputCount = 0;

describe('README commands', () => {
  it('finds the commands to check', () => {
    // recommend (several), evaluate, validate, schema, catalog at least.
    expect(runnable.length).toBeGreaterThanOrEqual(8);
    for (const sub of ['recommend', 'evaluate', 'validate', 'schema', 'catalog']) expect(runnable.some((c) => c.startsWith(`esplan ${sub}`))).toBe(true);
  });

  it.each(runnable)('%s', async (command) => {
    // A redirect is the shell's business; what is left must be plain arguments (no pipe that a
    // copy-paste would hand to another program).
    // cal.json stands for the file esplan check --write-calibration writes; examples/ has one it wrote.
    // baseline.json stands for a committed plan: examples/ has the built-in example's at 16M documents.
    const args = command
      .replace(/\s*>\s*\S+$/, '')
      .replace(PLACEHOLDERS, EXAMPLE)
      .replace(/\bcal\.json\b/g, 'examples/calibration.json')
      .replace(/\bbaseline\.json\b/g, 'examples/rag-assistant.baseline.json')
      .replace(/\binfra\/es\b/g, () => join(outputs, `out-${++outputCount}`))
      .split(/\s+/)
      .slice(1);
    expect(args.filter((a) => a.includes('|'))).toEqual([]);
    const r = await runInProcess(args);
    expect(r.stderr.match(/^error: .*/m)?.[0] ?? '').toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.length + r.stderr.length).toBeGreaterThan(0);
  });
});
