/**
 * One fast-check seed for the whole suite, so no property runs with a random seed in CI.
 *
 * Loaded twice by vitest.config.ts:
 * - as a setup file in every test worker, where it sets the seed with `fc.configureGlobal`: every
 *   `fc.assert` without a seed of its own uses it; a seed given in the call still wins (fast-check
 *   reads the global settings first, then the call's parameters);
 * - as the global setup, where its default export prints the seed once per run.
 * A failing property prints the seed and path that reproduce it (fast-check's failure message);
 * FC_SEED=<integer> npm test reruns the unseeded properties with another seed.
 */
import fc from 'fast-check';

/** The suite's default seed (a date, nothing more): change it deliberately, like any test input. */
const DEFAULT_SEED = 20261203;

/** The seed FC_SEED asks for: its integer, or the default when unset or blank. */
export function seedFrom(env: string | undefined): number {
  if (env === undefined || env.trim() === '') return DEFAULT_SEED;
  const seed = Number(env);
  // fast-check takes a 32-bit integer seed.
  if (!Number.isInteger(seed) || Math.abs(seed) > 2 ** 31 - 1) throw new Error(`FC_SEED must be a 32-bit integer, got "${env}"`);
  return seed;
}

/** The seed of this run (FC_SEED or the default). */
export function fastCheckSeed(): number {
  return seedFrom(process.env.FC_SEED);
}

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: fastCheckSeed() });

export default function printSeed(): void {
  process.stderr.write(`fast-check seed ${fastCheckSeed()} for properties without their own (FC_SEED to change)\n`);
}
