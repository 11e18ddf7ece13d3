import { ToolgrantError } from '@toolgrant/core';
import { mergeScopes } from './merge-scopes.js';
import type { OAuth2ProviderConfig } from './provider-config.js';

/**
 * The provider's authorization URL for the authorization-code flow. Requests
 * `provider.defaultScopes` plus `scopes`, joined with the provider's delimiter, and adds the
 * PKCE S256 challenge when the provider has PKCE on.
 */
export function buildAuthorizationUrl({
  provider,
  redirectUri,
  scopes,
  state,
  codeChallenge,
}: {
  provider: OAuth2ProviderConfig;
  /** Exactly as registered at the provider. */
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  /** From `createPkcePair()`; required when `provider.pkce` is on, ignored otherwise. */
  codeChallenge?: string | undefined;
}): string {
  const url = new URL(provider.authorizeUrl);
  const query = url.searchParams;
  query.set('response_type', 'code');
  query.set('client_id', provider.clientId);
  query.set('redirect_uri', redirectUri);
  const requested = mergeScopes(provider.defaultScopes, scopes);
  if (requested.length > 0)
    query.set(provider.scopeParameter, requested.join(provider.scopeDelimiter));
  query.set('state', state);
  if (provider.pkce) {
    if (codeChallenge === undefined || codeChallenge === '') {
      throw new ToolgrantError({
        name: 'PkceChallengeRequiredError',
        message: `Provider '${provider.id}' has PKCE on, but no codeChallenge was given; pass createPkcePair().codeChallenge and keep its codeVerifier for the code exchange.`,
      });
    }
    query.set('code_challenge', codeChallenge);
    query.set('code_challenge_method', 'S256');
  }
  for (const [name, value] of Object.entries(provider.authorizeParameters)) query.set(name, value);
  return url.href;
}
