import { ToolgrantError } from '@toolgrant/core';

// Thrown while a tool or toolkit is being defined, so that a mistake fails at start-up with
// the tool and field named, not at the first call.

const marker = 'toolgrant.error.ToolDefinitionError';
const symbol = Symbol.for(marker);

/** A tool or toolkit definition is invalid; thrown at start-up, naming the tool and field. */
export class ToolDefinitionError extends ToolgrantError {
  protected readonly [symbol] = true;

  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ name: 'ToolDefinitionError', message, cause });
  }

  static override isInstance(error: unknown): error is ToolDefinitionError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
