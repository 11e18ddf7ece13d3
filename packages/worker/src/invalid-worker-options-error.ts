import { ToolgrantError } from '@toolgrant/core';

// createWorkerHandler / serveWorker got options it cannot serve; names the option and the fix.

const marker = 'toolgrant.error.InvalidWorkerOptionsError';
const symbol = Symbol.for(marker);

/** `createWorkerHandler` or `serveWorker` got options it cannot serve. */
export class InvalidWorkerOptionsError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly option: string;

  constructor({ option, message }: { option: string; message: string }) {
    super({ name: 'InvalidWorkerOptionsError', message });
    this.option = option;
  }

  static override isInstance(error: unknown): error is InvalidWorkerOptionsError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
