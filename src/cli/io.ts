import { guardOutput } from '../model/sanitise.js';

/** Where output goes: stdout carries only the result, everything else goes to stderr. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when a person is at a terminal (stdin and stderr are TTYs). */
  interactive: boolean;
  /** Colour is on only for a TTY and when NO_COLOR is unset. */
  color: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * The width people-facing output fits (tables and notes): the terminal's when stdout is a TTY,
   * else COLUMNS from the environment; undefined means no limit (output piped to a file stays as wide as it is).
   */
  columns?: number;
}

export function processIo(): Io {
  stopQuietlyOnClosedPipes();
  const tty = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const color = Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env);
  // The last guard before the terminal: text from clusters and files is sanitised where it is
  // placed in a message (src/model/sanitise.ts); this escapes any control or bidi character that
  // slipped through anyway, keeping only newlines and, with colour on, esplan's own SGR codes.
  return {
    stdout: (t) => void process.stdout.write(guardOutput(t, color)),
    stderr: (t) => void process.stderr.write(guardOutput(t, color)),
    interactive: tty,
    color,
    env: process.env,
    cwd: process.cwd(),
    columns: outputColumns(process.stdout, process.env),
  };
}

/** stdout's width when it is a terminal that reports one, else a positive whole COLUMNS, else undefined. */
export function outputColumns(stdout: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number | undefined {
  if (stdout.isTTY && Number.isSafeInteger(stdout.columns) && (stdout.columns ?? 0) > 0) return stdout.columns;
  const text = env.COLUMNS?.trim() ?? '';
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

let pipesGuarded = false;

/**
 * A reader that stops early (`esplan recommend --json | head -1`) closes the pipe under us. Stop
 * quietly then, as Unix tools do, rather than die of an unhandled EPIPE with a stack trace.
 */
function stopQuietlyOnClosedPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    process.stderr.write(`esplan: cannot write the output: ${err.code ?? err.message}\n`);
    process.exit(1);
  });
  // Nowhere left to report a failure to write the messages themselves.
  process.stderr.on('error', () => process.exit(process.exitCode ?? 1));
}
