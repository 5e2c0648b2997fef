/**
 * End to end: the real binary (`node bin/esplan.js wizard`, built by npm test) in a pseudo-terminal.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, PtySession } from './helpers/pty-session.js';
import { spawnCli } from './helpers/run-cli.js';

const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

function start(args: string[]): { s: PtySession; cwd: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'esplan-wizard-pty-'));
  const s = new PtySession(['wizard', ...args], cwd);
  sessions.push(s);
  return { s, cwd };
}

describe('esplan wizard in a terminal', () => {
  it('refuses to run from a pipe, pointing to recommend --workload', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'esplan-wizard-pipe-'));
    const r = spawnCli(['wizard'], { cwd, input: '\n\n\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('esplan recommend --workload FILE');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('Ctrl-C at a question exits 130 and writes nothing', async () => {
    const { s, cwd } = start([]);
    await s.answer(/Name of this workload/, 'pty-test');
    await s.waitFor(/Base index name/);
    s.type(KEY.enter);
    await s.waitFor(/Elasticsearch version/);
    s.type(KEY.ctrlC);
    expect(await s.exited).toBe(130);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
