/**
 * The guards of issue 12's medium defects 4-9, end to end against the loopback stand-in:
 * --insecure warned about, where the cluster stands after any failure past the first write
 * (signals included), shadowing templates, a concurrent change between observe and write,
 * a saved plan edited after review, and the plan's workload re-validated.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCertificate } from '../fake-es/cert.js';
import { startFakeEs, type FakeElasticsearch, type FakeEsOptions } from '../fake-es/fake-es.js';
import { fixturesDir } from '../cluster/helpers.js';
import { applyAtTerminal, type AtTerminal } from './at-terminal.js';
import { repoRoot, runCli } from './run-cli.js';

const RAG = join(fixturesDir, 'rag-3zones.json');
const API_KEY = Buffer.from('guard-id:guard-api-key-4c3b2a').toString('base64');

const started: FakeElasticsearch[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

async function cluster(options: FakeEsOptions = {}): Promise<FakeElasticsearch> {
  const es = await startFakeEs({ auth: { apiKeys: [API_KEY] }, ...options });
  es.repositories.set('backups', { type: 'fs', settings: { location: '/mnt/backups' }, uuid: 'u1' });
  started.push(es);
  return es;
}
const env = (fake: FakeElasticsearch) => ({ ES_URL: fake.url, ES_API_KEY: API_KEY });
const tmp = () => mkdtempSync(join(tmpdir(), 'esplan-guards-'));

/** The fixture applied at a terminal; `meanwhile` changes the cluster while the person reads the plan. */
async function applyConfirmed(fake: FakeElasticsearch, meanwhile: () => void): Promise<{ outcome: Awaited<AtTerminal['done']>; out: string }> {
  const run = applyAtTerminal(fake.url, () => {
    meanwhile();
    return 'yes';
  }, API_KEY);
  return { outcome: await run.done, out: run.transcript() };
}

/** The rag plan fixture with its workload edited, written to a temporary file. */
interface EditablePlan {
  workload: { index: { name: string }; availability?: unknown };
}
function editedPlan(edit: (plan: EditablePlan) => void): string {
  const plan = JSON.parse(readFileSync(RAG, 'utf8')) as EditablePlan;
  edit(plan);
  const file = join(tmp(), 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

describe('defect 4: --insecure is said out loud before anything is sent', () => {
  it('warns on stderr before connecting, and in the JSON warnings', async () => {
    const cert = makeTestCertificate();
    const fake = await cluster({ tls: { key: cert.key, cert: cert.cert } });
    const r = await runCli(['apply', RAG, '--dry-run', '--insecure', '--url', fake.url, '--api-key', API_KEY]);
    expect(r.code).toBe(2);
    const warning = r.stderr.indexOf('warning: --insecure');
    expect(warning).toBeGreaterThanOrEqual(0);
    expect(warning).toBeLessThan(r.stderr.indexOf('esplan: connecting'));
    expect(r.stderr).toMatch(/warning: --insecure: the certificate of .* is not checked: the API key is sent to whichever server answers/);
    const j = await runCli(['apply', RAG, '--dry-run', '--json', '--insecure', '--url', fake.url, '--api-key', API_KEY]);
    const doc = JSON.parse(j.stdout);
    expect(doc.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^--insecure: the certificate/)]));
    // Refused before connecting too: the error document carries the warning.
    const url = fake.url;
    await fake.stop();
    const e = await runCli(['apply', RAG, '--dry-run', '--json', '--insecure', '--url', url, '--api-key', API_KEY]);
    expect(JSON.parse(e.stdout)).toMatchObject({ result: 'error', warnings: [expect.stringMatching(/^--insecure/)] });
  });
});

describe('defect 5: where the cluster stands after a failure past the first write', () => {
  it('a read-back of an unexpected shape is reported as written but not verified, text and JSON', async () => {
    // The read-back of the first write (its only GET while exactly one write has landed) answers in a shape esplan does not expect.
    const fake: FakeElasticsearch = await cluster({
      fault: (_n, method, path) =>
        method === 'GET' && path === '/_component_template/support-docs-settings' && fake.writes.length === 1
          ? { kind: 'raw', text: '{"component_templates":"not a list"}' }
          : undefined,
    });
    const r = await runCli(['apply', RAG, '--yes', '--json'], env(fake));
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).toMatch(/\? written, NOT verified: +component template support-docs-settings \(create\)/);
    expect(r.stderr).toMatch(/· not attempted: +component template support-docs-mappings/);
    const doc = JSON.parse(r.stdout);
    expect(doc.result).toBe('failed');
    expect(doc.writes.map((w: { status: string }) => w.status)).toEqual(['unverified', 'not attempted', 'not attempted', 'not attempted', 'not attempted']);
  });

  it('SIGINT during the writes finishes the current request, prints the report and exits 130', async () => {
    const fake = await cluster({ fault: (_n, method, path) => (method === 'PUT' && path === '/_component_template/support-docs-mappings' ? { kind: 'delay', ms: 1500 } : undefined) });
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'esplan.js'), 'apply', RAG, '--yes', '--json'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env(fake) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => {
      stderr += String(d);
      if (/creating component template support-docs-mappings/.test(stderr) && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toMatch(/interrupted/);
    expect(code).toBe(130);
    expect(stderr).toMatch(/✓ written and verified: component template support-docs-settings/);
    expect(stderr).toMatch(/· not attempted: +index template support-docs/);
    const doc = JSON.parse(stdout);
    expect(doc.result).toBe('aborted');
    expect(doc.writes[0].status).toBe('written');
    expect(doc.writes.slice(2).every((w: { status: string }) => w.status === 'not attempted')).toBe(true);
    // Nothing after the interrupted object was sent.
    expect(fake.writes.map((w) => w.path)).toEqual(['/_component_template/support-docs-settings', '/_component_template/support-docs-mappings']);
  }, 30_000);
});

describe('defect 7: a template added meanwhile that overlaps ours', () => {
  it('refuses the index template write when another template appeared since the plan was built', async () => {
    const fake = await cluster();
    const { outcome, out } = await applyConfirmed(fake, () => {
      fake.indexTemplates.set('shadow', { body: { index_patterns: ['support-*'], priority: 900 }, created: 0, modified: 0, version: 1 });
    });
    expect(outcome).toBe('failed');
    expect(out).toMatch(/✗ REFUSED, not written: index template support-docs \(create\): changed since the plan was made \(by another apply or a person\): index template shadow/);
    expect(fake.writes.map((w) => w.path)).toEqual(['/_component_template/support-docs-settings', '/_component_template/support-docs-mappings']);
  });
});

describe('a second signal abandons the request in flight', () => {
  it('reports that request as possibly made and exits 130 at once', async () => {
    const fake = await cluster({ fault: (_n, method, path) => (method === 'PUT' && path === '/_component_template/support-docs-mappings' ? { kind: 'delay', ms: 8000 } : undefined) });
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'esplan.js'), 'apply', RAG, '--yes'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env(fake) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let sent = 0;
    child.stderr.on('data', (d) => {
      stderr += String(d);
      if (sent === 0 && /creating component template support-docs-mappings/.test(stderr)) {
        sent = 1;
        child.kill('SIGTERM');
      } else if (sent === 1 && /interrupted \(SIGTERM\)/.test(stderr)) {
        sent = 2;
        child.kill('SIGINT');
      }
    });
    const started = Date.now();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    // Well before the 8 s the delayed write would take.
    expect(Date.now() - started).toBeLessThan(6000);
    expect(stderr).toMatch(/Apply INTERRUPTED/);
    expect(stderr).toMatch(/\? written, NOT verified: component template support-docs-mappings \(create\): abandoned while in flight: the write may or may not have reached the cluster/);
    expect(stderr).toMatch(/· not attempted: +index template support-docs/);
  }, 30_000);
});

describe('defect 6: templates of any priority that overlap ours', () => {
  const logsApp = () =>
    editedPlan((p) => {
      p.workload.index.name = 'logs-app';
    });
  it('warns that the built-in logs template (priority 100) is shadowed for logs-app', async () => {
    const fake = await cluster();
    fake.indexTemplates.set('logs', { body: { index_patterns: ['logs-*-*'], priority: 100, data_stream: {} }, created: 0, modified: 0, version: 1 });
    const r = await runCli(['apply', logsApp(), '--dry-run'], env(fake));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/warning: index template logs \(patterns logs-\*-\*, priority 100\) is shadowed by esplan's template logs-app \(priority 501\)/);
  });
  it('refuses when a higher-priority template would shadow ours, with the fix', async () => {
    const fake = await cluster();
    fake.indexTemplates.set('everything-logs', { body: { index_patterns: ['logs-*'], priority: 900 }, created: 0, modified: 0, version: 1 });
    const r = await runCli(['apply', logsApp(), '--yes'], env(fake));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused: index template everything-logs: .*priority 900.*outranks esplan's template logs-app/);
    expect(r.stderr).toMatch(/fix: /);
    expect(fake.writes).toHaveLength(0);
  });
});

describe('defect 7: a concurrent change between observe and write', () => {
  it('refuses to overwrite an object that changed since the plan was built, naming what changed', async () => {
    const fake = await cluster();
    const { outcome, out } = await applyConfirmed(fake, () => {
      // While the user reads the plan, another apply writes the mappings template.
      fake.componentTemplates.set('support-docs-mappings', {
        body: { template: { mappings: { properties: { other: { type: 'keyword' } } } }, _meta: { managed_by: 'esplan' } },
        created: 0,
        modified: 0,
        version: 1,
      });
    });
    expect(outcome).toBe('failed');
    expect(out).toMatch(/✗ REFUSED, not written: component template support-docs-mappings \(create\): changed since the plan was made \(by another apply or a person\): \(created\)/);
    expect(out).toMatch(/✓ written and verified: component template support-docs-settings/);
    // The other writer's template is still there: esplan did not overwrite it.
    expect(fake.componentTemplates.get('support-docs-mappings')?.body.template).toEqual({ mappings: { properties: { other: { type: 'keyword' } } } });
    expect(fake.writes.map((w) => w.path)).toEqual(['/_component_template/support-docs-settings']);
  });
});

describe('defect 8: a saved plan edited after review', () => {
  it('is refused when its plan changed but plan_hash was kept', async () => {
    const fake = await cluster();
    const dir = tmp();
    const saved = join(dir, 'saved.json');
    expect((await runCli(['apply', RAG, '--dry-run', '--plan-out', saved], env(fake))).code).toBe(2);
    const doc = JSON.parse(readFileSync(saved, 'utf8'));
    doc.plan.shards.replicas = 0;
    writeFileSync(saved, JSON.stringify(doc));
    const r = await runCli(['apply', saved, '--yes'], env(fake));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/plan_hash: does not match what the plan would write/);
    expect(fake.writes).toHaveLength(0);
  });
  it('is refused when its reviewed changes were edited', async () => {
    const fake = await cluster();
    const saved = join(tmp(), 'saved.json');
    await runCli(['apply', RAG, '--dry-run', '--plan-out', saved], env(fake));
    const doc = JSON.parse(readFileSync(saved, 'utf8'));
    doc.changes[0].changes = [];
    writeFileSync(saved, JSON.stringify(doc));
    const r = await runCli(['apply', saved, '--yes'], env(fake));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/changes: differ from what applying the plan would change now/);
    expect(fake.writes).toHaveLength(0);
  });
});

describe('defect 9: the workload inside a plan document is re-validated', () => {
  it('refuses index.name "*" with the schema message, writing nothing', async () => {
    const fake = await cluster();
    const r = await runCli(['apply', editedPlan((p) => (p.workload.index.name = '*')), '--yes'], env(fake));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/workload\.index\.name: .*wildcard/);
    expect(fake.requests).toHaveLength(0);
  });
  it('refuses a system-index name', async () => {
    const r = await runCli(['apply', editedPlan((p) => (p.workload.index.name = '.security')), '--dry-run', '--url', 'http://127.0.0.1:9']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/workload\.index\.name: .*system/);
  });
  it('gives a schema error, not an internal error, when availability is removed', async () => {
    const r = await runCli(['apply', editedPlan((p) => delete p.workload.availability), '--dry-run', '--url', 'http://127.0.0.1:9']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).toMatch(/workload\.availability/);
  });
});
