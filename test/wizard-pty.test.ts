/**
 * End to end: the real binary (`node bin/esplan.js wizard`, built by npm test) in a pseudo-terminal.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { KEY, PtySession } from './helpers/pty-session.js';
import { spawnCli } from './helpers/run-cli.js';

interface SavedWorkload {
  name: string;
  corpus: unknown;
  vectors: Record<string, unknown>[];
  search: { peak_qps?: number };
}

const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

function start(args: string[]): { s: PtySession; cwd: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'esplan-wizard-pty-'));
  const s = new PtySession(['wizard', ...args], cwd);
  sessions.push(s);
  return { s, cwd };
}

describe('esplan wizard in a terminal', () => {
  it('refuses to run from a pipe, pointing to recommend --workload', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'esplan-wizard-pipe-'));
    const r = spawnCli(['wizard'], { cwd, input: '\n\n\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('esplan recommend --workload FILE');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('Ctrl-C at a question exits 130 and writes nothing', async () => {
    const { s, cwd } = start([]);
    await s.answer(/Name of this workload/, 'pty-test');
    await s.answer(/How many indices/);
    await s.waitFor(/Base index name/);
    s.type(KEY.enter);
    await s.waitFor(/Elasticsearch version/);
    s.type(KEY.ctrlC);
    expect(await s.exited).toBe(130);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('sizes a deployment from typed answers, prints the plan and saves a file that reproduces it', async () => {
    const { s, cwd } = start([]);
    await s.answer(/Name of this workload/, 'pty-rag');
    await s.answer(/How many indices/);
    await s.answer(/Base index name/);
    await s.answer(/Elasticsearch version/);
    await s.answer(/Elasticsearch license/);
    await s.answer(/Documents now/, '-1');
    // The schema's message, as `esplan validate` would print it for a file.
    await s.waitFor(/corpus\.documents: -1 cannot be negative \(documents now\)/);
    s.type('\x7f\x7f2M' + KEY.enter);
    await s.answer(/Average _source bytes per document/, '5k');
    await s.answer(/Growth per month/, '2%');
    await s.answer(/Plan for how many months of growth/);
    await s.answer(/How many vector fields/);
    await s.answer(/Embedding model for vector field 1/);
    await s.answer(/Field name/);
    await s.answer(/Vectors per document/, '3');
    await s.answer(/Stored as/);
    await s.answer(/Text fields for lexical/);
    await s.answer(/semantic_text fields/);
    await s.answer(/Tenancy/);
    await s.answer(/Peak queries per second/, '100');
    await s.answer(/Recall target/);
    await s.answer(/Do queries filter/);
    await s.answer(/Availability zones/);
    await s.answer(/Replicas per primary shard/);
    await s.answer(/Provider/);
    await s.answer(/Region/);
    await s.answer(/Node sizes/);
    await s.answer(/Where do embeddings get computed/);
    await s.waitFor(/Index types for content_embedding:/);
    await s.answer(/Index type for content_embedding/);
    await s.answer(/Schedule snapshots/);
    await s.answer(/Snapshot repository name/);
    await s.answer(/Schedule \(cron/);
    await s.answer(/Delete snapshots older than/);
    await s.answer(/Save this workload as YAML\?/);
    await s.answer(/File to write/);
    await s.waitFor(/esplan recommend --workload workload\.yaml --json/);
    await s.waitFor(/esplan apply --workload workload\.yaml --url https:\/\/localhost:9200/);
    expect(await s.exited).toBe(0);

    const saved = parseYaml(readFileSync(join(cwd, 'workload.yaml'), 'utf8')) as SavedWorkload;
    expect(saved.name).toBe('pty-rag');
    expect(saved.corpus).toEqual({ documents: 2_000_000, source_bytes_per_document: 5000, growth: { monthly_rate: 0.02, months: 12 } });
    expect(saved.vectors[0]).toMatchObject({ field: 'content_embedding', dims: 1024, per_document: 3 });
    expect(saved.search.peak_qps).toBe(100);

    // The plan the wizard printed is the one `recommend` prints for the saved file, at the same
    // width (the pseudo-terminal's 160 columns; output fits the terminal).
    const again = spawnCli(['recommend', '--workload', 'workload.yaml'], { cwd, env: { COLUMNS: '160' } });
    expect(again.code).toBe(0);
    const shown = s.text().replace(/\r\n/g, '\n');
    expect(again.stdout.length).toBeGreaterThan(100);
    expect(shown).toContain(again.stdout.trim());
  });
});
