import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runInProcess } from '../helpers/run-cli.js';

describe('recommend --compare honours --format', () => {
  it('--format yaml gives YAML holding the same document as --json', async () => {
    const json = await runInProcess(['recommend', '--compare', 'index-types', '--json']);
    const yaml = await runInProcess(['recommend', '--compare', 'index-types', '--format', 'yaml']);
    expect(yaml.code).toBe(0);
    // Block YAML, not JSON passed off as YAML.
    expect(yaml.stdout.startsWith('compare: index-types\n')).toBe(true);
    expect(parse(yaml.stdout)).toEqual(JSON.parse(json.stdout));
  });
});
