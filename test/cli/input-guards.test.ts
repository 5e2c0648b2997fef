/** In-process checks of the input guards' edges, which the spawned-CLI corpus cannot see. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDuplicateJsonKeys } from '../../src/cli/json-duplicate-keys.js';
import { parseTextDocument } from '../../src/cli/parse-text-document.js';
import { readUserFile } from '../../src/data/read-user-file.js';
import { displayText, displayValue } from '../../src/model/display-text.js';
import { repoRoot } from '../helpers/run-cli.js';
import { userErrorMessage } from '../helpers/user-error.js';

const problemOf = userErrorMessage;

describe('parsing a hostile document', () => {
  it('keeps __proto__ and constructor as plain keys, never touching Object.prototype', () => {
    const file = join(repoRoot, 'test/fixtures/bad/proto-keys.yaml');
    const doc = parseTextDocument(readFileSync(file), file, 'workload');
    expect(Object.hasOwn(doc, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the size limit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esplan-guards-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes a file of exactly the limit and refuses one byte more', () => {
    const at = join(dir, 'at.yaml');
    const over = join(dir, 'over.yaml');
    writeFileSync(at, 'x'.repeat(100));
    writeFileSync(over, 'x'.repeat(101));
    expect(readUserFile(at, 'workload', 100)).toHaveLength(100);
    expect(problemOf(() => readUserFile(over, 'workload', 100))).toBe(
      `${over}: is 101 bytes; a workload file may be at most 100 bytes (fix: give the path of a workload file; examples/ has some)`,
    );
  });
});

describe('echoing user text', () => {
  it('escapes control characters so a value cannot forge lines or colour the terminal', () => {
    expect(displayText('a\nb')).toBe('"a\\nb"');
    expect(displayText('\u001b[31mred')).toBe('"\\u001b[31mred"');
    expect(displayText('plain/path.yaml')).toBe('plain/path.yaml');
  });

  it('cuts long text and says how long it was', () => {
    // 60 characters kept, then an ellipsis and the full length.
    expect(displayValue('y'.repeat(1000))).toBe(`"${'y'.repeat(60)}… (1000 characters)"`);
    expect(displayValue(42)).toBe('42');
    expect(displayValue([1, 2])).toBe('[1,2]');
  });
});

describe('duplicate keys in JSON', () => {
  it('finds a repeated key per object, not across objects or inside strings', () => {
    // Each object in the list has its own keys; the string values contain quotes, braces and commas.
    const text = '{"a": [{"k": 1}, {"k": "x\\"}, {\\"k\\": 2"}], "b": {"k": 1, "k": 2}, "a": 3}';
    // Counting from 0: the second "k" of b opens at 58, the second "a" at 67.
    expect(findDuplicateJsonKeys(text)).toEqual([
      { key: 'k', offset: 58 },
      { key: 'a', offset: 67 },
    ]);
  });

  it('compares keys after unescaping ("\\u0061" is "a")', () => {
    expect(findDuplicateJsonKeys('{"a": 1, "\\u0061": 2}')).toEqual([{ key: 'a', offset: 9 }]);
  });
});
