// What describes an OAuth 2.0 provider's endpoints and quirks, apart from who it is and the
// client's credentials: shared by provider configurations and the presets of well-known ones.

/** How the client id and secret reach the token endpoint. */
export type ClientAuthentication = 'client_secret_basic' | 'client_secret_post';

/** Everything about an OAuth 2.0 provider except who it is and the client's credentials. */
export type OAuth2ProviderSettings = {
  authorizeUrl: string;
  tokenUrl: string;
  /** Where refresh_token requests go; usually `tokenUrl`. */
  refreshUrl: string;
  /** An RFC 7009 revocation endpoint (POST `token`, `token_type_hint`), if the provider has one. */
  revokeUrl: string | undefined;
  /** How the client id and secret reach the token endpoint. */
  clientAuthentication: ClientAuthentication;
  /** Joins scopes in the authorization request: ' ' (RFC 6749) or ',' for some providers. */
  scopeDelimiter: string;
  /** The authorization request parameter carrying the scopes; Slack's user scopes use `user_scope`. */
  scopeParameter: string;
  /** Extra query parameters of the authorization request, e.g. `access_type=offline`. */
  authorizeParameters: Record<string, string>;
  /** Body encoding of token requests: form (RFC 6749) or JSON for providers that document it. */
  tokenRequestFormat: 'form' | 'json';
  /** Send a PKCE S256 challenge and verifier. */
  pkce: boolean;
  /** Scopes requested in every authorization, e.g. `offline_access` for a refresh token. */
  defaultScopes: string[];
};
