/**
 * The bundle skips re-checking data files the build checked (src/data/read-data-file.ts). That is
 * only sound when the check returns exactly what the file holds, and only while the file is the
 * one the build saw; both are checked here.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readDataFile, recordDataChecks, type DataCheck } from '../../src/data/read-data-file.js';
import { repoRoot } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'esplan-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => recordDataChecks(undefined));

function checksOf(content: string, schema: z.ZodType): DataCheck[] {
  const file = join(dir, 'data.json');
  writeFileSync(file, content);
  const seen: DataCheck[] = [];
  recordDataChecks((c) => seen.push(c));
  readDataFile(file, schema);
  return seen;
}

describe('what the build records about a data file check', () => {
  it('a check that changes nothing marks the file as safe to skip, with its content hash', () => {
    const content = '{"a": 1, "b": [2, 3]}';
    const [check] = checksOf(content, z.strictObject({ a: z.number(), b: z.array(z.number()) }));
    expect(check?.unchanged).toBe(true);
    expect(check?.sha256).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('a check that fills in a default is not skippable (skipping would lose the default)', () => {
    const [check] = checksOf('{"a": 1}', z.strictObject({ a: z.number(), b: z.number().default(2) }));
    expect(check?.unchanged).toBe(false);
  });
});

describe('the built bundle', () => {
  it('lists data files with the hash of their current content, the catalogs among them', () => {
    const bundle = readFileSync(join(repoRoot, 'dist', 'bundle', 'esplan.mjs'), 'utf8');
    const listed = [...bundle.matchAll(/"((?:catalogs|formulas)\/[\w.-]+\.json)": "([0-9a-f]{64})"/g)].map((m) => [m[1]!, m[2]!] as const);
    for (const [file, hash] of listed) {
      expect(createHash('sha256').update(readFileSync(join(repoRoot, file))).digest('hex'), file).toBe(hash);
    }
    const catalogs = readdirSync(join(repoRoot, 'catalogs')).filter((f) => f.endsWith('.json'));
    for (const name of catalogs) expect(listed.map(([f]) => f)).toContain(`catalogs/${name}`);
  });
});
