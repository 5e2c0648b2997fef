import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-cli.js';

// A plan where a workload belongs, and the other way round: one line that says so and what to run,
// instead of a dozen "not a known key" or zod messages.
describe('a plan given as a workload, a workload given as a plan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esplan-kind-'));

  it('validate and recommend name a plan file as a plan', async () => {
    const plan = join(dir, 'plan.json');
    writeFileSync(plan, (await runInProcess(['recommend', '--json'])).stdout);
    for (const args of [['validate', plan], ['recommend', '--workload', plan, '--json']]) {
      const r = await runInProcess(args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([
        `error: ${plan}: is a plan (esplan recommend --json or apply --plan-out output), not a workload file (fix: give the workload file the plan was made from (the plan repeats it under "workload"), or apply the plan with esplan apply FILE)`,
      ]);
    }
  });

  it('apply FILE names a workload file as a workload and gives the --workload command', async () => {
    const r = await runInProcess(['apply', 'examples/rag-assistant.yaml', '--url', 'https://localhost:9200']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'error: examples/rag-assistant.yaml: is a workload file, not a plan (fix: esplan apply --workload examples/rag-assistant.yaml --url https://host:9200)',
    ]);
  });

  it('apply FILE with a broken plan lists what is missing in the workload wording, then what the file should be', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ esplan_version: '1.0.0', sizing: {} }));
    const r = await runInProcess(['apply', broken, '--url', 'https://localhost:9200']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(`error: ${broken}: format_version: is required (fix: add format_version: 1)`);
    expect(lines).toContain(`error: ${broken}: workload: is required (fix: add workload)`);
    expect(lines).toHaveLength(6); // the first 5 problems, then the summary line
    expect(lines.at(-1)).toMatch(/is neither a saved apply plan \(--plan-out\) nor a plan from esplan recommend --json/);
    expect(r.stderr).not.toMatch(/Invalid input/);
  });
});
