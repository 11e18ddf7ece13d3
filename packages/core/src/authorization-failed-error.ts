import { ToolgrantError } from './toolgrant-error.js';

// The user's authorization flow ended in `failed` (declined consent, provider error). Waiting
// longer cannot help; a new `runTool` call starts a new flow.

const marker = 'toolgrant.error.AuthorizationFailedError';
const symbol = Symbol.for(marker);

/**
 * The user's authorization flow failed (declined consent, provider error); a new `runTool` starts a new one.
 */
export class AuthorizationFailedError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly authorizationId: string;

  constructor({ authorizationId }: { authorizationId: string }) {
    super({
      name: 'AuthorizationFailedError',
      message: `Authorization '${authorizationId}' failed: the user declined or the provider returned an error. Run the tool again to start a new authorization.`,
    });
    this.authorizationId = authorizationId;
  }

  static override isInstance(error: unknown): error is AuthorizationFailedError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
