import { ToolgrantError } from '@toolgrant/core';

const marker = 'toolgrant.error.InvalidNextUriError';
const symbol = Symbol.for(marker);

/** An authorization's `next_uri` is not one the engine may send a browser to. */
export class InvalidNextUriError extends ToolgrantError {
  protected readonly [symbol] = true;
  constructor({ problem }: { problem: string }) {
    super({ name: 'InvalidNextUriError', message: `next_uri ${problem}.` });
  }

  static override isInstance(error: unknown): error is InvalidNextUriError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
