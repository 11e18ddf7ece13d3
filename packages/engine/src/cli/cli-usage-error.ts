import { ToolgrantError } from '@toolgrant/core';

// The command line was wrong: an unknown command or option, or a missing value. The CLI
// prints the message and the command's usage, and exits with status 2.

const marker = 'toolgrant.error.CliUsageError';
const symbol = Symbol.for(marker);

/** The command line was wrong; the CLI prints the message and usage and exits with status 2. */
export class CliUsageError extends ToolgrantError {
  protected readonly [symbol] = true;
  /** The usage text of the command that was misused. */
  readonly usage: string;

  constructor({ message, usage }: { message: string; usage: string }) {
    super({ name: 'CliUsageError', message });
    this.usage = usage;
  }

  static override isInstance(error: unknown): error is CliUsageError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
