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

async function attempt(fault: Fault, idempotent: boolean) {
  es = await startFakeEs({ fault: () => fault });
  const http = await openClusterHttp(resolveConnection({ url: es.url }, {}, { timeoutSeconds: 5 }), { attempts: 2, backoffMs: 1 });
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
