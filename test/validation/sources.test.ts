/** docs/validation.md and the tests must cite the same files and commits. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOURCES } from './sources.js';

describe('validation sources', () => {
  const doc = readFileSync(new URL('../../docs/validation.md', import.meta.url), 'utf8');
  for (const [key, source] of Object.entries(SOURCES)) {
    it(`docs/validation.md cites ${key}`, () => {
      const commit = /@ ([0-9a-f]{8})/.exec(source)?.[1];
      const path = /^\S+ (\S+)/.exec(source)?.[1];
      expect(doc).toContain(path!.split('/').at(-1)!);
      if (commit) expect(doc).toContain(commit);
    });
  }
});
