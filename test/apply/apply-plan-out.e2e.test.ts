/**
 * Issue 12 (lower): `--plan-out` followed symlinks and overwrote any file (the workload itself
 * included), non-atomically. Now: never the workload or the input plan; a link or an existing file
 * only with --overwrite (which replaces the link itself); written through a temporary file renamed
 * into place. Every refusal comes before the cluster is asked anything.
 */
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { startFakeEs, type FakeElasticsearch } from '../fake-es/fake-es.js';
import { fixturesDir } from '../cluster/helpers.js';
import { repoRoot, runCli } from './run-cli.js';

const RAG = join(fixturesDir, 'rag-3zones.json');
let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.stop();
  es = undefined;
});
async function cluster(): Promise<FakeElasticsearch> {
  es = await startFakeEs();
  es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
  return es;
}
const tmp = () => mkdtempSync(join(tmpdir(), 'esplan-plan-out-'));

describe('apply --plan-out writes safely', () => {
  it('never writes over the workload file or the input plan, even with --overwrite', async () => {
    const fake = await cluster();
    const dir = tmp();
    const workload = join(dir, 'my.yaml');
    writeFileSync(workload, readFileSync(join(repoRoot, 'examples', 'rag-assistant.yaml')));
    const before = readFileSync(workload, 'utf8');
    const r = await runCli(['apply', '--workload', workload, '--dry-run', '--plan-out', workload, '--overwrite', '--url', fake.url]);
    expect(r.code).toBe(ExitCode.Error);
    expect(r.stderr).toContain(`error: --plan-out: ${workload} is the workload file (${workload}); esplan never writes over it`);
    expect(readFileSync(workload, 'utf8')).toBe(before);
    // Through a link to it as well.
    symlinkSync(workload, join(dir, 'link.yaml'));
    const viaLink = await runCli(['apply', '--workload', workload, '--dry-run', '--plan-out', join(dir, 'link.yaml'), '--overwrite', '--url', fake.url]);
    expect(viaLink.stderr).toContain('is the workload file');
    const plan = join(dir, 'plan.json');
    writeFileSync(plan, readFileSync(RAG));
    const samePlan = await runCli(['apply', plan, '--dry-run', '--plan-out', plan, '--overwrite', '--url', fake.url]);
    expect(samePlan.code).toBe(ExitCode.Error);
    expect(samePlan.stderr).toContain('is the input plan');
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses an existing file or a symbolic link unless --overwrite, which replaces the link, not its target', async () => {
    const fake = await cluster();
    const dir = tmp();
    const existing = join(dir, 'plan.json');
    writeFileSync(existing, 'keep me');
    const r = await runCli(['apply', RAG, '--dry-run', '--plan-out', existing, '--url', fake.url]);
    expect(r.code).toBe(ExitCode.Error);
    expect(r.stderr).toContain(`error: --plan-out: ${existing} exists already (fix: pass --overwrite to replace it`);
    expect(readFileSync(existing, 'utf8')).toBe('keep me');

    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const link = join(dir, 'link.json');
    symlinkSync(victim, link);
    const viaLink = await runCli(['apply', RAG, '--dry-run', '--plan-out', link, '--url', fake.url]);
    expect(viaLink.stderr).toContain(`error: --plan-out: ${link} is a symbolic link; esplan does not write through links`);
    expect(fake.requests).toHaveLength(0);

    const forced = await runCli(['apply', RAG, '--dry-run', '--plan-out', link, '--overwrite', '--url', fake.url]);
    expect(forced.code).toBe(ExitCode.CheckFailed);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
    expect(JSON.parse(readFileSync(link, 'utf8'))).toMatchObject({ kind: 'esplan-apply-plan' });
    const replaced = await runCli(['apply', RAG, '--dry-run', '--plan-out', existing, '--overwrite', '--url', fake.url]);
    expect(replaced.code).toBe(ExitCode.CheckFailed);
    expect(JSON.parse(readFileSync(existing, 'utf8'))).toMatchObject({ kind: 'esplan-apply-plan' });
    // No temporary file is left behind.
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'plan.json', 'victim.txt']);
  });

  it('a new file is written whole, with no temporary file left', async () => {
    const fake = await cluster();
    const dir = tmp();
    const out = join(dir, 'new.json');
    const r = await runCli(['apply', RAG, '--dry-run', '--plan-out', out, '--url', fake.url]);
    expect(r.code).toBe(ExitCode.CheckFailed);
    expect(existsSync(out)).toBe(true);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ kind: 'esplan-apply-plan' });
    expect(readdirSync(dir)).toEqual(['new.json']);
    expect(() => readlinkSync(out)).toThrow();
  });
});
