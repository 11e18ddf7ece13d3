import { ToolgrantError } from './toolgrant-error.js';

// The engine refused a request with a 4xx status that core has no outcome for (a bad API key,
// an unknown tool, a rate limit on the engine itself...). Thrown to the developer: it says
// something about the setup, not about what the model asked for.

const marker = 'toolgrant.error.ToolRequestError';
const symbol = Symbol.for(marker);

function adviceFor(status: number): string {
  if (status === 401) return 'Check the API key the client was created with.';
  if (status === 403) return 'The API key is not allowed to do this; check its permissions.';
  if (status === 404) return 'Check the tool name and that the engine serves its toolkit.';
  if (status === 429) return 'The engine is rate limiting this client; slow down and retry later.';
  return 'Check the request against the engine version you are running.';
}

/** The engine refused a request with a 4xx status core has no outcome for; `status` says which. */
export class ToolRequestError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly status: number;
  readonly operation: string;

  constructor({
    status,
    operation,
    cause,
  }: {
    status: number;
    operation: string;
    cause?: unknown;
  }) {
    super({
      name: 'ToolRequestError',
      message: `${operation} was refused by the engine with HTTP ${status}. ${adviceFor(status)}`,
      cause,
    });
    this.status = status;
    this.operation = operation;
  }

  static override isInstance(error: unknown): error is ToolRequestError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
