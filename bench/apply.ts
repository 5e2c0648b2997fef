/**
 * Apply: requests and time for a first `esplan apply` and a no-op re-apply against the loopback
 * fake cluster in test/fake-es, each a whole process (the built CLI), each repetition against a
 * freshly started, empty fake. The request counts come from the fake's own log.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startFakeEs } from '../test/fake-es/fake-es.js';
import { summarize, type Summary } from './lib/stats.js';

const API_KEY = Buffer.from('bench-id:bench-api-key-value').toString('base64');

export interface ApplyRun {
  summary: Summary;
  exit_codes: Array<number | null>;
  requests: number;
  writes: number;
  by_method: Record<string, number>;
}

export interface ApplyResult {
  status: 'ran';
  plan_file: string;
  command: string;
  repetitions: number;
  first_apply: ApplyRun;
  re_apply: ApplyRun;
}

interface Timed {
  ms: number;
  code: number | null;
}

/** Async spawn: the fake answers from this process, so a synchronous spawn would deadlock it. */
function timedCli(root: string, args: string[], env: Record<string, string>): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(root, 'bin', 'esplan.js'), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, code }));
  });
}

function countBy(items: readonly { method: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of items) out[r.method] = (out[r.method] ?? 0) + 1;
  return out;
}

export async function benchApply(root: string, repetitions = 5): Promise<ApplyResult> {
  const planFile = 'test/fixtures/plans/rag-3zones.json';
  const args = ['apply', planFile, '--yes'];
  const first: Timed[] = [];
  const again: Timed[] = [];
  let firstLog: { method: string }[] = [];
  let againLog: { method: string }[] = [];
  for (let i = 0; i < repetitions; i++) {
    const es = await startFakeEs({ auth: { apiKeys: [API_KEY] } });
    try {
      es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'bench' });
      const env = { ES_URL: es.url, ES_API_KEY: API_KEY };
      first.push(await timedCli(root, args, env));
      const afterFirst = es.requests.length;
      again.push(await timedCli(root, args, env));
      firstLog = es.requests.slice(0, afterFirst);
      againLog = es.requests.slice(afterFirst);
    } finally {
      await es.stop();
    }
  }
  const run = (t: Timed[], log: { method: string }[]): ApplyRun => ({
    summary: summarize(t.map((x) => x.ms)),
    exit_codes: [...new Set(t.map((x) => x.code))],
    requests: log.length,
    writes: log.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').length,
    by_method: countBy(log),
  });
  return {
    status: 'ran',
    plan_file: planFile,
    command: `node bin/esplan.js ${args.join(' ')}`,
    repetitions,
    first_apply: run(first, firstLog),
    re_apply: run(again, againLog),
  };
}
