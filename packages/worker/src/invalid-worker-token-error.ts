import { ToolgrantError } from '@toolgrant/core';

// A request to a worker carried no usable token. `error` is the RFC 6750 error code the
// worker answers with in `WWW-Authenticate`; the message never contains the token or secret.

const marker = 'toolgrant.error.InvalidWorkerTokenError';
const symbol = Symbol.for(marker);

/** The RFC 6750 error code a worker answers a bad token with. */
export type WorkerTokenErrorCode = 'invalid_request' | 'invalid_token';

/** A request to a worker carried no usable token. */
export class InvalidWorkerTokenError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly error: WorkerTokenErrorCode;

  constructor({ message, error }: { message: string; error: WorkerTokenErrorCode }) {
    super({ name: 'InvalidWorkerTokenError', message });
    this.error = error;
  }

  static override isInstance(error: unknown): error is InvalidWorkerTokenError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
