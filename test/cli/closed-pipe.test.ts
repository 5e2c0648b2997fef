/** `esplan ... | head`: when the reader closes the pipe early, esplan stops quietly (no stack trace). */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { binPath, repoRoot } from '../helpers/run-cli.js';

function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH } });
    // Close our end before the CLI has started: its first write to stdout meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a reader that closes the pipe early', () => {
  for (const args of [['recommend', '--json'], ['apply', '--help'], ['schema']]) {
    it(`esplan ${args.join(' ')} exits 0 without a stack trace`, async () => {
      const r = await runWithClosedStdout(args);
      expect(r.stderr).not.toMatch(/EPIPE|^\s+at /m);
      expect(r.code).toBe(0);
    });
  }
});
