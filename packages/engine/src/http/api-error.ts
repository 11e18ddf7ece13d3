import { ToolgrantError } from '@toolgrant/core';

// An error that chooses its own HTTP answer: the status and a message for the caller, saying
// what to fix. Thrown by routes and by the resolvers behind them; the app turns it into the
// error envelope. The message is shown as it is, so it must never hold a secret.

const marker = 'toolgrant.error.ApiError';
const symbol = Symbol.for(marker);

/** An error that chooses its own HTTP answer: a status and a message saying what to fix. */
export class ApiError extends ToolgrantError {
  protected readonly [symbol] = true;
  /** The HTTP status, 400-599. */
  readonly status: number;
  /** A stable, machine-readable reason, for example `tool_not_found`. */
  readonly code: string;

  constructor({
    status,
    code,
    message,
    cause,
  }: {
    status: number;
    code: string;
    message: string;
    cause?: unknown;
  }) {
    super({ name: 'ApiError', message, cause });
    this.status = status;
    this.code = code;
  }

  static override isInstance(error: unknown): error is ApiError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
