import { ToolgrantError } from '@toolgrant/core';

// The engine was configured wrongly (no API keys, a toolkit served twice, ...). Thrown when
// the app is created, so a mistake fails at start-up rather than on the first request.

const marker = 'toolgrant.error.InvalidEngineOptionsError';
const symbol = Symbol.for(marker);

/** An engine option is wrong (no API keys, a toolkit served twice, ...); thrown at start-up. */
export class InvalidEngineOptionsError extends ToolgrantError {
  protected readonly [symbol] = true;
  /** The option at fault, for example `apiKeys`. */
  readonly option: string;

  constructor({ option, message }: { option: string; message: string }) {
    super({ name: 'InvalidEngineOptionsError', message });
    this.option = option;
  }

  static override isInstance(error: unknown): error is InvalidEngineOptionsError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
