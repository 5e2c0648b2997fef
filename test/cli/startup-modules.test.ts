/**
 * The JSON path stays light: `esplan recommend --json` must not load the Elasticsearch client,
 * the prompt library or the table renderer (issue #7), which only apply, the wizard and table
 * output need. Checked by running the built CLI under loader hooks that record every module.
 */
import { describe, expect, it } from 'vitest';
import { traceModules, HEAVY_PACKAGES } from '../../bench/startup.js';
import { binPath, repoRoot } from '../helpers/run-cli.js';

describe('modules loaded by recommend --json', () => {
  it('loads none of the heavy libraries', () => {
    const report = traceModules(repoRoot, [binPath, 'recommend', '--json']);
    // The trace saw the CLI itself, so an empty heavy list means "not loaded", not "not traced".
    expect(report.esplan_files).toBeGreaterThan(0);
    expect(report.heavy_loaded).toEqual([]);
    for (const pkg of HEAVY_PACKAGES) expect(Object.keys(report.by_package)).not.toContain(pkg);
  });

  it('the trace does see a heavy library when one is loaded', () => {
    // Control: table output needs cli-table3, so the same trace must report it.
    const report = traceModules(repoRoot, [binPath, 'recommend', '--format', 'table']);
    expect(report.heavy_loaded).toContain('cli-table3');
  });
});
