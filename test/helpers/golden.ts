import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';

/**
 * Golden files: reviewed by a person when created or changed. Only UPDATE_GOLDEN=1 writes them;
 * without it a missing golden file fails, so a deleted fixture can never pass by being rewritten.
 * A golden test also asserts at least one figure derived independently (by hand, in a comment),
 * so a golden file written from a wrong renderer cannot be the only thing a test checks.
 */
export function expectGolden(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
