// Okta, Auth0, Cognito (up to 60 s) and Hydra accept a rotated-out refresh token for a while,
// as the token that replaced it. oidc-provider has no such setting (a reused token revokes the
// grant), so the token endpoint swaps the presented token for its successor before
// oidc-provider sees it.

/** The rotated-out refresh tokens of one provider, and how long each still counts. */
export type RefreshTokenReuseGrace = {
  /** False with a grace of 0: a rotated-out token is never accepted. */
  enabled: boolean;
  /** The newest token rotated in after `token` within the grace, or `token` itself. */
  currentFor(token: string): string;
  /** Remembers that a refresh with `used` was answered with the new token `issued`. */
  recordRotation({ used, issued }: { used: string; issued: string }): void;
};

/** A reuse grace of `seconds` (0: none). */
export function createRefreshTokenReuseGrace({
  seconds,
}: {
  seconds: number;
}): RefreshTokenReuseGrace {
  const graceMs = seconds * 1000;
  // A rotated-out refresh token -> when, and the token that replaced it.
  const rotatedRefreshTokens = new Map<string, { at: number; successor: string }>();
  return {
    enabled: graceMs > 0,
    currentFor(token) {
      let current = token;
      for (
        let rotated = rotatedRefreshTokens.get(current);
        rotated !== undefined && Date.now() - rotated.at <= graceMs;
        rotated = rotatedRefreshTokens.get(current)
      ) {
        current = rotated.successor;
      }
      return current;
    },
    recordRotation({ used, issued }) {
      if (graceMs > 0 && issued !== used) {
        rotatedRefreshTokens.set(used, { at: Date.now(), successor: issued });
      }
    },
  };
}
