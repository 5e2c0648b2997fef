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
}

export function processIo(): Io {
  const tty = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    interactive: tty,
    color: Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env),
    env: process.env,
    cwd: process.cwd(),
  };
}
