import type { OAuthProviderClient } from './oauth-provider-client.js';
import type { OAuthProvider } from './start-oauth-provider.js';

/** What a person needs to point an engine at the provider and sign in, as printable text. */
export function formatProviderSummary({
  provider,
  clients,
}: {
  provider: OAuthProvider;
  clients: readonly OAuthProviderClient[];
}): string {
  const lines = [
    `Toolgrant test provider (oidc-provider) at ${provider.issuer}`,
    `  discovery      ${provider.issuer}/.well-known/openid-configuration`,
    `  authorize      ${provider.authorizationEndpoint}`,
    `  token          ${provider.tokenEndpoint}`,
    `  revoke         ${provider.revocationEndpoint}`,
    `  scopes         ${provider.scopes.map((scope) => scope.name).join(', ')} (plus openid, offline_access, profile, email)`,
    '',
    `Protected API at ${provider.apiUrl}`,
    `  GET  ${provider.inboxUrl}  (inbox.read)`,
    `  POST ${provider.sendUrl}  (inbox.send)`,
    '',
    'Users:',
    ...provider.users.map((user) => `  ${user.username} / ${user.password}  (${user.name})`),
    '',
    'Clients:',
    ...clients.map(
      (client) =>
        `  ${client.clientId}  ${client.tokenEndpointAuthMethod ?? 'client_secret_basic'}  redirect ${client.redirectUris.join(', ')}`,
    ),
  ];
  return lines.join('\n');
}
