import { ToolgrantError } from '@toolgrant/core';
import { OAuthRequestError } from '../oauth/oauth-request-error.js';
import { OAuthTokenError } from '../oauth/oauth-token-error.js';
import { safeErrorCode } from '../oauth/safe-error-code.js';

// The caller gets our words only; what the provider said (redacted) goes to the engine log.

const marker = 'toolgrant.error.TokenRefreshFailedError';
const symbol = Symbol.for(marker);

/** Refreshing an access token at the provider failed (refused, unreachable or broken). */
export class TokenRefreshFailedError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly providerId: string;

  constructor({ providerId, cause }: { providerId: string; cause: unknown }) {
    super({
      name: 'TokenRefreshFailedError',
      message: OAuthTokenError.isInstance(cause)
        ? `Provider '${providerId}' rejected the token refresh with '${safeErrorCode(cause.code)}' (HTTP ${cause.status}); try again later. If it keeps failing, the engine's operator finds the details in the engine log.`
        : OAuthRequestError.isInstance(cause)
          ? cause.message
          : `Refreshing the access token at '${providerId}' failed; try again. The engine log has the details.`,
      cause,
    });
    this.providerId = providerId;
  }

  static override isInstance(error: unknown): error is TokenRefreshFailedError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
