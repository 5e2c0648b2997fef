/**
 * Runs the built esplan binary in a pseudo-terminal (@lydell/node-pty) so the wizard sees a real
 * TTY: tests wait for each question's text, then type keys as a person would.
 */
import { existsSync } from 'node:fs';
import { spawn, type IPty } from '@lydell/node-pty';
import { binPath, repoRoot } from './run-cli.js';

export const KEY = { enter: '\r', ctrlC: '\x03', down: '\x1b[B' } as const;

// CSI and OSC escape sequences: what is left is the text a person reads.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]|\x1b[=>78]/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

export class PtySession {
  private raw = '';
  private cursor = 0;
  private readonly pty: IPty;
  readonly exited: Promise<number>;

  constructor(args: string[], cwd: string) {
    if (!existsSync(binPath.replace(/bin[/\\]esplan\.js$/, 'dist/cli/main.js'))) {
      throw new Error('dist/ is missing: run npm run build (npm test does) before the pseudo-terminal tests');
    }
    this.pty = spawn(process.execPath, [binPath, ...args], {
      name: 'xterm',
      cols: 160,
      rows: 50,
      cwd,
      env: { PATH: process.env.PATH ?? '', TERM: 'xterm', HOME: cwd, NO_COLOR: '1' },
    });
    this.pty.onData((d) => void (this.raw += d));
    this.exited = new Promise((resolve) => this.pty.onExit(({ exitCode }) => resolve(exitCode)));
  }

  /** Everything shown so far, escape sequences removed. */
  text(): string {
    return stripAnsi(this.raw);
  }

  /** Waits until `pattern` appears after the last thing waited for; returns the matched text. */
  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const shown = this.text();
      const rest = shown.slice(this.cursor);
      const m = pattern.exec(rest);
      if (m) {
        this.cursor += m.index + m[0].length;
        return m[0];
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${pattern} in the terminal; last output:\n${shown.slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  type(keys: string): void {
    this.pty.write(keys);
  }

  /** Waits for a question, then types the answer (empty: Enter only, taking the default). */
  async answer(question: RegExp, text = ''): Promise<void> {
    await this.waitFor(question);
    // Let inquirer finish drawing the prompt before keys arrive.
    await new Promise((r) => setTimeout(r, 50));
    this.type(text);
    this.type(KEY.enter);
  }

  kill(): void {
    try {
      this.pty.kill();
    } catch {
      // already gone
    }
  }
}

export { repoRoot };
