import { KhabarError } from '../core/errors.ts';
import type { UpsertResult } from './types.ts';

/**
 * A batch write in which some articles were stored and some were not. `outcomes` lines up with the
 * input: an UpsertResult for each stored article, an Error (InputError: rejected; other: retryable) for
 * each one that was not. Drivers use it to count each article's disposition exactly once.
 */
export class PartialWriteError extends KhabarError {
  readonly outcomes: (UpsertResult | Error)[];
  constructor(code: string, message: string, outcomes: (UpsertResult | Error)[]) {
    super(code, message);
    this.outcomes = outcomes;
  }
}
