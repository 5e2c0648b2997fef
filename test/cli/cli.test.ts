import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { runInProcess, spawnCli, repoRoot } from '../helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'esplan-cli-'));
function file(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

describe('esplan as a spawned process', () => {
  it('prints help with examples and exit codes', () => {
    const r = spawnCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('esplan recommend --workload my.yaml --json');
    // The help is reflowed to 80 columns, so compare it with line breaks as spaces.
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('Exit codes: 0 ok, 1 error, 2 a CI check failed, changes are pending or check has findings, 130 aborted.');
  });

  it('prints its version from package.json', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const r = spawnCli(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('validates a good file with exit 0 and nothing on stdout', () => {
    const r = spawnCli(['validate', 'examples/rag-assistant.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('valid workload "support-assistant"');
  });

  it('rejects a bad file with exit 1, every problem on stderr, no stack trace', () => {
    const bad = file('bad.yaml', 'corpus:\n  documents: 10\n  source_bytes_per_document: 5\nvectors:\n  - field: e\n    dims: 5000\n  - field: f\n    dims: 10\n    index_type: bbq_hnsw\n');
    const r = spawnCli(['validate', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: vectors[0].dims: 5000 is above the Elasticsearch maximum of 4096\n' +
        'error: vectors[1].dims: 10 is below 64, the fewest dimensions bbq_hnsw accepts\n',
    );
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('refuses, at validate time, a snapshot schedule a cluster would refuse mid-apply (every 5 minutes)', () => {
    const w = file('often.yaml', 'corpus: { documents: 1000, source_bytes_per_document: 2000 }\nsnapshots: { repository: backups, schedule: 5m }\n');
    const r = spawnCli(['validate', w]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: snapshots.schedule: runs more often than every 15m, which Elasticsearch refuses (slm.minimum_interval); use an interval of 15m or more (e.g. 1h) or a cron expression such as "0 30 1 * * ?" (daily at 01:30)\n',
    );
  });

  it('exits 1 on an unknown flag or command', () => {
    expect(spawnCli(['recommend', '--nope']).code).toBe(1);
    const r = spawnCli(['recomend']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('recommend');
  });
});

describe('esplan schema', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });

  it('publishes a workload JSON Schema that accepts every example and rejects bad input', async () => {
    const r = await runInProcess(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(schema.$id).toBe('https://esplan.dev/schema/workload-v1.json');
    const validate = ajv.compile(schema);
    for (const name of ['rag-assistant', 'agent-memory', 'soc-copilot', 'diskbbq-catalog', 'small-two-zone', 'on-prem']) {
      const doc = parse(readFileSync(join(repoRoot, 'examples', `${name}.yaml`), 'utf8'));
      expect(validate(doc), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validate({ corpus: { documents: 'many', source_bytes_per_document: 10 } })).toBe(false);
    expect(validate({ corpus: { documents: 1, source_bytes_per_document: 10 }, typo_key: 1 })).toBe(false);
  });

  it('publishes the output JSON Schema with the contract keys', async () => {
    const r = await runInProcess(['schema', '--output']);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, { properties?: Record<string, unknown> }>; required: string[] };
    expect(schema.required).toEqual(
      expect.arrayContaining(['format_version', 'workload', 'sizing', 'indices', 'tiers', 'monthly_usd', 'warnings', 'basis', 'alternatives']),
    );
    // shards is a contract key for one index; with several indices each entry of indices has its own.
    expect(schema.required).not.toContain('shards');
    expect(Object.keys(schema.properties).sort()).toEqual(expect.arrayContaining(['shards', 'indices']));
    expect(Object.keys(schema.properties.sizing?.properties ?? {})).toEqual(
      expect.arrayContaining(['vectors', 'source_bytes', 'total_ram_bytes', 'total_disk_bytes']),
    );
    expect(Object.keys(schema.properties.shards?.properties ?? {})).toEqual(
      expect.arrayContaining(['primaries', 'replicas', 'routing_shards', 'shard_bytes', 'docs_per_shard']),
    );
  });
});
