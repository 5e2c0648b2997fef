/**
 * `esplan wizard` through the CLI entry (run), with the prompt module replaced by a script:
 * exit codes, the terminal check, and what reaches stdout and the disk.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../src/cli/main.js';
import type { Io } from '../src/cli/io.js';
import { CTRL_C, ScriptPrompter } from './helpers/script-prompter.js';

const state = vi.hoisted(() => ({ prompter: undefined as unknown }));

vi.mock('../src/cli/wizard/prompter.js', () => ({ inquirerPrompter: () => state.prompter }));

function session(interactive: boolean) {
  const cwd = mkdtempSync(join(tmpdir(), 'esplan-wizard-cli-'));
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), interactive, color: false, env: {}, cwd };
  return { io, cwd, out: () => stdout, err: () => stderr };
}

describe('esplan wizard (CLI)', () => {
  beforeEach(() => {
    state.prompter = undefined;
  });

  it('refuses without a terminal and points to recommend --workload', async () => {
    const s = session(false);
    state.prompter = new ScriptPrompter();
    expect(await run(['wizard'], s.io)).toBe(1);
    expect(s.out()).toBe('');
    expect(s.err()).toMatch(/wizard: needs a terminal.*esplan recommend --workload FILE/);
    expect((state.prompter as ScriptPrompter).asked).toEqual([]);
  });

  it('exits 130 on Ctrl-C and writes nothing', async () => {
    const s = session(true);
    state.prompter = new ScriptPrompter({ 'corpus.source_bytes_per_document': [CTRL_C] });
    expect(await run(['wizard'], s.io)).toBe(130);
    expect(s.out()).toBe('');
    expect(readdirSync(s.cwd)).toEqual([]);
  });

  it('exits 130 on Ctrl-C at the save question, after the plan, and writes nothing', async () => {
    const s = session(true);
    state.prompter = new ScriptPrompter({ save: [CTRL_C] });
    const code = await run(['wizard'], s.io);
    expect(s.err()).not.toMatch(/internal error/);
    expect(code).toBe(130);
    expect(readdirSync(s.cwd)).toEqual([]);
  });

  it('reports a missing --from file like any other command', async () => {
    const s = session(true);
    state.prompter = new ScriptPrompter();
    expect(await run(['wizard', '--from', join(s.cwd, 'nope.yaml')], s.io)).toBe(1);
    expect(s.err()).toMatch(/nope\.yaml: does not exist/);
  });
});
