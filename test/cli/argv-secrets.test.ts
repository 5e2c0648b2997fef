/**
 * Issue 12 (lower): a mistyped flag must not echo its secret value. commander's own messages
 * (unknown option, did-you-mean, invalid argument, too many arguments, unknown command) and the
 * CLI's error boundary never print the value of anything that looks like a credential.
 */
import { describe, expect, it } from 'vitest';
import { argvSecrets, looksSecret, shownUnknownFlag } from '../../src/cli/argv-secrets.js';
import { runInProcess } from '../helpers/run-cli.js';

const SECRET = 'hunter2-s3cret';

describe('a mistyped flag does not echo its value', () => {
  for (const args of [
    ['apply', `--pasword=${SECRET}`],
    ['apply', `--pasword`, SECRET],
    ['apply', `--api_key=${SECRET}`],
    ['apply', `--apikey`, SECRET],
    ['apply', `-p${SECRET}`],
    ['apply', `--password${SECRET}`],
    ['apply', `--password=${SECRET}`, '--bogus'],
    ['apply', '--password', SECRET, '--timeout', SECRET],
    ['apply', `--token=${SECRET}`, 'a', 'b'],
    ['apply', `--url=https://bob:${SECRET}@host:9200`, '--timeout=x'],
    ['apply', 'a', 'b', `--password=${SECRET}`],
    [`--pasword=${SECRET}`],
    ['recommend', `--pasword=${SECRET}`],
    ['apply', `--timeout=${SECRET}`, `--password=${SECRET}`],
  ]) {
    it(`esplan ${args.join(' ').replaceAll(SECRET, 'SECRET')}`, async () => {
      const r = await runInProcess(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/error: /);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.stdout + r.stderr).not.toContain('s3cret');
    });
  }

  it('still names the mistyped flag and suggests the right one, without the value', async () => {
    const r = await runInProcess(['apply', `--pasword=${SECRET}`]);
    // The flag is shown as typed up to "=", the value never; the suggestion now works for the "=" form too.
    expect(r.stderr).toContain("error: unknown option '--pasword=…' (its value is not shown)");
    expect(r.stderr).toContain('(Did you mean --password?)');
    const short = await runInProcess(['apply', `-p${SECRET}`]);
    expect(short.stderr).toContain("error: unknown option '-p…' (its value is not shown)");
  });

  it('leaves harmless values alone, so ordinary mistakes stay easy to read', async () => {
    const r = await runInProcess(['apply', '--timeout', 'soon']);
    expect(r.stderr).toContain("argument 'soon' is invalid");
    expect((await runInProcess(['aply'])).stderr).toContain("unknown command 'aply'");
    expect((await runInProcess(['recommend', '--jsn'])).stderr).toContain("unknown option '--jsn'");
  });
});

describe('which flags look like secrets', () => {
  it('by name, and by a typo of a secret flag', () => {
    // Hand-picked: real secret flags, their typos, and look-alike names of credentials.
    for (const f of ['--password', '--pasword', '--passwd', '--api-key', '--apikey', '--api_key', '--apikye', '--token', '--secret', '--auth', '--pw', '-p'])
      expect(looksSecret(f), f).toBe(true);
    for (const f of ['--timeout', '--url', '--json', '--workload', '--yes', '--username', '--dry-run', '--take-ownership', '--plan-out', '--catalog', '--max-monthly-usd', '--insecure', '-w', '-y']) expect(looksSecret(f), f).toBe(false);
  });

  it('shows an unknown flag without anything attached to it', () => {
    expect(shownUnknownFlag('--pasword=x')).toBe('--pasword=…');
    expect(shownUnknownFlag('--jsn')).toBe('--jsn');
    expect(shownUnknownFlag('-pabc')).toBe('-p…');
    expect(shownUnknownFlag('-q')).toBe('-q');
    expect(shownUnknownFlag('--passwordabc')).toBe('--password…');
  });

  it('collects the values to scrub: attached, following, in URLs and in ES_* variables', () => {
    const found = argvSecrets(['apply', '--password', 'pw-one', '--pasword=pw-two', '--url', 'https://u:pw%2Dthree@h', '--timeout', '30'], { ES_API_KEY: 'key-four' });
    expect(found).toEqual(expect.arrayContaining(['pw-one', 'pw-two', 'pw%2Dthree', 'pw-three', 'key-four']));
    expect(found).not.toContain('30');
  });
});
