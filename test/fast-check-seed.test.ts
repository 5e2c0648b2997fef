/**
 * The suite-wide fast-check seed (test/support/fast-check-seed.ts, loaded by vitest.config.ts as a
 * setup file): properties without a seed of their own are reproducible, and an explicit seed wins.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastCheckSeed, seedFrom } from './support/fast-check-seed.js';

/** The values a property sees over `numRuns` runs, with the given extra parameters. */
function seen(params: fc.Parameters<[number]>): number[] {
  const out: number[] = [];
  fc.assert(
    fc.property(fc.integer(), (n) => {
      out.push(n);
    }),
    { numRuns: 20, ...params },
  );
  return out;
}

describe('fast-check seed', () => {
  it('is set globally in every worker', () => {
    expect(fc.readConfigureGlobal().seed).toBe(fastCheckSeed());
  });

  it('makes a property without its own seed see the same values every time', () => {
    expect(seen({})).toEqual(seen({}));
    // the same values as an explicit run with the global seed
    expect(seen({})).toEqual(seen({ seed: fastCheckSeed() }));
  });

  it('lets a seed given in the call win over the global one', () => {
    const other = fastCheckSeed() + 1;
    expect(seen({ seed: other })).toEqual(fc.sample(fc.integer(), { seed: other, numRuns: 20 }));
    expect(seen({ seed: other })).not.toEqual(seen({}));
  });

  it('reads FC_SEED as a 32-bit integer, with a fixed default', () => {
    expect(seedFrom(undefined)).toBe(20261203);
    expect(seedFrom('')).toBe(20261203);
    expect(seedFrom('42')).toBe(42);
    expect(seedFrom('-7')).toBe(-7);
    expect(() => seedFrom('abc')).toThrow(/FC_SEED must be a 32-bit integer, got "abc"/);
    expect(() => seedFrom('1.5')).toThrow(/FC_SEED/);
    expect(() => seedFrom(String(2 ** 31))).toThrow(/FC_SEED/);
  });
});
