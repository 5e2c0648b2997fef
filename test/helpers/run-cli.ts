import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const binPath = join(repoRoot, 'bin', 'esplan.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process with captured output (fast; most CLI tests use this). `columns` stays
 * undefined (no width limit, the golden-file layout) unless a test passes `{ columns: n }`.
 */
export async function runInProcess(args: string[], overrides: Partial<Io> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    interactive: false,
    color: false,
    env: {},
    cwd: repoRoot,
    ...overrides,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

/** Spawns the built binary as a user would (needs `npm run build` first; npm test does it). */
export function spawnCli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { PATH: process.env.PATH, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
