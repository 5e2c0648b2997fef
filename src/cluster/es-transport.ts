/**
 * ClusterHttp over the official @elastic/elasticsearch client. The client is imported here and
 * only here, lazily, so commands that never talk to a cluster never load it.
 * The client's own retries are off: this module retries idempotent requests on transient errors
 * with exponential backoff, and nothing else.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ClusterError, type ClusterHttp, type ClusterResponse, type RequestSpec } from './http.js';
import type { Connection } from './connection.js';

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

export interface TransportHooks {
  /** Called before a retry, for progress output. */
  onRetry?: (spec: RequestSpec, attempt: number, error: ClusterError) => void;
}

export async function openClusterHttp(conn: Connection, retry: RetryPolicy, hooks: TransportHooks = {}): Promise<ClusterHttp> {
  const { Client } = await import('@elastic/elasticsearch');
  const auth =
    conn.auth.kind === 'api-key'
      ? { apiKey: conn.auth.apiKey }
      : conn.auth.kind === 'basic'
        ? { username: conn.auth.username, password: conn.auth.password }
        : undefined;
  const tls = conn.caCert ? { ca: conn.caCert } : conn.insecure ? { rejectUnauthorized: false } : undefined;
  const client = new Client({
    node: conn.url,
    ...(auth ? { auth } : {}),
    ...(tls ? { tls } : {}),
    maxRetries: 0,
    requestTimeout: conn.timeoutMs,
    sniffOnStart: false,
    compression: false,
  });

  async function once(spec: RequestSpec): Promise<ClusterResponse> {
    try {
      const res = await client.transport.request(
        { method: spec.method, path: spec.path, querystring: spec.query, body: spec.body as Record<string, unknown> | undefined },
        { meta: true, ignore: [404], maxRetries: 0, requestTimeout: conn.timeoutMs },
      );
      return { status: res.statusCode ?? 200, body: res.body };
    } catch (err) {
      throw classify(err, spec);
    }
  }

  return {
    async request(spec) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await once(spec);
        } catch (err) {
          const e = err as ClusterError;
          if (!spec.idempotent || !e.transient || attempt >= retry.attempts) throw e;
          hooks.onRetry?.(spec, attempt + 1, e);
          await sleep(retry.backoffMs * 2 ** attempt);
        }
      }
    },
    async close() {
      await client.close();
    },
  };
}

interface ClientErrorShape {
  name?: string;
  message?: string;
  meta?: { statusCode?: number; body?: unknown };
}

/** Turns a client error into a ClusterError by what the user can do about it. */
export function classify(err: unknown, spec: RequestSpec): ClusterError {
  const e = (err ?? {}) as ClientErrorShape;
  const message = String(e.message ?? err);
  switch (e.name) {
    case 'TimeoutError':
      return new ClusterError('timeout', spec, { message });
    case 'ProductNotSupportedError':
      return new ClusterError('not-elasticsearch', spec, { message: 'the server did not identify itself as Elasticsearch' });
    case 'ResponseError': {
      const status = e.meta?.statusCode;
      const { type, reason } = esError(e.meta?.body);
      const kind = status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'response';
      return new ClusterError(kind, spec, { message: reason ?? `HTTP ${status}`, status, esType: type, esReason: reason });
    }
    case 'ConnectionError':
    default: {
      if (/ECONNREFUSED/.test(message)) return new ClusterError('refused', spec, { message });
      if (/ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(message)) return new ClusterError('unreachable', spec, { message });
      if (/certificate|self[- ]signed|SSL|TLS|EPROTO|wrong version number|CERT_|handshake/i.test(message)) {
        return new ClusterError('tls', spec, { message });
      }
      return new ClusterError('dropped', spec, { message });
    }
  }
}

/** Elasticsearch's error shape: {error: {type, reason, root_cause}, status}. */
function esError(body: unknown): { type?: string; reason?: string } {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === 'string') return { reason: error };
    if (error && typeof error === 'object') {
      const o = error as { type?: unknown; reason?: unknown };
      return { type: typeof o.type === 'string' ? o.type : undefined, reason: typeof o.reason === 'string' ? o.reason : undefined };
    }
  }
  return {};
}
