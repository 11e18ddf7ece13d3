import { ToolgrantError } from '@toolgrant/core';
import type { ErrorEnvelope } from './http/error-envelope.js';

// What the in-process client throws for a non-2xx answer, shaped like the official client's
// errors: a numeric `status` (core classifies by it: 403 authorization required, other 4xx a
// bad request, 5xx a failing engine), the message `${status} ${envelope message}`, and the
// official client's class name as `name` (PermissionDeniedError for a 403, ...).

const marker = 'toolgrant.error.EngineClientError';
const symbol = Symbol.for(marker);

const officialNames: Record<number, string> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  403: 'PermissionDeniedError',
  404: 'NotFoundError',
  409: 'ConflictError',
  422: 'UnprocessableEntityError',
  429: 'RateLimitError',
};

/** A non-2xx answer to the in-process client, with the HTTP status and the error envelope. */
export class EngineClientError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly status: number;
  /** The envelope's machine-readable reason, for example `tool_not_found`. */
  readonly code: string | undefined;
  /** The answer's JSON body, as the official client keeps it in `error`. */
  readonly error: Partial<ErrorEnvelope> | undefined;

  constructor({ status, body }: { status: number; body: unknown }) {
    const envelope =
      typeof body === 'object' && body !== null ? (body as Partial<ErrorEnvelope>) : undefined;
    const message =
      typeof envelope?.message === 'string'
        ? envelope.message
        : `The engine answered HTTP ${status} without an error message.`;
    super({
      name: officialNames[status] ?? (status >= 500 ? 'InternalServerError' : 'APIError'),
      message: `${status} ${message}`,
    });
    this.status = status;
    this.code = typeof envelope?.code === 'string' ? envelope.code : undefined;
    this.error = envelope;
  }

  static override isInstance(error: unknown): error is EngineClientError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
