import { ToolgrantError } from '@toolgrant/core';

// completeConsent could not finish the flow the way a user would: the provider showed an error
// page, rejected the login, or never redirected back.

const marker = 'toolgrant.error.ConsentFlowError';
const symbol = Symbol.for(marker);

/** `completeConsent` could not finish the flow the way a user would. */
export class ConsentFlowError extends ToolgrantError {
  protected readonly [symbol] = true;
  /** The URL of the step that failed (without credentials). */
  readonly url: string;
  readonly status: number | undefined;

  constructor({ message, url, status }: { message: string; url: string; status?: number }) {
    super({ name: 'ConsentFlowError', message });
    this.url = url;
    this.status = status;
  }

  static override isInstance(error: unknown): error is ConsentFlowError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
