import { isPaceError, type PaceError } from '../../src/index.js';

/** Runs `fn` and returns the PaceError it throws; fails the test if it throws nothing or something else. */
export function thrownPaceError(fn: () => unknown): PaceError {
  try {
    fn();
  } catch (e) {
    if (isPaceError(e)) return e;
    throw e;
  }
  throw new Error('expected a PaceError');
}
