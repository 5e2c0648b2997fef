import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactSecrets, resolveConnection, secretsOf } from '../../src/cluster/connection.js';
import { userErrorMessage, userErrorProblems } from '../helpers/user-error.js';

const defaults = { timeoutSeconds: 30 };

const problemsOf = userErrorMessage;

describe('resolveConnection', () => {
  it('prefers flags over ES_* variables', () => {
    const c = resolveConnection({ url: 'https://flag:9200', apiKey: 'flag-key' }, { ES_URL: 'https://env:9200', ES_API_KEY: 'env-key' }, defaults);
    expect(c.url).toBe('https://flag:9200');
    expect(c.auth).toEqual({ kind: 'api-key', apiKey: 'flag-key' });
    expect(c.timeoutMs).toBe(30_000);
  });

  it('reads everything from the environment', () => {
    const c = resolveConnection({}, { ES_URL: 'http://env:9200/', ES_USERNAME: 'elastic', ES_PASSWORD: 'pw-from-env' }, defaults);
    expect(c).toMatchObject({ url: 'http://env:9200', auth: { kind: 'basic', username: 'elastic', password: 'pw-from-env' } });
  });

  it('says which basic-auth variables an API key overrides', () => {
    const c = resolveConnection({ apiKey: 'flag-key' }, { ES_URL: 'https://env:9200', ES_USERNAME: 'elastic', ES_PASSWORD: 'pw' }, defaults);
    expect(c.auth).toEqual({ kind: 'api-key', apiKey: 'flag-key' });
    expect(c.ignoredAuth).toBe('ES_USERNAME, ES_PASSWORD');
    expect(resolveConnection({ apiKey: 'k' }, { ES_URL: 'https://env:9200' }, defaults).ignoredAuth).toBeUndefined();
  });

  it('moves credentials out of the URL so the URL can be printed', () => {
    const c = resolveConnection({ url: 'https://bob:hunter22@host:9200' }, {}, defaults);
    expect(c.url).toBe('https://host:9200');
    expect(c.auth).toEqual({ kind: 'basic', username: 'bob', password: 'hunter22' });
  });

  it('names every mistake at once, without echoing secrets', () => {
    const message = problemsOf(() => resolveConnection({ apiKey: 'k-secret', username: 'u' }, {}, defaults));
    expect(message).toMatch(/--url: is required/);
    expect(message).toMatch(/--api-key: cannot be combined/);
    expect(message).not.toMatch(/k-secret/);
    expect(problemsOf(() => resolveConnection({ url: 'https://h', username: 'u' }, {}, defaults))).toMatch(/--password: is missing/);
    expect(problemsOf(() => resolveConnection({ url: 'ftp://h' }, {}, defaults))).toMatch(/must use http or https/);
    expect(problemsOf(() => resolveConnection({ url: 'https://h', caCert: '/nonexistent/ca.pem' }, {}, defaults))).toMatch(/--ca-cert: \/nonexistent\/ca.pem does not exist/);
  });

  it('reads a PEM CA file and refuses a non-PEM one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'esplan-ca-'));
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    writeFileSync(join(dir, 'bad.pem'), 'hello');
    expect(resolveConnection({ url: 'https://h', caCert: join(dir, 'ca.pem') }, {}, defaults).caCert?.length).toBeGreaterThan(0);
    expect(problemsOf(() => resolveConnection({ url: 'https://h', caCert: join(dir, 'bad.pem') }, {}, defaults))).toMatch(/not a PEM certificate/);
    expect(problemsOf(() => resolveConnection({ url: 'http://h:9200', caCert: join(dir, 'ca.pem') }, {}, defaults))).toMatch(
      /--ca-cert: applies only to https URLs, and http:\/\/h:9200 is plain http/,
    );
  });

  it('lists secrets, including the basic-auth header form, and scrubs them from text', () => {
    const c = resolveConnection({ url: 'https://h', username: 'elastic', password: 'changeme-123' }, {}, defaults);
    const secrets = secretsOf(c);
    const header = Buffer.from('elastic:changeme-123').toString('base64');
    expect(secrets).toContain(header);
    expect(redactSecrets(`Authorization: Basic ${header}; pw changeme-123`, secrets)).toBe('Authorization: Basic [REDACTED]; pw [REDACTED]');
  });

  it('refuses a malformed %-escape in the URL user info as a user mistake, naming the part, never echoing it', () => {
    // Issue 12: "https://bob:pa%zzword@host" used to end in "internal error: URI malformed".
    for (const [url, part] of [
      ['https://bob:pa%zz-secret@host:9200', 'password'],
      ['https://b%E0%A4%A-secret:pw-ok@host:9200', 'user name'],
    ] as const) {
      const problems = userErrorProblems(() => resolveConnection({ url }, {}, defaults));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ path: '--url', message: expect.stringContaining(`the ${part} in the URL has a malformed %-escape`) });
      expect(problems[0]?.fix).toMatch(/%25/);
      expect(JSON.stringify(problems)).not.toMatch(/secret/);
    }
    const fromEnv = userErrorProblems(() => resolveConnection({}, { ES_URL: 'https://bob:%-secret@host:9200' }, defaults));
    expect(fromEnv[0]?.path).toBe('ES_URL');
    // A well-formed escape still decodes: %25 is a literal %.
    expect(resolveConnection({ url: 'https://bob:50%25-off@host:9200' }, {}, defaults).auth).toEqual({ kind: 'basic', username: 'bob', password: '50%-off' });
  });

  it("never sends credentials to a URL read from a saved plan: only --url or ES_URL is trusted with them", () => {
    // Issue 12 (lower): an edited cluster.url in a saved plan received the API key before the cluster-id check.
    const saved = { ...defaults, fallbackUrl: 'https://attacker.example:9200' };
    for (const [flags, env] of [
      [{}, { ES_API_KEY: 'key-from-env' }],
      [{ username: 'u' }, { ES_PASSWORD: 'pw-from-env' }],
    ] as const) {
      const problems = userErrorProblems(() => resolveConnection(flags, env, saved));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ path: '--url', message: expect.stringContaining('https://attacker.example:9200 (the saved plan) is not trusted with credentials') });
      expect(problems[0]?.fix).toContain('--url https://attacker.example:9200');
    }
    // Without credentials there is nothing to leak: the saved plan's URL is used (the cluster uuid is still checked).
    expect(resolveConnection({}, {}, saved)).toMatchObject({ url: 'https://attacker.example:9200', auth: { kind: 'none' } });
    // A URL the user gave wins over the plan's and gets the credentials.
    expect(resolveConnection({}, { ES_URL: 'https://es:9200', ES_API_KEY: 'k-env' }, saved)).toMatchObject({ url: 'https://es:9200', auth: { kind: 'api-key' } });
    expect(resolveConnection({ url: 'https://es:9200' }, { ES_API_KEY: 'k-env' }, saved).url).toBe('https://es:9200');
  });
});


describe('redactSecrets', () => {
  it('replaces a secret that contains another whole, whatever order the secrets come in', () => {
    // "hunter2hunter2" holds "hunter2": replacing the short one first would leave "[REDACTED][REDACTED]".
    expect(redactSecrets('pw=hunter2hunter2 and hunter2', ['hunter2', 'hunter2hunter2'])).toBe('pw=[REDACTED] and [REDACTED]');
  });
});
