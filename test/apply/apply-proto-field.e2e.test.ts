/** Issue 12 (lower), through the real CLI: a vector field named __proto__ reaches the cluster's mappings and reads back as written. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeEs, type FakeElasticsearch } from '../fake-es/fake-es.js';
import { fixturesDir } from '../cluster/helpers.js';
import { runCli } from './run-cli.js';

let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.stop();
});

describe('apply: a vector field named __proto__', () => {
  it('is written, read back and matches', async () => {
    es = await startFakeEs();
    es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
    const plan = JSON.parse(readFileSync(join(fixturesDir, 'rag-3zones.json'), 'utf8')) as {
      sizing: { vectors: { field: string }[] };
      workload: { vectors: { field: string }[] };
    };
    const old = plan.sizing.vectors[0]!.field;
    plan.sizing.vectors[0]!.field = '__proto__';
    plan.workload.vectors.find((v) => v.field === old)!.field = '__proto__';
    const file = join(mkdtempSync(join(tmpdir(), 'esplan-proto-')), 'plan.json');
    writeFileSync(file, JSON.stringify(plan));
    const r = await runCli(['apply', file, '--yes', '--url', es.url]);
    expect(r.stderr).toMatch(/Apply complete: every write was read back and matches/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('template.mappings.properties.__proto__.type: "dense_vector"');
    const written = es.writes.find((w) => w.path === '/_component_template/support-docs-mappings');
    expect(JSON.stringify(written?.body)).toContain('"properties":{"__proto__":{"type":"dense_vector"');
  });
});
