/**
 * Issue 12, defects 1 and 2, through the real CLI against the stand-in cluster: a reply trickled
 * one byte at a time must not hold apply past its deadline, a reply larger than the cap is cut off
 * with a message saying so, and a timeout too small to mean anything is refused up front.
 *
 * Timing bounds are deliberately loose (three times the worst case the retry policy allows), and
 * the child process has its own kill timer, so a regression fails instead of hanging the suite.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { startFakeEs, type FakeElasticsearch, type Fault } from '../fake-es/fake-es.js';
import { fixturesDir } from '../cluster/helpers.js';
import { runCli } from './run-cli.js';

const RAG = join(fixturesDir, 'rag-3zones.json');
const started: FakeElasticsearch[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

async function cluster(fault: (n: number, method: string, path: string) => Fault | undefined): Promise<FakeElasticsearch> {
  const es = await startFakeEs({ fault });
  es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
  started.push(es);
  return es;
}

// formulas/apply.json: apply.retry_attempts = 3, apply.retry_backoff_ms = 200 (doubled each time).
const ATTEMPTS = 1 + 3;
const BACKOFF_S = 0.2 + 0.4 + 0.8;

describe('apply: the request deadline covers the whole exchange', () => {
  it('a reply trickled a byte every 200 ms fails at the deadline, not when the trickle ends', async () => {
    // GET / answers about 450 bytes: trickled, that is 90 s, and no gap is near the 1 s timeout.
    const es = await cluster((_n, method, path) => (method === 'GET' && path === '/' ? { kind: 'trickle', intervalMs: 200 } : undefined));
    const t0 = Date.now();
    const r = await runCli(['apply', RAG, '--dry-run', '--url', es.url, '--timeout', '1'], {}, 40_000);
    const seconds = (Date.now() - t0) / 1000;
    expect(r.code, `exit code (null: killed after hanging ${seconds}s)`).toBe(ExitCode.Error);
    expect(r.stderr).toMatch(/timed out after 1s while trying to read the cluster version/);
    // Worst case with retries: 4 attempts x 1 s + 1.4 s of backoff = 5.4 s; allow three times that.
    expect(seconds).toBeLessThan((ATTEMPTS * 1 + BACKOFF_S) * 3);
    expect(es.requests.filter((q) => q.path === '/')).toHaveLength(ATTEMPTS);
  });

  it('refuses a timeout below one second, naming --timeout and the fix, before any request', async () => {
    const es = await cluster(() => undefined);
    for (const value of ['0.0001', '0.5']) {
      const r = await runCli(['apply', RAG, '--dry-run', '--url', es.url, '--timeout', value]);
      expect(r.code).toBe(ExitCode.Error);
      expect(r.stderr).toMatch(new RegExp(`error: --timeout: ${value.replace('.', '\\.')} seconds is below the minimum of 1 second: .*\\(fix: .*--timeout 30`));
    }
    const json = await runCli(['apply', RAG, '--dry-run', '--json', '--url', es.url, '--timeout', '0.0001']);
    expect(JSON.parse(json.stdout)).toMatchObject({ result: 'error', errors: [{ path: '--timeout' }] });
    expect(es.requests).toHaveLength(0);
  });
});

describe('apply: the reply size cap (formulas/apply.json apply.max_reply_bytes, 32 MiB)', () => {
  const MiB = 1024 * 1024;
  for (const [label, fault] of [
    ['announced by Content-Length', { kind: 'oversize', bytes: 40 * MiB }],
    ['sent chunked, without a length', { kind: 'oversize', bytes: 40 * MiB, chunked: true }],
    ['gzip-compressed, small on the wire', { kind: 'oversize', bytes: 100 * MiB, gzip: true }],
  ] as const) {
    it(`stops reading a reply over the cap (${label}) and says so, without retrying`, async () => {
      const es = await cluster((_n, method, path) => (method === 'GET' && path === '/_nodes' ? fault : undefined));
      const r = await runCli(['apply', RAG, '--dry-run', '--url', es.url]);
      expect(r.code).toBe(ExitCode.Error);
      expect(r.stderr).toMatch(/error: http:\/\/127\.0\.0\.1:\d+: the cluster's reply to GET \/_nodes exceeded 32 MiB \(while trying to read the nodes and their attributes\)/);
      expect(es.requests.filter((q) => q.path === '/_nodes')).toHaveLength(1);
    });
  }
});
