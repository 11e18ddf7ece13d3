import { ToolgrantError } from '@toolgrant/core';

// A request to a remote worker that did not produce a usable answer. `reason` is what the
// engine can tell from the outside; the message is for the engine's log and the developer
// (it names the worker and its URL, never the secret or a token).

const marker = 'toolgrant.error.WorkerTransportError';
const symbol = Symbol.for(marker);

/** What the engine can tell from outside about why a worker gave no usable answer. */
export type WorkerTransportFailure =
  /** No connection, or the connection broke before an answer (the worker is down or died). */
  | 'unreachable'
  /** No complete answer within the worker's timeout. */
  | 'timeout'
  /** The caller went away; the request was abandoned. */
  | 'cancelled'
  /** The worker answered with an HTTP error (401: the secrets differ). */
  | 'rejected'
  /** The worker answered 2xx with something that is not what the protocol says. */
  | 'bad_response';

/** A request to a remote worker that did not produce a usable answer. */
export class WorkerTransportError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly workerId: string;
  readonly reason: WorkerTransportFailure;
  /**
   * The connection was refused, so the request never reached the worker: any tool may be
   * tried again without running twice.
   */
  readonly connectionRefused: boolean;
  /** The HTTP status, for `rejected`. */
  readonly status: number | undefined;

  constructor({
    workerId,
    reason,
    message,
    connectionRefused = false,
    status,
    cause,
  }: {
    workerId: string;
    reason: WorkerTransportFailure;
    message: string;
    connectionRefused?: boolean;
    status?: number | undefined;
    cause?: unknown;
  }) {
    super({ name: 'WorkerTransportError', message, cause });
    this.workerId = workerId;
    this.reason = reason;
    this.connectionRefused = connectionRefused;
    this.status = status;
  }

  static override isInstance(error: unknown): error is WorkerTransportError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
