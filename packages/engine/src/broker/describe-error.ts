import { OAuthRequestError } from '../oauth/oauth-request-error.js';
import { OAuthTokenError } from '../oauth/oauth-token-error.js';

/** An error as far as it is safe to log. */
export function describeError(error: unknown): string {
  // The OAuth helpers' messages name provider, operation and code only, never a secret.
  if (OAuthTokenError.isInstance(error) || OAuthRequestError.isInstance(error)) {
    return error.message;
  }
  return error instanceof Error ? error.name : 'unknown error';
}
