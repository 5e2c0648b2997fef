/**
 * scripts/ensure-chromium.mjs: prints the chromium it finds, and when it finds none and cannot
 * install one it says why on stderr and still exits 0 (the browser test then skips visibly).
 * ESPLAN_CHROMIUM_DIRS points it at directories of our choosing, so no package is installed here.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';

const script = join(repoRoot, 'scripts', 'ensure-chromium.mjs');
const dir = mkdtempSync(join(tmpdir(), 'esplan-ensure-'));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const empty = join(dir, 'empty');

function ensure(env: NodeJS.ProcessEnv, uid?: number) {
  // Another user may not be able to read the clone (a mktemp -d directory is 0700): as that user,
  // run a copy of the script (it imports only node: modules) from the world-readable temp directory.
  const asOther = uid !== undefined;
  const path = asOther ? join(dir, 'ensure-chromium.mjs') : script;
  if (asOther) {
    copyFileSync(script, path);
    chmodSync(path, 0o644);
  }
  return spawnSync(process.execPath, [path], { encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH, ...env }, ...(asOther ? { uid, gid: uid, cwd: dir } : {}) });
}

describe('scripts/ensure-chromium.mjs', () => {
  it('prints the chromium it finds on the search path', () => {
    const bin = join(dir, 'bin');
    spawnSync('mkdir', ['-p', bin]);
    writeFileSync(join(bin, 'chromium'), '#!/bin/sh\n');
    chmodSync(join(bin, 'chromium'), 0o755);
    const r = ensure({ ESPLAN_CHROMIUM_DIRS: bin });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${join(bin, 'chromium')}\n`);
  });

  it('exits 0 with nothing on stdout and the reason on stderr when told not to install', () => {
    const r = ensure({ ESPLAN_CHROMIUM_DIRS: empty, ESPLAN_NO_CHROMIUM_INSTALL: '1' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('ensure-chromium: chromium is not installed and ESPLAN_NO_CHROMIUM_INSTALL is set');
  });

  it.skipIf(process.getuid?.() !== 0 || process.platform !== 'linux')('as a user without root or sudo -n: says so and exits 0 (run as nobody, uid 65534; skipped unless the suite runs as root on Linux)', () => {
    const r = ensure({ ESPLAN_CHROMIUM_DIRS: empty, HOME: dir }, 65534);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/ensure-chromium: chromium is not installed and (cannot be: not root, and sudo -n is not available|there is no apt-get here)/);
  });
});
