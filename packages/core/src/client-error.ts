import { OperationAbortedError } from './operation-aborted-error.js';
import type { ToolClient } from './tool-client.js';
import { ToolRequestError } from './tool-request-error.js';
import { ToolTransportError } from './tool-transport-error.js';
import { ToolgrantError } from './toolgrant-error.js';

// What the client threw, by HTTP status, never by message text. The official client's errors
// all carry a `status` property: a number for an HTTP answer, `undefined` for a connection
// failure or timeout. Anything else is not a transport failure and is rethrown as it is.

/** The HTTP status of a client error, or undefined when there was no HTTP answer. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}

function isConnectionFailure(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'status' in error && error.status === undefined
  );
}

// The official client sets no `name` on its errors, and class names do not survive minification.
// It exposes its error classes, typed, on its constructor (`Arcade.APIConnectionTimeoutError`);
// the error came from that very client, so its class is from the same copy of the package.
// An error named `TimeoutError` (the DOMException of `AbortSignal.timeout`) is a timeout too.
function isTimeout(error: unknown, client: ToolClient): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError') return true;
  const timeoutClass: unknown = (client.constructor as { APIConnectionTimeoutError?: unknown })
    .APIConnectionTimeoutError;
  return typeof timeoutClass === 'function' && error instanceof timeoutClass;
}

/** The error to throw to the developer for a failed client call. */
export function toDeveloperError({
  client,
  error,
  operation,
  signal,
}: {
  /** The client that threw. */
  client: ToolClient;
  error: unknown;
  operation: string;
  signal?: AbortSignal | undefined;
}): unknown {
  if (signal?.aborted) return new OperationAbortedError({ operation, cause: signal.reason });
  if (ToolgrantError.isInstance(error)) return error;
  const status = statusOf(error);
  if (status !== undefined) {
    if (status >= 500) {
      return new ToolTransportError({ reason: 'server_error', operation, status, cause: error });
    }
    return new ToolRequestError({ status, operation, cause: error });
  }
  if (isConnectionFailure(error)) {
    const reason = isTimeout(error, client) ? 'timeout' : 'unreachable';
    return new ToolTransportError({ reason, operation, cause: error });
  }
  return error;
}
