import { UserError, type Problem } from '../../src/model/problems.js';

/** Runs `fn` and returns the UserError it throws; fails the test on anything else. */
export function userErrorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

/** The message of the UserError `fn` throws (one line per problem). */
export function userErrorMessage(fn: () => unknown): string {
  return userErrorOf(fn).message;
}

/** The problems of the UserError `fn` throws. */
export function userErrorProblems(fn: () => unknown): readonly Problem[] {
  return userErrorOf(fn).problems;
}
