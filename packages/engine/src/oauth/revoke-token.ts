import { OAuthRequestError } from './oauth-request-error.js';
import { OAuthTokenError } from './oauth-token-error.js';
import { postToProvider } from './post-to-provider.js';
import type { OAuth2ProviderConfig } from './provider-config.js';
import { redactSecrets } from './redact-secrets.js';

/**
 * Revokes a token at the provider's RFC 7009 endpoint. Resolves to false, sending nothing,
 * when the provider has no `revokeUrl`. RFC 7009 answers 200 for an already invalid token, so
 * revoking twice is fine. Throws `OAuthTokenError` when the provider refuses (e.g.
 * `invalid_client`) and `OAuthRequestError` when it cannot be reached.
 */
export async function revokeToken({
  provider,
  token,
  tokenTypeHint,
  signal,
  timeoutMs,
}: {
  provider: OAuth2ProviderConfig;
  token: string;
  /** Which kind of token this is; revoking a refresh token usually ends the whole grant. */
  tokenTypeHint?: 'access_token' | 'refresh_token' | undefined;
  signal?: AbortSignal | undefined;
  /** Default 30 s. */
  timeoutMs?: number;
}): Promise<boolean> {
  const url = provider.revokeUrl;
  if (url === undefined) return false;
  const parameters: Record<string, string> = { token };
  if (tokenTypeHint !== undefined) parameters.token_type_hint = tokenTypeHint;
  const { status, fields } = await postToProvider({
    provider,
    url,
    operation: 'revocation',
    parameters,
    signal,
    timeoutMs,
  });

  const secrets = [token, provider.clientSecret];
  const errorCode = fields?.error;
  // Slack's Web API answers errors with 200 and `ok: false`.
  if (typeof errorCode === 'string' && (status >= 400 || fields?.ok === false)) {
    const description = fields?.error_description;
    throw new OAuthTokenError({
      providerId: provider.id,
      operation: 'revocation',
      code: redactSecrets(errorCode, secrets),
      status,
      description:
        typeof description === 'string'
          ? redactSecrets(description, secrets).slice(0, 200)
          : undefined,
    });
  }
  if (status >= 200 && status < 300) return true;
  throw new OAuthRequestError({
    providerId: provider.id,
    operation: 'revocation',
    reason: status >= 500 ? 'server_error' : 'unexpected_response',
    url,
    status,
  });
}
