import { ToolgrantError } from '@toolgrant/core';
import { mergeScopes } from './merge-scopes.js';
import type { OAuthTokens } from './oauth-tokens.js';
import { postToProvider } from './post-to-provider.js';
import type { OAuth2ProviderConfig } from './provider-config.js';
import { readTokenResponse } from './read-token-response.js';

/**
 * Exchanges the authorization code from the provider's callback for tokens (RFC 6749 §4.1.3).
 * Throws `OAuthTokenError` when the provider refuses (e.g. `invalid_grant` for a used or
 * expired code), `OAuthRequestError` when it cannot be reached or answers nonsense, and
 * core's `OperationAbortedError` when `signal` aborts.
 */
export async function exchangeAuthorizationCode({
  provider,
  code,
  redirectUri,
  codeVerifier,
  scopes,
  signal,
  timeoutMs,
}: {
  provider: OAuth2ProviderConfig;
  code: string;
  /** The redirect URI of the authorization request, exactly. */
  redirectUri: string;
  /** The flow's PKCE verifier; required when `provider.pkce` is on. */
  codeVerifier?: string | undefined;
  /** The scopes the flow asked for; taken as granted when the response lists none. */
  scopes: readonly string[];
  signal?: AbortSignal | undefined;
  /** Default 30 s. */
  timeoutMs?: number;
}): Promise<OAuthTokens> {
  const parameters: Record<string, string> = {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
  };
  if (provider.pkce) {
    if (codeVerifier === undefined || codeVerifier === '') {
      throw new ToolgrantError({
        name: 'PkceVerifierRequiredError',
        message: `Provider '${provider.id}' has PKCE on, but no codeVerifier was given for the code exchange; pass the verifier created with the flow's code challenge.`,
      });
    }
    parameters.code_verifier = codeVerifier;
  }
  const answer = await postToProvider({
    provider,
    url: provider.tokenUrl,
    operation: 'code_exchange',
    parameters,
    signal,
    timeoutMs,
  });
  return readTokenResponse({
    providerId: provider.id,
    operation: 'code_exchange',
    url: provider.tokenUrl,
    ...answer,
    requestedScopes: mergeScopes(provider.defaultScopes, scopes),
    receivedAt: new Date(),
    secrets: [code, codeVerifier, provider.clientSecret],
  });
}
