/**
 * Where and how to reach the cluster, from flags first and the ES_* environment second.
 * Credentials live only in this object and the client; everything printable goes through
 * `describeConnection` or `redactSecrets`.
 */
import { loadApplyPolicy } from '../data/apply-policy.js';
import { UserError, type Problem } from '../model/problems.js';
import { displayText } from '../model/display-text.js';
import { sanitise } from '../model/sanitise.js';
import { readUserFile } from '../data/read-user-file.js';

export interface ConnectionFlags {
  url?: string;
  apiKey?: string;
  username?: string;
  password?: string;
  caCert?: string;
  insecure?: boolean;
  timeout?: number;
}

export type Auth = { kind: 'api-key'; apiKey: string } | { kind: 'basic'; username: string; password: string } | { kind: 'none' };

export interface Connection {
  /** The URL without user info. */
  url: string;
  auth: Auth;
  caCert?: Buffer;
  caCertPath?: string;
  insecure: boolean;
  timeoutMs: number;
  /** Basic-auth sources set alongside an API key, which wins (e.g. "ES_USERNAME, ES_PASSWORD"). */
  ignoredAuth?: string;
}

/**
 * Resolves the connection; `fallbackUrl` is the URL a saved plan recorded, used only when no
 * credentials are configured (a URL read from a file never receives credentials).
 * Every mistake is reported at once, naming the flag or variable.
 */
export function resolveConnection(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  defaults: { timeoutSeconds: number; fallbackUrl?: string },
): Connection {
  const problems: Problem[] = [];
  const rawUrl = flags.url ?? nonEmpty(env.ES_URL) ?? defaults.fallbackUrl;
  const urlSource = flags.url !== undefined ? '--url' : nonEmpty(env.ES_URL) !== undefined ? 'ES_URL' : 'the saved plan';
  let url = '';
  let urlUser: string | undefined;
  let urlPassword: string | undefined;
  /** A part of the URL's user info did not decode (already reported): the other part alone is no mistake of its own. */
  let userInfoBroken = false;
  if (rawUrl === undefined) {
    problems.push({ path: '--url', message: 'is required: where is the cluster?', fix: 'pass --url https://host:9200 or set ES_URL' });
  } else {
    let parsed: URL | undefined;
    try {
      parsed = new URL(rawUrl);
    } catch {
      // The raw text may hold a password; never echo it.
      problems.push({ path: urlSource, message: 'is not a valid URL', fix: 'use the form https://host:9200' });
    }
    if (parsed) {
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        problems.push({ path: urlSource, message: `must use http or https, not ${parsed.protocol.replace(':', '')}` });
      }
      // The URL parser keeps user info percent-encoded and accepts a stray %; decoding it is ours to check.
      const decoded = (part: string, label: string): string | undefined => {
        try {
          return decodeURIComponent(part);
        } catch {
          // Never echo the part: it is a credential.
          problems.push({
            path: urlSource,
            message: `the ${label} in the URL has a malformed %-escape (a % not followed by two hex digits, or bytes that are not UTF-8)`,
            fix: `percent-encode the ${label}: a literal % as %25, @ as %40, : as %3A; or pass it with ${label === 'password' ? '--password or ES_PASSWORD' : '--username or ES_USERNAME'} instead`,
          });
          userInfoBroken = true;
          return undefined;
        }
      };
      if (parsed.username) urlUser = decoded(parsed.username, 'user name');
      if (parsed.password) urlPassword = decoded(parsed.password, 'password');
      parsed.username = '';
      parsed.password = '';
      parsed.search = '';
      parsed.hash = '';
      url = parsed.toString().replace(/\/$/, '');
    }
  }

  const apiKey = flags.apiKey ?? nonEmpty(env.ES_API_KEY);
  const username = flags.username ?? nonEmpty(env.ES_USERNAME) ?? urlUser;
  const password = flags.password ?? nonEmpty(env.ES_PASSWORD) ?? urlPassword;
  let auth: Auth = { kind: 'none' };
  let ignoredAuth: string | undefined;
  if (apiKey !== undefined && (flags.username !== undefined || flags.password !== undefined)) {
    problems.push({ path: '--api-key', message: 'cannot be combined with --username/--password', fix: 'choose one way to authenticate' });
  } else if (apiKey !== undefined) {
    auth = { kind: 'api-key', apiKey };
    const unused = [
      nonEmpty(env.ES_USERNAME) !== undefined ? 'ES_USERNAME' : undefined,
      nonEmpty(env.ES_PASSWORD) !== undefined ? 'ES_PASSWORD' : undefined,
      urlUser !== undefined || urlPassword !== undefined ? 'the credentials in the URL' : undefined,
    ].filter((x) => x !== undefined);
    if (unused.length > 0) ignoredAuth = unused.join(', ');
  } else if ((username !== undefined || password !== undefined) && !userInfoBroken) {
    if (username === undefined) problems.push({ path: '--username', message: 'is missing (a password was given)', fix: 'pass --username or set ES_USERNAME' });
    else if (password === undefined) problems.push({ path: '--password', message: 'is missing (a username was given)', fix: 'pass --password or set ES_PASSWORD' });
    else auth = { kind: 'basic', username, password };
  }

  if (urlSource === 'the saved plan' && auth.kind !== 'none' && url !== '') {
    // A plan file is input, not a decision: an edited cluster.url would otherwise receive the
    // credentials before any check could run. Only an address the user gives is trusted with them.
    problems.push({
      path: '--url',
      message: `is not given, and ${displayText(url)} (the saved plan) is not trusted with credentials: esplan sends them only to a URL given with --url or ES_URL, never to one read from a file`,
      fix: `pass --url ${displayText(url)} (or set ES_URL) if that is the cluster the plan was made for`,
    });
  }

  const policy = loadApplyPolicy();
  const caCertPath = flags.caCert ?? nonEmpty(env.ES_CA_CERT);
  const caCertSource = flags.caCert !== undefined ? '--ca-cert' : 'ES_CA_CERT';
  let caCert: Buffer | undefined;
  if (caCertPath !== undefined) {
    // A regular file under the size cap only: /dev/zero would be read without end, a FIFO would hang.
    try {
      caCert = readUserFile(caCertPath, 'CA certificate', policy.maxCaCertBytes, 'give the PEM file of the CA that signed the cluster certificate');
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      for (const p of err.problems) problems.push({ path: caCertSource, message: `${p.path} ${p.message}`, fix: p.fix });
    }
    if (caCert && !caCert.toString('latin1').includes('-----BEGIN CERTIFICATE-----')) {
      problems.push({ path: caCertSource, message: `${displayText(caCertPath)} is not a PEM certificate` });
    }
  }
  if (flags.caCert !== undefined && url.startsWith('http://')) {
    // A CA certificate only matters for TLS; silently ignoring it would hide a wrong URL.
    problems.push({ path: '--ca-cert', message: `applies only to https URLs, and ${url} is plain http`, fix: 'use the https:// URL of the cluster, or drop --ca-cert' });
  }
  if (flags.insecure && caCert) {
    problems.push({ path: '--insecure', message: 'makes --ca-cert pointless (certificates would not be checked)', fix: 'drop one of them' });
  }
  const timeoutSeconds = flags.timeout ?? defaults.timeoutSeconds;
  // Below the floor every request would fail (and a value that rounds to 0 ms used to mean no
  // deadline at all); above the ceiling a timer would overflow and fire at once.
  if (timeoutSeconds < policy.minRequestTimeoutSeconds) {
    problems.push({
      path: '--timeout',
      message: `${timeoutSeconds} seconds is below the minimum of ${policy.minRequestTimeoutSeconds} second${policy.minRequestTimeoutSeconds === 1 ? '' : 's'}: every request would time out before a cluster could answer`,
      fix: `give at least --timeout ${policy.minRequestTimeoutSeconds}; the default is --timeout ${defaults.timeoutSeconds}`,
    });
  } else if (timeoutSeconds > policy.maxRequestTimeoutSeconds) {
    problems.push({
      path: '--timeout',
      message: `${timeoutSeconds} seconds is above the maximum of ${policy.maxRequestTimeoutSeconds}: a request that takes that long has failed`,
      fix: `give at most --timeout ${policy.maxRequestTimeoutSeconds}; the default is --timeout ${defaults.timeoutSeconds}`,
    });
  }
  if (problems.length > 0) throw new UserError(problems);
  return {
    url,
    auth,
    caCert,
    caCertPath,
    insecure: Boolean(flags.insecure),
    timeoutMs: Math.round(timeoutSeconds * 1000),
    ...(ignoredAuth !== undefined ? { ignoredAuth } : {}),
  };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

/** Every secret the connection carries, to scrub from any text before it is printed. */
export function secretsOf(conn: Connection): string[] {
  const out: string[] = [];
  if (conn.auth.kind === 'api-key') out.push(conn.auth.apiKey);
  if (conn.auth.kind === 'basic') {
    out.push(conn.auth.password, Buffer.from(`${conn.auth.username}:${conn.auth.password}`).toString('base64'));
  }
  return scrubbable(out);
}

/** The values worth scrubbing: very short ones would blank out ordinary words and cannot be hidden anyway. */
export function scrubbable(values: ReadonlyArray<string | undefined>): string[] {
  return values.filter((s): s is string => s !== undefined && s.length >= 4);
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a secret that contains another is not left half shown.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join('[REDACTED]');
  return out;
}

export function describeAuth(auth: Auth): string {
  switch (auth.kind) {
    case 'api-key':
      return 'API key';
    case 'basic':
      return `user ${auth.username}`;
    default:
      return 'no credentials';
  }
}

/** Said before anything is sent: --insecure hands the credentials to whoever answers. */
export function connectionWarnings(conn: { url: string; insecure: boolean; auth: Auth }): string[] {
  if (!conn.insecure || !conn.url.startsWith('https:')) return [];
  const what = conn.auth.kind === 'api-key' ? 'the API key is' : conn.auth.kind === 'basic' ? 'the user name and password are' : 'every request is';
  return [
    `--insecure: the certificate of ${sanitise(conn.url, 200)} is not checked: ${what} sent to whichever server answers, and anyone on the network path can read and change what esplan sends and receives (use --ca-cert with the cluster's CA instead; test clusters only)`,
  ];
}
