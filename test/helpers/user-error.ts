import { UserError, type Problem } from '../../src/model/problems.js';

/** Runs `fn` and returns the UserError message it throws; fails the test on anything else. */
export function userErrorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err.message;
    throw err;
  }
  throw new Error('expected a UserError');
}

/** Runs `fn` and returns the problems of the UserError it throws; fails the test on anything else. */
export function userErrorProblems(fn: () => unknown): readonly Problem[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err.problems;
    throw err;
  }
  throw new Error('expected a UserError');
}
