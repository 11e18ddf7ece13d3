import { ToolgrantError } from './toolgrant-error.js';

const marker = 'toolgrant.error.AuthorizationTimeoutError';
const symbol = Symbol.for(marker);

/** The user did not finish authorizing within `timeoutMs`. */
export class AuthorizationTimeoutError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly authorizationId: string;
  readonly timeoutMs: number;

  constructor({
    authorizationId,
    timeoutMs,
    cause,
  }: {
    authorizationId: string;
    timeoutMs: number;
    cause?: unknown;
  }) {
    super({
      name: 'AuthorizationTimeoutError',
      message: `Authorization '${authorizationId}' was not completed within ${timeoutMs} ms. Wait again with the same authorization, or pass a larger timeoutMs.`,
      cause,
    });
    this.authorizationId = authorizationId;
    this.timeoutMs = timeoutMs;
  }

  static override isInstance(error: unknown): error is AuthorizationTimeoutError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
