import { ToolgrantError } from '@toolgrant/core';

const marker = 'toolgrant.error.UnstorableTextError';
const symbol = Symbol.for(marker);

/**
 * A text value the databases cannot keep exactly: a lone UTF-16 surrogate (stored as U+FFFD,
 * so two ids would become one) or NUL (PostgreSQL refuses it). The value is not repeated.
 */
export class UnstorableTextError extends ToolgrantError {
  protected readonly [symbol] = true;

  constructor({ problem }: { problem: string }) {
    super({
      name: 'UnstorableTextError',
      message: `The store refused a text value that ${problem}: it could not be kept exactly as given. Ids and other text must be well-formed Unicode without NUL characters; the engine's HTTP API refuses such values with a 400 before they reach the store.`,
    });
  }

  static override isInstance(error: unknown): error is UnstorableTextError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
