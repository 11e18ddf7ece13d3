import { ToolgrantError } from '@toolgrant/core';

const marker = 'toolgrant.error.DecryptionFailedError';
const symbol = Symbol.for(marker);

/**
 * A stored value did not decrypt: it was altered, moved to another row, or written under
 * another key. Raised instead of returning garbage.
 */
export class DecryptionFailedError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly context: string;

  constructor({ context, problem, cause }: { context: string; problem: string; cause?: unknown }) {
    super({
      name: 'DecryptionFailedError',
      message:
        `The stored value for ${context} could not be decrypted: ${problem}. The database was ` +
        'altered or the value was written under another key; re-authorize or set the value again.',
      cause,
    });
    this.context = context;
  }

  static override isInstance(error: unknown): error is DecryptionFailedError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
