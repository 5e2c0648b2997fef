import { InvalidArgumentError } from 'commander';

// Plain decimal only: Number() would also take "0x10", "1e400" (Infinity) and "" (0).
const DECIMAL = /^\d+(\.\d+)?$/;

/** commander parser for a finite, non-negative amount such as a monthly budget in US dollars. */
export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (!DECIMAL.test(value.trim()) || !Number.isFinite(n)) {
    throw new InvalidArgumentError('Expected a number of 0 or more, such as 20000.');
  }
  return n;
}
