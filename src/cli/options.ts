import { InvalidArgumentError } from 'commander';

// Plain decimal only: Number() would also take "0x10", "1e400" (Infinity) and "" (0).
const DECIMAL = /^\d+(\.\d+)?$/;

function decimal(value: string): number | undefined {
  const n = Number(value);
  return DECIMAL.test(value.trim()) && Number.isFinite(n) ? n : undefined;
}

/** commander parser for a finite, non-negative amount such as a monthly budget in US dollars. */
export function nonNegativeNumber(value: string): number {
  const n = decimal(value);
  if (n === undefined) throw new InvalidArgumentError('Expected a number of 0 or more, such as 20000.');
  return n;
}

/** commander parser for a duration in seconds: 0 would time out every request (or none, per client). */
export function positiveSeconds(value: string): number {
  const n = decimal(value);
  if (n === undefined || n <= 0) throw new InvalidArgumentError('Expected a number of seconds above 0, such as 30.');
  return n;
}
