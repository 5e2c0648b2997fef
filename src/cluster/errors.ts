/** Cluster failures as problems a person can act on, naming the flag or the privilege to fix. */
import type { Problem } from '../model/problems.js';
import { sanitise } from '../model/sanitise.js';
import type { Auth } from './connection.js';
import type { ClusterError, Privilege } from './http.js';

const PRIVILEGE_USE: Record<Privilege, string> = {
  monitor: 'read cluster state, nodes and settings',
  manage: 'change cluster settings and register snapshot repositories',
  manage_index_templates: 'read and write index and component templates',
  manage_slm: 'write snapshot lifecycle policies',
  read_slm: 'read snapshot lifecycle policies',
  monitor_snapshot: 'read snapshot repositories',
  monitor_inference: 'read inference endpoints',
  'index:monitor': 'read index statistics (esplan check)',
  'index:view_index_metadata': 'read index settings and mappings (esplan check)',
  'index:manage': 'run the disk usage analysis (esplan check --disk-usage)',
};

/** Everything here that came from the cluster (reasons, error types, messages) passes the sanitiser. */
export function describeClusterError(err: ClusterError, raw: { url: string; auth: Auth; timeoutMs: number }): Problem {
  const ctx = { ...raw, url: sanitise(raw.url, 200) };
  const what = sanitise(err.spec.what, 200);
  switch (err.kind) {
    case 'refused':
      return { path: ctx.url, message: 'connection refused: nothing is listening there', fix: 'check --url (or ES_URL), the port, and that Elasticsearch is running' };
    case 'unreachable':
      return { path: ctx.url, message: `the host cannot be reached (${firstLine(err.message)})`, fix: 'check the host name in --url (or ES_URL) and your network' };
    case 'tls':
      return {
        path: ctx.url,
        message: `TLS failed: ${firstLine(err.message)}`,
        fix: ctx.url.startsWith('https:')
          ? 'pass --ca-cert (or ES_CA_CERT) with the CA that signed the cluster certificate; --insecure skips the check (test clusters only); if the cluster serves plain HTTP, use an http:// URL'
          : 'the cluster expects HTTPS: use an https:// URL',
      };
    case 'timeout':
      return {
        path: ctx.url,
        message: `timed out after ${ctx.timeoutMs / 1000}s while trying to ${what}`,
        fix: 'check the cluster health (GET _cluster/health); raise --timeout if the cluster is just slow',
      };
    case 'dropped':
      return {
        path: ctx.url,
        message: `the connection was dropped while trying to ${what} (${firstLine(err.message)})`,
        fix: 'check that --url points at Elasticsearch (not a proxy that closes connections) and retry',
      };
    case 'unauthorized':
      return ctx.auth.kind === 'none'
        ? { path: ctx.url, message: 'the cluster requires credentials (HTTP 401)', fix: 'pass --api-key (ES_API_KEY) or --username/--password (ES_USERNAME/ES_PASSWORD)' }
        : {
            path: ctx.auth.kind === 'api-key' ? '--api-key' : '--username/--password',
            message: `the cluster rejected the ${ctx.auth.kind === 'api-key' ? 'API key' : 'user name or password'} (HTTP 401)`,
            fix:
              ctx.auth.kind === 'api-key'
                ? 'check the API key (base64 of id:key), and that it is not expired or invalidated'
                : 'check the user name and password (ES_USERNAME/ES_PASSWORD), and that the user exists in the realm the cluster authenticates against',
          };
    case 'forbidden': {
      const index = err.spec.privilege.startsWith('index:');
      const name = err.spec.privilege.replace(/^index:/, '');
      if (index) {
        return {
          path: ctx.auth.kind === 'api-key' ? '--api-key' : ctx.auth.kind === 'basic' ? '--username' : ctx.url,
          message: `not allowed to ${what} (HTTP 403): the index privilege "${name}" is missing`,
          fix: `grant the index privilege ${name} on the plan's indices (${PRIVILEGE_USE[err.spec.privilege]}) to the role of this user or API key`,
        };
      }
      return {
        path: ctx.auth.kind === 'api-key' ? '--api-key' : ctx.auth.kind === 'basic' ? '--username' : ctx.url,
        message: `not allowed to ${what} (HTTP 403): the cluster privilege "${err.spec.privilege}" is missing`,
        fix: `grant the cluster privilege ${err.spec.privilege} (${PRIVILEGE_USE[err.spec.privilege]}) to the role of this user or API key`,
      };
    }
    case 'too-large':
      return {
        path: ctx.url,
        message: `the cluster's reply to ${err.spec.method} ${sanitise(err.spec.path, 200)} exceeded ${formatBytes(err.limitBytes ?? 0)} (while trying to ${what}); esplan stopped reading it`,
        fix: 'check that --url points at Elasticsearch itself, not a proxy or another service; no reply esplan reads is normally this large',
      };
    case 'bad-reply':
      return {
        path: ctx.url,
        message: `could not ${what}: ${firstLine(err.message)}`,
        fix: 'check that --url points at Elasticsearch itself, not a proxy or another service',
      };
    case 'not-elasticsearch':
      return { path: ctx.url, message: 'the server is not Elasticsearch (no X-elastic-product header)', fix: 'check --url (or ES_URL)' };
    case 'response':
      if (err.esType === 'media_type_header_exception') {
        return {
          path: ctx.url,
          message: 'the cluster rejects the Elasticsearch 9 REST API version (media_type_header_exception): it runs a version older than 9.0',
          fix: 'esplan apply writes only to Elasticsearch 9.0 or later; upgrade the cluster',
        };
      }
      return {
        path: ctx.url,
        message: `could not ${what}: HTTP ${err.status ?? '?'}${err.esType ? ` ${sanitise(err.esType, 80)}` : ''}${err.esReason ? `: ${sanitise(err.esReason)}` : ''}`,
      };
  }
}

/** 33554432 → "32 MiB"; other sizes in bytes. */
function formatBytes(n: number): string {
  const MiB = 1024 * 1024;
  return n > 0 && n % MiB === 0 ? `${n / MiB} MiB` : `${n} bytes`;
}

function firstLine(s: string): string {
  return sanitise(s.split('\n')[0] ?? s);
}
