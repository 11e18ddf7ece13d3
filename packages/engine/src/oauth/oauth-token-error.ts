import { ToolgrantError } from '@toolgrant/core';

// The provider answered a token, refresh or revocation request with an OAuth error
// (RFC 6749 §5.2), e.g. `invalid_grant` for a revoked refresh token. The message names the
// provider, the operation and the error code; never the code, tokens or client secret.

const marker = 'toolgrant.error.OAuthTokenError';
const symbol = Symbol.for(marker);

/** The request to a provider's token or revocation endpoint an OAuth error answered. */
export type OAuthOperation = 'code_exchange' | 'refresh' | 'revocation';

/** How messages name each operation. */
export const oauthOperationNames: Record<OAuthOperation, string> = {
  code_exchange: 'authorization code exchange',
  refresh: 'token refresh',
  revocation: 'token revocation',
};

const advice: Record<string, string> = {
  invalid_grant:
    'the code or refresh token is invalid, expired, revoked or was issued to another client; the user has to authorize again.',
  invalid_client:
    'the client id or secret is wrong, or the client authentication method does not match the app registration; check clientId, clientSecret and clientAuthentication.',
  unauthorized_client:
    'this client may not use this grant type; check the app registration at the provider.',
  invalid_scope: 'a requested scope is unknown or not allowed for this app; check the scopes.',
  invalid_request:
    'the provider rejected the request as malformed; check the redirect URI and the provider configuration.',
  unsupported_grant_type: 'the provider does not support this grant type.',
};

/** The provider answered a token, refresh or revocation request with an OAuth error. */
export class OAuthTokenError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly providerId: string;
  readonly operation: OAuthOperation;
  /** The provider's error code, e.g. `invalid_grant`. */
  readonly code: string;
  /** The HTTP status of the provider's answer (some providers answer errors with 200). */
  readonly status: number;
  /** The provider's `error_description`, with any secret of the request removed. */
  readonly description: string | undefined;

  constructor({
    providerId,
    operation,
    code,
    status,
    description,
  }: {
    providerId: string;
    operation: OAuthOperation;
    code: string;
    status: number;
    description?: string | undefined;
  }) {
    const detail = description === undefined ? '' : ` (${description})`;
    super({
      name: 'OAuthTokenError',
      message: `Provider '${providerId}' rejected the ${oauthOperationNames[operation]} with '${code}'${detail}: ${advice[code] ?? 'see the provider documentation for this error code.'}`,
    });
    this.providerId = providerId;
    this.operation = operation;
    this.code = code;
    this.status = status;
    this.description = description;
  }

  static override isInstance(error: unknown): error is OAuthTokenError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
