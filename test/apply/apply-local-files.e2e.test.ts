/**
 * Issue 12: bounded reads of local files. A CA certificate, plan, workload or catalog file is read
 * only when it is a regular file under its size cap; /dev/zero used to be read without end and a
 * FIFO hung the CLI. Every run has a kill timer (runCli), so a regression fails instead of hanging.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const GUARD_MS = 15_000;
let dir: string;
let fifo: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'esplan-local-files-'));
  fifo = join(dir, 'pipe');
  const made = spawnSync('mkfifo', [fifo]);
  if (made.status !== 0) throw new Error(`mkfifo failed: ${String(made.stderr)}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Nothing listens on port 1: the file checks come before any connection is tried.
const URL = 'http://127.0.0.1:1';
const HTTPS = 'https://127.0.0.1:1';

describe('--ca-cert reads only a regular file under formulas/apply.json apply.max_ca_cert_bytes (1 MiB)', () => {
  it('refuses /dev/zero as a character device, without reading it', async () => {
    const r = await runCli(['apply', '--workload', 'examples/rag-assistant.yaml', '--dry-run', '--url', HTTPS, '--ca-cert', '/dev/zero'], {}, GUARD_MS);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: --ca-cert: \/dev\/zero is a character device; esplan reads only regular files/);
    expect(r.stderr).not.toMatch(/connecting to/);
  });

  it('refuses a FIFO instead of hanging on it, also when named by ES_CA_CERT', async () => {
    const r = await runCli(['apply', '--workload', 'examples/rag-assistant.yaml', '--dry-run', '--url', HTTPS, '--ca-cert', fifo], {}, GUARD_MS);
    expect(r.code, 'null means the CLI hung and was killed').toBe(1);
    expect(r.stderr).toContain(`error: --ca-cert: ${fifo} is a FIFO (named pipe); esplan reads only regular files`);
    const env = await runCli(['apply', '--workload', 'examples/rag-assistant.yaml', '--dry-run', '--url', HTTPS], { ES_CA_CERT: fifo }, GUARD_MS);
    expect(env.code).toBe(1);
    expect(env.stderr).toContain(`error: ES_CA_CERT: ${fifo} is a FIFO (named pipe)`);
  });

  it('refuses a file over the cap by its size', async () => {
    const big = join(dir, 'big.pem');
    // 2 MiB = 2097152 bytes; the cap is 1 MiB = 1048576 bytes.
    writeFileSync(big, Buffer.alloc(2 * 1024 * 1024, 'A'));
    const r = await runCli(['apply', '--workload', 'examples/rag-assistant.yaml', '--dry-run', '--url', HTTPS, '--ca-cert', big], {}, GUARD_MS);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `error: --ca-cert: ${big} is 2097152 bytes; a CA certificate file may be at most 1048576 bytes (fix: give the PEM file of the CA that signed the cluster certificate)`,
    );
  });
});

describe('plan, workload and catalog files are refused when they are not regular files', () => {
  for (const [label, args] of [
    ['a plan file', () => ['apply', fifo, '--dry-run', '--url', URL]],
    ['a workload for apply', () => ['apply', '--workload', fifo, '--dry-run', '--url', URL]],
    ['a workload for validate', () => ['validate', fifo]],
    ['a catalog for recommend', () => ['recommend', '--catalog', fifo]],
  ] as const) {
    it(`${label}: a FIFO`, async () => {
      const r = await runCli([...args()], {}, GUARD_MS);
      expect(r.code, 'null means the CLI hung and was killed').toBe(1);
      expect(r.stderr).toMatch(new RegExp(`error: ${fifo.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: is a FIFO \\(named pipe\\); esplan reads only regular files .*\\(fix: save the \\w+ to a file and give its path\\)`));
    });
  }

  it('a workload that is /dev/zero', async () => {
    const r = await runCli(['apply', '--workload', '/dev/zero', '--dry-run', '--url', URL], {}, GUARD_MS);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: \/dev\/zero: is a character device; esplan reads only regular files/);
  });
});
