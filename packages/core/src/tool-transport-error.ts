import { ToolgrantError } from './toolgrant-error.js';

// The engine could not be reached or failed on its side (after the client's own retries). This
// is the developer's problem, never a tool result: it is thrown, not shown to the model.

const marker = 'toolgrant.error.ToolTransportError';
const symbol = Symbol.for(marker);

/** Why the engine could not answer: not reachable, timed out, or a 5xx after retries. */
export type ToolTransportFailureReason = 'unreachable' | 'timeout' | 'server_error';

const advice: Record<ToolTransportFailureReason, string> = {
  unreachable:
    'the engine could not be reached. Check that it is running and that the client baseURL points at it.',
  timeout:
    'the engine did not answer in time. Check the engine, or raise the client timeout if the tool is slow.',
  server_error:
    'the engine answered with a server error. Check the engine logs; the request may be retried later.',
};

/**
 * The engine could not be reached or failed on its side; thrown to the developer, never shown to the model.
 */
export class ToolTransportError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly reason: ToolTransportFailureReason;
  readonly operation: string;
  readonly status: number | undefined;

  constructor({
    reason,
    operation,
    status,
    cause,
    advice: adviceOverride,
  }: {
    reason: ToolTransportFailureReason;
    operation: string;
    status?: number;
    cause?: unknown;
    /** What to check, where the default (about the engine) does not fit: an MCP server. */
    advice?: string;
  }) {
    const statusText = status === undefined ? '' : ` (HTTP ${status})`;
    super({
      name: 'ToolTransportError',
      message: `${operation} failed${statusText}: ${adviceOverride ?? advice[reason]}`,
      cause,
    });
    this.reason = reason;
    this.operation = operation;
    this.status = status;
  }

  static override isInstance(error: unknown): error is ToolTransportError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
