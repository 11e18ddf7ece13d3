import type Provider from 'oidc-provider';
import type { VerifiedAccessToken } from './inbox-api.js';

/** Looks a bearer token up in the provider: live, issued to a user and a client, for the API. */
export async function verifyApiAccessToken({
  provider,
  apiUrl,
  token: value,
}: {
  provider: Provider;
  apiUrl: string;
  token: string;
}): Promise<VerifiedAccessToken | undefined> {
  // The store drops a token the moment its lifetime ends (millisecond precision);
  // oidc-provider's own check rounds to whole seconds, too coarse for 1-second tokens.
  const token = await provider.AccessToken.find(value, { ignoreExpiration: true });
  if (!token?.accountId || !token.clientId) return undefined;
  const audience = (token as { aud?: string | string[] }).aud;
  const audiences = Array.isArray(audience) ? audience : [audience];
  if (!audiences.includes(apiUrl)) return undefined;
  return {
    accountId: token.accountId,
    clientId: token.clientId,
    scopes: new Set((token.scope ?? '').split(' ').filter(Boolean)),
  };
}
