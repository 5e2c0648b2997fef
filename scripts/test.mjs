#!/usr/bin/env node
// The one test command (npm test): build, typecheck, lint, then the whole vitest suite.
// It ends with the plain line "N passed, N failed" that CI reads; the build, typecheck and lint
// each count as one check so a type or lint error can never hide behind green tests.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const resultsFile = '.vitest-results.json';
let passed = 0;
let failed = 0;
let skipped = 0;

function step(name, cmd, args) {
  process.stderr.write(`\n== ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  const ok = r.status === 0;
  if (ok) passed += 1;
  else failed += 1;
  process.stderr.write(`== ${name}: ${ok ? 'ok' : 'FAILED'}\n`);
  return ok;
}

const npx = 'npx';
// The build is tsc and then the bundle bin/esplan.js runs (scripts/bundle.mjs): the same as npm run build.
const built = step('build', 'npm', ['run', '--silent', 'build']);
step('typecheck', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']);
step('lint', npx, ['eslint', '.']);

if (built) {
  rmSync(resultsFile, { force: true });
  process.stderr.write('\n== tests: vitest run\n');
  const r = spawnSync(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`], {
    stdio: 'inherit',
  });
  let counted = false;
  try {
    const report = JSON.parse(readFileSync(resultsFile, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    // A suite that fails to load has no tests to count; count it so it cannot pass silently.
    for (const suite of report.testResults ?? []) {
      if (suite.status === 'failed' && suite.assertionResults.length === 0) failed += 1;
    }
    counted = true;
  } catch {
    // fall through: no report means vitest itself broke
  }
  if (!counted || (r.status !== 0 && failed === 0)) failed += 1;
} else {
  failed += 1; // the suite could not run against a broken build
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
