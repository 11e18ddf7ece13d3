import { ToolgrantError } from '@toolgrant/core';

// The engine was asked to do something its lifecycle does not allow at that moment: listen
// while it is already listening, or after it was closed. A mistake in the calling code, not
// in the configuration.

const marker = 'toolgrant.error.EngineLifecycleError';
const symbol = Symbol.for(marker);

/** `listen` was called on an engine already listening, or already closed. */
export class EngineLifecycleError extends ToolgrantError {
  protected readonly [symbol] = true;
  /** What the engine was asked to do. */
  readonly operation: 'listen';
  /** Why it could not: it is listening already, or it was closed. */
  readonly state: 'listening' | 'closed';

  constructor({
    operation,
    state,
    url,
  }: {
    operation: 'listen';
    state: 'listening' | 'closed';
    /** Where the engine listens, when `state` is `listening`. */
    url?: string | undefined;
  }) {
    super({
      name: 'EngineLifecycleError',
      message:
        state === 'listening'
          ? `engine.${operation}() was called, but the engine is already listening at ${url}; call listen once per engine.`
          : `engine.${operation}() was called after engine.close(); create a new engine to listen again.`,
    });
    this.operation = operation;
    this.state = state;
  }

  static override isInstance(error: unknown): error is EngineLifecycleError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
