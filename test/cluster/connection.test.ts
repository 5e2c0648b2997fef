import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactSecrets, resolveConnection, secretsOf } from '../../src/cluster/connection.js';
import { userErrorMessage } from '../helpers/user-error.js';

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
});
