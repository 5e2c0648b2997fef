#!/usr/bin/env node
// Makes Debian's chromium available for the headless-browser test of the HTML page
// (test/render/html-chromium.test.ts), which runs this before it collects its tests.
//
// stdout: the path of a chromium binary when one is (or now is) installed, else nothing.
// stderr: what was done, or why chromium cannot be had (not root and no passwordless sudo, no
// apt-get, apt unreachable, ESPLAN_NO_CHROMIUM_INSTALL set). Always exits 0: a machine without
// chromium skips that test visibly, it never fails the suite.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser'];
const INSTALL_TIMEOUT_MS = 8 * 60_000;
const UPDATE_TIMEOUT_MS = 3 * 60_000;
// Fail fast when the mirrors are unreachable rather than retrying for minutes.
const APT_OPTIONS = ['-o', 'Acquire::Retries=0', '-o', 'Acquire::http::Timeout=20', '-o', 'Acquire::https::Timeout=20', '-o', 'DPkg::Lock::Timeout=60'];

const say = (line) => process.stderr.write(`ensure-chromium: ${line}\n`);

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The first chromium on PATH (and /usr/bin, in case PATH is bare), or undefined.
 * ESPLAN_CHROMIUM_DIRS (a PATH-like list) replaces where it looks: the script's own test uses it.
 */
function findChromium() {
  const override = process.env.ESPLAN_CHROMIUM_DIRS;
  const dirs = override !== undefined ? override.split(delimiter).filter(Boolean) : [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin'];
  for (const dir of dirs) for (const name of NAMES) if (executable(join(dir, name))) return join(dir, name);
  return undefined;
}

function run(cmd, args, timeout) {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    timeout,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').slice(-3).join(' | ');
  return { ok: r.status === 0, why: r.error ? `${r.error.code ?? r.error.message}` : `exit ${r.status ?? r.signal}: ${tail}` };
}

/** How to run apt-get as root: directly, through passwordless sudo, or not at all (with why). */
function asRoot() {
  if (typeof process.getuid === 'function' && process.getuid() === 0) return { prefix: [] };
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 10_000 });
  if (sudo.status === 0) return { prefix: ['sudo', '-n'] };
  return { why: 'not root, and sudo -n is not available (a password would be needed)' };
}

function main() {
  const found = findChromium();
  if (found) {
    process.stdout.write(`${found}\n`);
    return;
  }
  if (process.env.ESPLAN_NO_CHROMIUM_INSTALL) {
    say('chromium is not installed and ESPLAN_NO_CHROMIUM_INSTALL is set: not installing it');
    return;
  }
  if (!['/usr/bin/apt-get', '/bin/apt-get'].some(executable)) {
    say('chromium is not installed and there is no apt-get here (not Debian or Ubuntu): install chromium by hand to run the browser test');
    return;
  }
  const root = asRoot();
  if (!root.prefix) {
    say(`chromium is not installed and cannot be: ${root.why}; run apt-get install -y chromium as root`);
    return;
  }
  const apt = (args, timeout) => {
    const [cmd, ...rest] = [...root.prefix, 'apt-get', ...APT_OPTIONS, ...args];
    return run(cmd, rest, timeout);
  };
  say('chromium is not installed: apt-get install -y chromium');
  let install = apt(['install', '-y', 'chromium'], INSTALL_TIMEOUT_MS);
  if (!install.ok) {
    // A fresh container has no package lists yet.
    say(`install failed (${install.why}); apt-get update, then once more`);
    const update = apt(['update'], UPDATE_TIMEOUT_MS);
    if (!update.ok) {
      say(`apt-get update failed (${update.why}): the package mirrors look unreachable, chromium not installed`);
      return;
    }
    install = apt(['install', '-y', 'chromium'], INSTALL_TIMEOUT_MS);
  }
  const now = findChromium();
  if (install.ok && now) {
    say(`installed ${now}`);
    process.stdout.write(`${now}\n`);
  } else {
    say(`chromium not installed: ${install.ok ? 'apt-get succeeded but no chromium binary is on PATH' : install.why}`);
  }
}

main();
