/**
 * People-facing output fits the width it is given (Io.columns: the terminal's, else COLUMNS), says
 * the same things as the unlimited layout, and without a width is what it always was.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderExplain } from '../../src/cli/render/explain.js';
import { renderPlan } from '../../src/cli/render/render-plan.js';
import { planSchema, type Plan } from '../../src/model/plan.js';
import { repoRoot, runInProcess, spawnCli } from '../helpers/run-cli.js';

const plan: Plan = planSchema.parse(JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'render', 'plan.json'), 'utf8')));
const examples = readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.yaml')).sort();
const workloads: string[][] = [[], ...examples.map((f) => ['--workload', `examples/${f}`])];
const commands: string[][] = [['recommend'], ['recommend', '--explain'], ['evaluate', '--data', 'r6gd.4xlarge:3']];

// eslint-disable-next-line no-control-regex
const visible = (line: string) => line.replace(/\u001b\[[0-9;]*m/g, '');
const lines = (text: string) => text.split('\n').map(visible);
/** Lines longer than `width` in characters or in UTF-8 bytes (what awk and wc -c count). */
const tooWide = (text: string, width: number) => lines(text).filter((l) => [...l].length > width || Buffer.byteLength(l) > width);

/**
 * Every figure the output shows, counted: words with a digit (sizes, prices, node counts,
 * instance types) and upper-case codes (warning codes), without the table borders and punctuation around them.
 */
function figures(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const raw of visible(text).split(/[\s│┌┐└┘├┤┬┴┼─]+/)) {
    const word = raw.replace(/^[([|+,;:]+|[)\],;:|+.]+$/g, '');
    if (/\d/.test(word) || /^[A-Z][A-Z0-9_]{2,}$/.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

function expectSameFigures(narrow: string, wide: string, label: string): void {
  const have = figures(narrow);
  const missing = [...figures(wide)].filter(([w, n]) => (have.get(w) ?? 0) < n).map(([w, n]) => `${w} x${n} (has ${have.get(w) ?? 0})`);
  expect(missing, label).toEqual([]);
}

/** The text without whitespace: wrapping changes nothing else. */
const squeezed = (text: string) => text.replace(/\s+/g, '');

describe('output within the terminal width, every example', () => {
  for (const workload of workloads) {
    const name = workload[1] ?? 'built-in example';
    for (const command of commands) {
      it(`${command.join(' ')} ${name}: every line within 80 and 60 columns, every figure kept`, async () => {
        const wide = await runInProcess([...command, ...workload]);
        if (wide.code !== 0) {
          // Nothing to lay out (r6gd.4xlarge is an AWS type: the other providers' examples refuse it;
          // whether each example plans is test/recommend/examples.test.ts's business). The width changes nothing.
          const fitted = await runInProcess([...command, ...workload], { columns: 60 });
          expect({ code: fitted.code, stdout: fitted.stdout }).toEqual({ code: wide.code, stdout: '' });
          return;
        }
        for (const width of [80, 60]) {
          const fitted = await runInProcess([...command, ...workload], { columns: width });
          expect(fitted.code, fitted.stderr).toBe(0);
          expect(tooWide(fitted.stdout, width), `${width} columns`).toEqual([]);
          const explainAt = (s: string) => s.indexOf('How each figure was derived');
          if (command.includes('--explain')) {
            // the explain section only re-wraps: every character other than whitespace is kept, in order
            expect(squeezed(fitted.stdout.slice(explainAt(fitted.stdout)))).toBe(squeezed(wide.stdout.slice(explainAt(wide.stdout))));
            expectSameFigures(fitted.stdout.slice(0, explainAt(fitted.stdout)), wide.stdout.slice(0, explainAt(wide.stdout)), `${width}`);
          } else {
            expectSameFigures(fitted.stdout, wide.stdout, `${width}`);
          }
        }
      });
    }
  }

  it('the loop above lays out real plans: recommend, --explain and evaluate run for the AWS examples', async () => {
    for (const workload of [[], ['--workload', 'examples/rag-assistant.yaml'], ['--workload', 'examples/diskbbq-catalog.yaml']]) {
      for (const command of commands) expect((await runInProcess([...command, ...workload])).code, `${command.join(' ')} ${workload.join(' ')}`).toBe(0);
    }
  });

  for (const kind of ['index-types', 'providers']) {
    it(`recommend --compare ${kind}: within 80 and 60 columns, every figure kept`, async () => {
      const wide = await runInProcess(['recommend', '--compare', kind]);
      expect(wide.code, wide.stderr).toBe(0);
      for (const width of [80, 60]) {
        const fitted = await runInProcess(['recommend', '--compare', kind], { columns: width });
        expect(tooWide(fitted.stdout, width)).toEqual([]);
        expectSameFigures(fitted.stdout, wide.stdout, `${width}`);
      }
    });
  }
});

describe('the narrow layouts say what the wide tables say', () => {
  const at60 = renderPlan(plan, 'table', { explain: false, color: false, width: 60 });
  const flat = at60.replace(/\s+/g, ' ');

  it('one sentence per tier, with every column of the tier table', () => {
    // test/fixtures/render/plan.json tiers: data 6 x r6gd.4xlarge, 2 per zone, 16 vCPU, 128 GiB, 950 GB local-nvme,
    // $672.77 per node, $4,036.61 for the tier; master 3 x c8gd.xlarge, unpriced
    expect(flat).toContain('data: 6 x r6gd.4xlarge (2 / 2 / 2 per zone), 16 vCPU, 128 GiB memory, disk 950 GB local-nvme, $672.77 per node / month, $4,036.61 tier / month');
    expect(flat).toContain('master: 3 x c8gd.xlarge (1 / 1 / 1 per zone), 4 vCPU, 8 GiB memory, disk 237 GB local-nvme, unknown per node / month, unknown tier / month');
  });

  it('one labelled sentence per vector field, the RAM band included', () => {
    // fixture: sku_embedding bbq_disk float 768 dims, 1,000,000 vectors, 100 MiB planned in a 100-180 MiB band, 3.26 GiB disk
    expect(flat).toContain('sku_embedding: index type bbq_disk, element float, dims 768, vectors 1,000,000, RAM (one copy) 100.0 MiB (100.0 MiB–180.0 MiB), disk (one copy) 3.26 GiB');
  });

  it('wraps a warning under its text: the code starts the line, the rest hangs by two spaces', () => {
    // "- [SHARD_SIZE_NEAR_LIMIT] shards reach 44.6 GB at the horizon" is 61 columns: "horizon" goes to the next line
    expect(at60).toContain('- [SHARD_SIZE_NEAR_LIMIT] shards reach 44.6 GB at the\n  horizon\n');
  });

  it('keeps key/value tables as tables while they fit, the widest column word-wrapped', () => {
    // keys 34 + 2 padding = 36 ("_source and other fields, one copy"), values 22 + 2 = 24 ("28,515,218 (12 months)"):
    // 36 + 24 + 3 borders = 63 > 60, so the key column gives 3: 33, 31 of text; "copy" goes to the next line
    expect(at60).toContain(`| ${'_source and other fields, one'.padEnd(31)} | ${'279.40 GiB'.padEnd(22)} |\n| ${'copy'.padEnd(31)} | ${''.padEnd(22)} |\n`);
  });

  it('at 80 columns word-wraps the "why not" column instead of cutting it', () => {
    const at80 = renderPlan(plan, 'table', { explain: false, color: false, width: 80 });
    // 80 - 5 borders - 15 - 7 - 11 = 42 for "why not", 40 of text (derivation in fit.test.ts)
    expect(at80).toContain('| c8gd.8xlarge  | 6     | $5,500.50 | costs $1,463.89 more per month | for the |\n');
    expect(at80).not.toContain('…');
  });
});

describe('any width', () => {
  it('every line fits, with or without colour and --explain (fixture plan)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 160 }), fc.boolean(), fc.boolean(), (width, color, explain) => {
        const text = renderPlan(plan, 'table', { explain, color, width });
        expect(tooWide(text, width)).toEqual([]);
      }),
      { seed: 20261203, numRuns: 120 },
    );
  });

  it('--explain keeps every character other than whitespace at any width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 160 }), (width) => {
        expect(squeezed(renderExplain(plan, width))).toBe(squeezed(renderExplain(plan)));
      }),
      { seed: 4242, numRuns: 60 },
    );
  });
});

describe('without a width', () => {
  const golden = (name: string) => readFileSync(join(repoRoot, 'test', 'fixtures', 'render', name), 'utf8');

  it('the table is the golden file: box borders, nothing wrapped', () => {
    expect(renderPlan(plan, 'table', { explain: false, color: false })).toBe(golden('plan.table.txt'));
  });

  it('Markdown is never wrapped, whatever the width', () => {
    expect(renderPlan(plan, 'markdown', { explain: false, color: false, width: 40 })).toBe(golden('plan.markdown.md'));
    expect(renderPlan(plan, 'markdown', { explain: true, color: false, width: 40 })).toBe(renderPlan(plan, 'markdown', { explain: true, color: false }));
  });

  it('the in-process CLI (no columns) prints the wide layout', async () => {
    const r = await runInProcess(['recommend']);
    expect(r.stdout).toContain('┌────────┬');
    expect(lines(r.stdout).some((l) => l.length > 100)).toBe(true);
  });
});

describe('the built binary', () => {
  it('with COLUMNS=80 in the environment and stdout piped, every line is within 80 bytes', () => {
    const r = spawnCli(['recommend'], { env: { COLUMNS: '80' } });
    expect(r.code, r.stderr).toBe(0);
    expect(tooWide(r.stdout, 80)).toEqual([]);
    expect(r.stdout).toContain('Every figure has a source');
    expect(r.stdout).not.toMatch(/[│┌─]/);
  });

  it('without COLUMNS, piped output is as wide as it always was', () => {
    const r = spawnCli(['recommend']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('┌────────┬');
  });
});
