/** The Elasticsearch client is heavy: only `apply` may load it, and only once it connects. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeEs, type FakeElasticsearch } from '../fake-es/fake-es.js';
import { fixturesDir } from '../cluster/helpers.js';
import { repoRoot } from './run-cli.js';

const hook = join(import.meta.dirname, 'fixtures', 'trace-elastic.mjs');

function traced(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', hook, join(repoRoot, 'bin', 'esplan.js'), ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.stop();
});

describe('lazy loading of @elastic/elasticsearch', () => {
  it('is not loaded by other commands, nor by apply --help', async () => {
    const validate = await traced(['validate', 'examples/rag-assistant.yaml']);
    expect(validate).toMatch(/valid workload/);
    expect(validate).not.toMatch(/TRACE/);
    const help = await traced(['apply', '--help']);
    expect(help).toMatch(/--take-ownership/);
    expect(help).not.toMatch(/TRACE/);
  });

  it('is loaded when apply talks to a cluster', async () => {
    es = await startFakeEs();
    const out = await traced(['apply', join(fixturesDir, 'rag-3zones.json'), '--dry-run', '--url', es.url]);
    expect(out).toMatch(/TRACE: @elastic\/elasticsearch loaded/);
  });
});
