import { ToolgrantError } from '@toolgrant/core';

// An invoke request that breaks the execute-tool request schema. `problems` name each field
// (`tool.version`, `context.user_id`, an unknown top-level field) and what it must be.

const marker = 'toolgrant.error.InvalidExecuteToolRequestError';
const symbol = Symbol.for(marker);

/** An invoke request that breaks the execute-tool request schema, with each problem named. */
export class InvalidExecuteToolRequestError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly problems: readonly string[];

  constructor({ problems }: { problems: readonly string[] }) {
    super({
      name: 'InvalidExecuteToolRequestError',
      message: `The execute-tool request is invalid: ${problems.join('; ')}. Send a body that matches the Arcade execute-tool request schema.`,
    });
    this.problems = problems;
  }

  static override isInstance(error: unknown): error is InvalidExecuteToolRequestError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
