/**
 * `esplan export terraform` as a user runs it: what it writes, what it refuses (and that a refusal
 * writes nothing), the golden file of a two-zone plan, and output that fits the terminal.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { expectGolden } from '../helpers/golden.js';
import { readHcl } from '../helpers/hcl-reader.js';
import { repoRoot, runInProcess, spawnCli } from '../helpers/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'esplan-tf-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(work, `out-${++n}`);

const RAG = join(repoRoot, 'examples/rag-assistant.yaml');
const TWO_ZONE = join(repoRoot, 'examples/small-two-zone.yaml');
const ONE_ZONE = join(repoRoot, 'examples/benchmark-one-node.yaml');
const exportArgs = (out: string, ...extra: string[]) => ['export', 'terraform', '-w', RAG, '-o', out, ...extra];

describe('export terraform writes', () => {
  it('versions.tf and esplan.tf into a directory it creates, nothing on stdout, the addresses on stderr', async () => {
    const out = join(fresh(), 'nested', 'es');
    const r = await runInProcess(exportArgs(out, '--zone-names', 'us-east-1a,us-east-1b,us-east-1c'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readdirSync(out).sort()).toEqual(['esplan.tf', 'versions.tf']);
    expect(r.stderr).toMatch(/^esplan: wrote versions\.tf and esplan\.tf to .*: 5 resources$/m);
    for (const address of [
      'elasticstack_elasticsearch_component_template.support-docs-settings',
      'elasticstack_elasticsearch_component_template.support-docs-mappings',
      'elasticstack_elasticsearch_index_template.support-docs',
      'elasticstack_elasticsearch_snapshot_lifecycle.support-docs-snapshots',
      'elasticstack_elasticsearch_cluster_settings.awareness',
    ]) {
      expect(r.stderr).toContain(`  ${address}\n`);
    }
  });

  it('the same files from a plan of recommend --json as from its workload', async () => {
    const plan = await runInProcess(['recommend', '-w', RAG, '--json']);
    const planFile = join(work, 'rag-plan.json');
    writeFileSync(planFile, plan.stdout);
    const [a, b] = [fresh(), fresh()];
    expect((await runInProcess(exportArgs(a, '--zone-names', 'x,y,z'))).code).toBe(0);
    expect((await runInProcess(['export', 'terraform', planFile, '-o', b, '--zone-names', 'x,y,z'])).code).toBe(0);
    expect(readFileSync(join(b, 'versions.tf'), 'utf8')).toBe(readFileSync(join(a, 'versions.tf'), 'utf8'));
    // Only the header's "from <file>" differs.
    const body = (dir: string) => readFileSync(join(dir, 'esplan.tf'), 'utf8').replace(/^# Written by .*\n/, '');
    expect(body(b)).toBe(body(a));
  });

  it('a one-zone plan: no awareness settings, and no --zone-names to give', async () => {
    const out = fresh();
    const r = await runInProcess(['export', 'terraform', '-w', ONE_ZONE, '-o', out]);
    expect(r.code).toBe(0);
    const doc = readHcl(readFileSync(join(out, 'esplan.tf'), 'utf8'));
    expect(doc.blocks.map((b) => b.labels[0])).not.toContain('elasticstack_elasticsearch_cluster_settings');
    const refused = await runInProcess(['export', 'terraform', '-w', ONE_ZONE, '-o', fresh(), '--zone-names', 'a']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: --zone-names: is for a plan of two or three zones; this plan has one');
  });

  it('the two-zone example matches its golden file', async () => {
    const out = fresh();
    expect((await runInProcess(['export', 'terraform', '-w', TWO_ZONE, '-o', out, '--zone-names', 'zone-b,zone-a'])).code).toBe(0);
    const text = readFileSync(join(out, 'esplan.tf'), 'utf8').replace(/^(# Written by esplan \S+ from ).*?(: what)/, '$1examples/small-two-zone.yaml$2');
    // By hand: the zones given as zone-b,zone-a are written sorted, as apply sorts the zones it
    // finds on the data nodes; two zones give one replica (a copy in each).
    expect(text).toContain('value = "zone-a,zone-b"');
    expect(text).toMatch(/number_of_replicas\s+= 1\n/);
    expectGolden(join(repoRoot, 'test/fixtures/render/small-two-zone.tf'), text);
  });
});

describe('export terraform refuses, and writes nothing', () => {
  const refuses = async (args: string[], message: string) => {
    const r = await runInProcess(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    return r;
  };

  it.each([
    [[], 'error: --zone-names: is required: the plan spans 3 zones'],
    [['--zone-names', 'a,b'], 'error: --zone-names: gives 2 zones, but the plan spans 3'],
    [['--zone-names', 'a,b,c,d'], 'error: --zone-names: gives 4 zones, but the plan spans 3'],
    [['--zone-names', 'a,a,b'], 'error: --zone-names: names a zone twice'],
    [['--zone-names', 'a,,b'], 'error: --zone-names: has an empty name'],
    [['--zone-names', 'a,b c,d'], 'error: --zone-names: has b c, which is not a zone name'],
  ])('zone names %j', async (extra, message) => {
    const out = fresh();
    await refuses(exportArgs(out, ...extra), message);
    expect(existsSync(out)).toBe(false);
  });

  it('without --output', async () => {
    await refuses(['export', 'terraform', '-w', RAG, '--zone-names', 'a,b,c'], 'error: --output: is required');
  });

  it('without a workload or plan', async () => {
    await refuses(['export', 'terraform', '-o', fresh()], 'error: --workload: is required (or a plan file): what should be exported?');
  });

  it('an --output that is a file', async () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'keep');
    await refuses(exportArgs(file, '--zone-names', 'a,b,c'), 'error: --output: ');
    expect(readFileSync(file, 'utf8')).toBe('keep');
  });

  it('files that exist, unless --overwrite: both left as they were, even when only one exists', async () => {
    const out = fresh();
    mkdirSync(out);
    writeFileSync(join(out, 'esplan.tf'), '# mine\n');
    const r = await refuses(exportArgs(out, '--zone-names', 'a,b,c'), 'exists already');
    expect(r.stderr).toContain('pass --overwrite to replace it');
    expect(readdirSync(out)).toEqual(['esplan.tf']);
    expect(readFileSync(join(out, 'esplan.tf'), 'utf8')).toBe('# mine\n');
    const again = await runInProcess(exportArgs(out, '--zone-names', 'a,b,c', '--overwrite'));
    expect(again.code).toBe(0);
    expect(readFileSync(join(out, 'esplan.tf'), 'utf8')).toMatch(/^# Written by esplan/);
    expect(readdirSync(out).sort()).toEqual(['esplan.tf', 'versions.tf']);
  });

  it('a source repository, which the provider has no block for', async () => {
    const workload = parseYaml(readFileSync(RAG, 'utf8')) as Record<string, Record<string, unknown>>;
    workload.snapshots = { ...workload.snapshots, repository_type: 'source', repository_settings: { delegate_type: 'fs', location: '/mnt/b' } };
    const file = join(work, 'source-repo.yaml');
    writeFileSync(file, stringifyYaml(workload));
    const out = fresh();
    await refuses(['export', 'terraform', '-w', file, '-o', out, '--zone-names', 'a,b,c'], 'error: snapshots.repository_type: is source, which elasticstack_elasticsearch_snapshot_repository has no block for');
    expect(existsSync(out)).toBe(false);
  });
});

describe('export terraform fits the terminal', () => {
  it('its report and its errors at COLUMNS=80', () => {
    const out = fresh();
    const ok = spawnCli(exportArgs(out, '--zone-names', 'a,b,c'), { env: { COLUMNS: '80' } });
    expect(ok.code).toBe(0);
    const wide = (t: string) => t.split('\n').filter((l) => l.length > 80);
    expect(wide(ok.stderr)).toEqual([]);
    const bad = spawnCli(exportArgs(fresh()), { env: { COLUMNS: '80' } });
    expect(bad.code).toBe(1);
    expect(wide(bad.stderr)).toEqual([]);
  });
});
