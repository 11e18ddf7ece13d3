import { ToolgrantError } from './toolgrant-error.js';

// The engine answered 2xx with something that is not the Arcade v1 shape core relies on.

const marker = 'toolgrant.error.UnexpectedResponseError';
const symbol = Symbol.for(marker);

/** The engine answered 2xx with something that is not the Arcade v1 shape. */
export class UnexpectedResponseError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly operation: string;

  constructor({ operation, problem }: { operation: string; problem: string }) {
    super({
      name: 'UnexpectedResponseError',
      message: `${operation} got a response that is not Arcade v1: ${problem}. Check that the client baseURL points at an Arcade-compatible engine.`,
    });
    this.operation = operation;
  }

  static override isInstance(error: unknown): error is UnexpectedResponseError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
