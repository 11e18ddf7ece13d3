import { ToolgrantError } from './toolgrant-error.js';

// Named `AbortError` like the DOM's, so frameworks that check `error.name === 'AbortError'`
// treat a cancelled tool call as a cancellation. The signal's reason is kept as the cause.

const marker = 'toolgrant.error.OperationAbortedError';
const symbol = Symbol.for(marker);

/** The caller's `AbortSignal` cancelled the operation; named `AbortError` like the DOM's. */
export class OperationAbortedError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly operation: string;

  constructor({ operation, cause }: { operation: string; cause?: unknown }) {
    super({
      name: 'AbortError',
      message: `${operation} was aborted by its signal.`,
      cause,
    });
    this.operation = operation;
  }

  static override isInstance(error: unknown): error is OperationAbortedError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
