import type { OAuthTokens } from './oauth-tokens.js';
import { postToProvider } from './post-to-provider.js';
import type { OAuth2ProviderConfig } from './provider-config.js';
import { readTokenResponse } from './read-token-response.js';

/**
 * Gets a new access token with a refresh token (RFC 6749 §6). The result's `refreshToken` is
 * undefined when the provider did not rotate it: keep the one you have.
 * A rejected refresh token throws `OAuthTokenError` with code `invalid_grant`: the user must
 * authorize again. Unreachable or failing providers throw `OAuthRequestError`.
 */
export async function refreshAccessToken({
  provider,
  refreshToken,
  scopes = [],
  signal,
  timeoutMs,
}: {
  provider: OAuth2ProviderConfig;
  refreshToken: string;
  /**
   * The scopes of the credential being refreshed, taken as granted when the response lists
   * none. Not sent: the refreshed token keeps the grant's scopes.
   */
  scopes?: readonly string[];
  signal?: AbortSignal | undefined;
  /** Default 30 s. */
  timeoutMs?: number;
}): Promise<OAuthTokens> {
  const answer = await postToProvider({
    provider,
    url: provider.refreshUrl,
    operation: 'refresh',
    parameters: { grant_type: 'refresh_token', refresh_token: refreshToken },
    signal,
    timeoutMs,
  });
  return readTokenResponse({
    providerId: provider.id,
    operation: 'refresh',
    url: provider.refreshUrl,
    ...answer,
    requestedScopes: scopes,
    receivedAt: new Date(),
    secrets: [refreshToken, provider.clientSecret],
  });
}
