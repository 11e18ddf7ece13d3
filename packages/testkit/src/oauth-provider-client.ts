import type { AdapterPayload } from 'oidc-provider';

/** An OAuth client registered at the test provider. */
export type OAuthProviderClient = {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs; the provider compares them character for character. */
  redirectUris: string[];
  /**
   * The registered token endpoint authentication method (default client_secret_basic).
   * oidc-provider accepts client_secret_basic and client_secret_post alike for such a client;
   * `tokenRequestLog[].authenticationMethod` shows which one a request used.
   */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  /** Shown on the login and consent pages. */
  name?: string;
};

/** The client as oidc-provider stores it: a confidential client of the code and refresh grants. */
export function toClientMetadata(
  client: OAuthProviderClient,
): AdapterPayload & { client_id: string } {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    client_name: client.name ?? client.clientId,
    redirect_uris: client.redirectUris,
    token_endpoint_auth_method: client.tokenEndpointAuthMethod ?? 'client_secret_basic',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  };
}
