/**
 * The README's "What you get" block is what `esplan recommend` prints today at an 80-column
 * terminal, byte for byte: a change that moves the built-in example's plan fails here until the
 * README is regenerated (issue #11: "the README's sample output and figures are regenerated").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runInProcess } from '../helpers/run-cli.js';

const README = readFileSync(join(repoRoot, 'README.md'), 'utf8');

function sampleBlock(): string {
  const section = README.slice(README.indexOf('## What you get'));
  const m = /```text\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('README has no text block under "What you get"');
  return m[1]!;
}

describe('README sample output', () => {
  it('is the built-in example as recommend prints it at 80 columns', async () => {
    const r = await runInProcess(['recommend'], { columns: 80 });
    expect(r.code, r.stderr).toBe(0);
    expect(sampleBlock()).toBe(r.stdout);
  });

  it('its prose quotes the figures the sample shows', () => {
    const sample = sampleBlock();
    // Each figure the paragraph after the block cites, found in the block itself.
    for (const figure of ['15 x c8gd.8xlarge', '$18,882.70', '21.1 of 24 search threads', '455.2', '227.6', '198.2 GiB', '$1,716.61', '70.2 ms', '20.5 ms']) {
      expect(sample, figure).toContain(figure);
    }
    const prose = README.slice(README.indexOf('Search CPU sets this tier:'), README.indexOf('`--explain` then shows every'));
    for (const figure of ['$1,716.61', '455.2', '227.6', '198.2 GiB', '21.1 of its 24 search threads', '70.2 ms', '20.5 ms']) expect(prose, figure).toContain(figure);
  });
});
