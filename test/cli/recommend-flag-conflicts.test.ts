import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-cli.js';

// Flags that one another would silently override are refused with the flag named and the fix.
describe('recommend refuses flags that would be ignored', () => {
  it.each([
    [['--json', '--format', 'markdown'], '--json: cannot be combined with --format markdown'],
    [['--json', '--format', 'html'], '--json: cannot be combined with --format html'],
    [['--explain', '--json'], '--explain: has no effect with --json'],
    [['--explain', '--format', 'yaml'], '--explain: has no effect with --format yaml'],
    [['--explain', '--compare', 'providers'], '--explain: cannot be combined with --compare'],
  ])('%j', async (flags, message) => {
    const r = await runInProcess(['recommend', ...flags]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('fix:');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('still takes --json with --format json, and --explain with markdown', async () => {
    const json = await runInProcess(['recommend', '--json', '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toHaveProperty('basis');
    const md = await runInProcess(['recommend', '--explain', '--format', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('How each figure was derived');
  });
});
