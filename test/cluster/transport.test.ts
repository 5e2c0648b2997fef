/** Retries: only idempotent requests, only transient failures, a bounded number of times. */
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConnection } from '../../src/cluster/connection.js';
import { openClusterHttp } from '../../src/cluster/es-transport.js';
import { ClusterError, type RequestSpec } from '../../src/cluster/http.js';
import { startFakeEs, type FakeElasticsearch, type Fault } from '../fake-es/fake-es.js';

let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.stop();
});

const spec = (idempotent: boolean): RequestSpec => ({ method: 'GET', path: '/', idempotent, privilege: 'monitor', what: 'read the cluster version' });

async function attempt(fault: Fault, idempotent: boolean, timeoutSeconds = 5, maxReplyBytes?: number) {
  es = await startFakeEs({ fault: () => fault });
  const http = await openClusterHttp(resolveConnection({ url: es.url }, {}, { timeoutSeconds }), { attempts: 2, backoffMs: 1, maxReplyBytes });
  try {
    await http.request(spec(idempotent));
    throw new Error('expected a failure');
  } catch (err) {
    return { err: err as ClusterError, count: es.requests.length };
  } finally {
    await http.close();
  }
}

describe('cluster transport retries', () => {
  it('retries an idempotent request on a dropped connection, then gives up', async () => {
    const r = await attempt({ kind: 'drop' }, true);
    expect(r.err).toBeInstanceOf(ClusterError);
    expect(r.err.kind).toBe('dropped');
    expect(r.count).toBe(3); // one attempt + 2 retries
  });

  it('never retries a request that is not idempotent', async () => {
    const r = await attempt({ kind: 'drop' }, false);
    expect(r.count).toBe(1);
  });

  it('retries 503 but not 500', async () => {
    expect((await attempt({ kind: 'status', status: 503 }, true)).count).toBe(3);
    await es?.stop();
    const r500 = await attempt({ kind: 'status', status: 500 }, true);
    expect(r500.count).toBe(1);
    expect(r500.err).toMatchObject({ kind: 'response', status: 500, esType: 'exception' });
  });
});

describe('cluster transport limits (issue 12 defects 1 and 2)', () => {
  it('a reply trickled a byte every 100 ms times out at the deadline, on every attempt', async () => {
    const t0 = Date.now();
    const r = await attempt({ kind: 'trickle', intervalMs: 100 }, true, 1);
    const seconds = (Date.now() - t0) / 1000;
    expect(r.err).toMatchObject({ kind: 'timeout' });
    expect(r.count).toBe(3);
    // 3 attempts x 1 s deadline: about 3 s. The trickle alone would last about 45 s; allow 3 x 3 s.
    expect(seconds).toBeLessThan(9);
  });

  it('stops at the reply cap, with or without a Content-Length, and does not retry', async () => {
    const cap = 64 * 1024;
    for (const fault of [
      { kind: 'oversize', bytes: cap + 1 },
      { kind: 'oversize', bytes: 10 * cap, chunked: true },
      { kind: 'oversize', bytes: 10 * cap, gzip: true },
    ] as const) {
      const r = await attempt(fault, true, 5, cap);
      expect(r.err).toMatchObject({ kind: 'too-large', limitBytes: cap });
      expect(r.count).toBe(1);
      await es?.stop();
    }
  });

  it('reads a reply of exactly the cap', async () => {
    const cap = 64 * 1024;
    es = await startFakeEs({ fault: () => ({ kind: 'oversize', bytes: cap }) });
    const http = await openClusterHttp(resolveConnection({ url: es.url }, {}, { timeoutSeconds: 5 }), { attempts: 0, backoffMs: 1, maxReplyBytes: cap });
    try {
      // Not GET / (whose reply must carry the version, reply-schemas.ts): a path any JSON object answers.
      const res = await http.request({ ...spec(true), path: '/_any' });
      // {"pad":"…"} is 8 + 2 bytes of frame around 65526 x's: 65536 in all.
      expect((res.body as { pad: string }).pad).toHaveLength(cap - 10);
    } finally {
      await http.close();
    }
  });

  it('a gzip reply that does not inflate is a bad reply too', async () => {
    const r = await attempt({ kind: 'raw', text: 'not gzip at all', gzip: true }, true);
    expect(r.err).toMatchObject({ kind: 'bad-reply' });
    expect(r.count).toBe(1);
  });

  it('a reply that is not JSON is a bad reply, not a dropped connection, and is not retried', async () => {
    const r = await attempt({ kind: 'raw', text: '{"cluster_name": ' }, true);
    expect(r.err).toMatchObject({ kind: 'bad-reply' });
    expect(r.err.message).toMatch(/not valid JSON/);
    expect(r.count).toBe(1);
  });
});
