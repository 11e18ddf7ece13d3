import { ToolgrantError } from '@toolgrant/core';

const marker = 'toolgrant.error.TokenRefreshTimeoutError';
const symbol = Symbol.for(marker);

/** The provider did not answer a token refresh within the caller's wait; the refresh goes on. */
export class TokenRefreshTimeoutError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly providerId: string;

  constructor({ providerId, answerMs }: { providerId: string; answerMs: number }) {
    super({
      name: 'TokenRefreshTimeoutError',
      message: `The provider '${providerId}' did not answer the token refresh within ${answerMs < 1000 ? `${answerMs} ms` : `${Math.round(answerMs / 1000)} s`}. The engine keeps waiting for its answer and saves it when it comes; try again in a minute.`,
    });
    this.providerId = providerId;
  }

  static override isInstance(error: unknown): error is TokenRefreshTimeoutError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
