/** What a successful code exchange or refresh yields. */
export type OAuthTokens = {
  accessToken: string;
  /**
   * Undefined when the provider sent none. After a refresh this means "keep the refresh token
   * you have": many providers rotate it only sometimes (`Store.saveConnection` keeps the stored
   * one when this is omitted).
   */
  refreshToken: string | undefined;
  /** From `expires_in`; undefined when the provider gave no lifetime. */
  expiresAt: Date | undefined;
  /**
   * The granted scopes, normalized: the response's `scope` when present (it may be fewer than
   * requested), otherwise the requested scopes.
   */
  scopes: string[];
  /** Usually "Bearer"; Slack user tokens say "user". */
  tokenType: string;
};
