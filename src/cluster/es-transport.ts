/**
 * ClusterHttp over the official @elastic/elasticsearch client. The client is imported here and
 * only here, lazily, so commands that never talk to a cluster never load it.
 * The client's own retries are off: this module retries idempotent requests on transient errors
 * with exponential backoff, and nothing else.
 *
 * The client only opens the exchange: esplan reads every reply itself (`asStream`), under two
 * limits of its own. A deadline (`--timeout`) covers the whole exchange, headers and body, so a
 * server trickling a byte at a time cannot hold apply past it (the client's timeout measures the
 * idle time between chunks). And a size cap (formulas/apply.json apply.max_reply_bytes) on what is
 * read, after any decompression, so neither a huge reply nor a small compressed one that inflates
 * is held in memory: reading stops at the cap.
 */
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBrotliDecompress, createUnzip } from 'node:zlib';
import { loadApplyPolicy } from '../data/apply-policy.js';
import { ClusterError, type ClusterHttp, type ClusterResponse, type RequestSpec } from './http.js';
import type { Connection } from './connection.js';
import { nestsDeeperThan, replyShapeProblem } from './reply-schemas.js';

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
  /** The reply size cap in bytes; formulas/apply.json apply.max_reply_bytes when not given. */
  maxReplyBytes?: number;
}

export interface TransportHooks {
  /** Called before a retry, for progress output. */
  onRetry?: (spec: RequestSpec, attempt: number, error: ClusterError) => void;
}

interface StreamedResult {
  statusCode?: number;
  headers?: Record<string, string | string[] | undefined>;
  body: unknown;
}

export async function openClusterHttp(conn: Connection, retry: RetryPolicy, hooks: TransportHooks = {}): Promise<ClusterHttp> {
  const { Client } = await import('@elastic/elasticsearch');
  const maxReplyBytes = retry.maxReplyBytes ?? loadApplyPolicy().maxReplyBytes;
  const maxReplyDepth = loadApplyPolicy().maxReplyDepth;
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
    // One deadline for the whole exchange: connecting, headers and every byte of the body.
    const controller = new AbortController();
    let expired = false;
    let body: Readable | undefined;
    const timer = setTimeout(() => {
      expired = true;
      controller.abort();
      body?.destroy(new Error('deadline'));
    }, conn.timeoutMs);
    const timedOut = () => new ClusterError('timeout', spec, { message: `no complete reply within ${conn.timeoutMs / 1000}s` });
    try {
      let res: StreamedResult;
      try {
        res = (await client.transport.request(
          { method: spec.method, path: spec.path, querystring: spec.query, body: spec.body as Record<string, unknown> | undefined },
          { meta: true, asStream: true, ignore: [404], maxRetries: 0, requestTimeout: conn.timeoutMs, signal: controller.signal },
        )) as StreamedResult;
      } catch (err) {
        throw expired ? timedOut() : classify(err, spec);
      }
      body = res.body as Readable;
      if (expired) body.destroy();
      const headers = res.headers ?? {};
      const status = res.statusCode ?? 200;
      if (status >= 300 && status < 400) {
        // Never followed: a redirect would carry the credentials to an address nobody gave esplan.
        body.on('error', () => undefined);
        body.destroy();
        const location = header(headers, 'location');
        throw new ClusterError('bad-reply', spec, {
          message: `the server answered HTTP ${status} ${location ? `redirect to ${location.slice(0, 200)}` : 'redirect'}; esplan follows no redirects, so credentials go only to --url (give --url the address Elasticsearch answers at)`,
          status,
        });
      }
      let text: string;
      try {
        if (expired) throw timedOut();
        text = await readReply(body, headers, maxReplyBytes, spec);
      } catch (err) {
        if (expired) throw timedOut();
        if (err instanceof ClusterError) throw err;
        const e = err as { code?: string; message?: string };
        if (e.code === 'UND_ERR_BODY_TIMEOUT') throw timedOut();
        // A compressed body that does not inflate is a broken reply, not a connection worth retrying.
        if (e.code?.startsWith('Z_')) throw new ClusterError('bad-reply', spec, { message: `the compressed reply does not decompress (${e.code})` });
        throw new ClusterError('dropped', spec, { message: String(e.message ?? err) });
      }
      const parsed = parseReply(text, headers, spec, status);
      // Measured before anything walks it: every recursive walk (zod, normalise.ts) is then bounded.
      if (nestsDeeperThan(parsed, maxReplyDepth)) {
        throw new ClusterError('bad-reply', spec, { message: `the reply nests deeper than ${maxReplyDepth} levels (HTTP ${status})`, status });
      }
      if (status >= 400 && status !== 404) throw responseError(status, parsed, spec);
      const shape = replyShapeProblem(spec, status, parsed);
      if (shape !== undefined) throw new ClusterError('bad-reply', spec, { message: shape, status });
      return { status, body: parsed };
    } finally {
      clearTimeout(timer);
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

const header = (headers: StreamedResult['headers'], name: string): string => {
  const v = headers?.[name];
  return (Array.isArray(v) ? v.join(',') : (v ?? '')).toLowerCase();
};

/** The reply's text, decompressed if the server compressed it, never more than `cap` bytes of it. */
async function readReply(body: Readable, headers: StreamedResult['headers'], cap: number, spec: RequestSpec): Promise<string> {
  const tooLarge = () => {
    body.destroy();
    return new ClusterError('too-large', spec, { message: `the reply exceeded ${cap} bytes`, limitBytes: cap });
  };
  const encoding = header(headers, 'content-encoding').trim();
  const length = Number(header(headers, 'content-length'));
  if ((encoding === '' || encoding === 'identity') && Number.isFinite(length) && length > cap) throw tooLarge();
  let source: AsyncIterable<Buffer | string> = body;
  if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate' || encoding === 'br') {
    // esplan asks for no compression; a server or proxy that compresses anyway is read through a
    // decompressor, and the cap counts the inflated bytes.
    const inflate = encoding === 'br' ? createBrotliDecompress() : createUnzip();
    body.on('error', (e) => inflate.destroy(e));
    body.pipe(inflate);
    source = inflate;
  } else if (encoding !== '' && encoding !== 'identity') {
    body.destroy();
    throw new ClusterError('bad-reply', spec, { message: `the reply uses a content encoding esplan cannot read (${encoding.slice(0, 40)})` });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buf.length;
    if (total > cap) {
      if (source !== body) (source as unknown as Readable).destroy();
      throw tooLarge();
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON when the server says it is JSON (as the client would decide), else the text itself. */
function parseReply(text: string, headers: StreamedResult['headers'], spec: RequestSpec, status: number): unknown {
  const type = header(headers, 'content-type');
  if (text === '' || !(type.includes('application/json') || type.includes('application/vnd.elasticsearch+json'))) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ClusterError('bad-reply', spec, { message: `the reply (HTTP ${status}) is not valid JSON`, status });
  }
}

function responseError(status: number, body: unknown, spec: RequestSpec): ClusterError {
  const { type, reason } = esError(body);
  const kind = status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'response';
  return new ClusterError(kind, spec, { message: reason ?? `HTTP ${status}`, status, esType: type, esReason: reason });
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
