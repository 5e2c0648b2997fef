import { InvalidArgumentError } from 'commander';

/** commander parser for a finite, non-negative number flag. */
export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number of 0 or more, got "${value}"`);
  return n;
}
