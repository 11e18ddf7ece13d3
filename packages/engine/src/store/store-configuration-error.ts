import { ToolgrantError } from '@toolgrant/core';

const marker = 'toolgrant.error.StoreConfigurationError';
const symbol = Symbol.for(marker);

/** `openStore` was not told where to keep data, or was given a database URL it cannot use. */
export class StoreConfigurationError extends ToolgrantError {
  protected readonly [symbol] = true;

  constructor({ message }: { message: string }) {
    super({ name: 'StoreConfigurationError', message });
  }

  static override isInstance(error: unknown): error is StoreConfigurationError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
