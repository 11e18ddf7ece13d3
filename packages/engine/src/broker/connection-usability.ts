import { scopesCover } from '../oauth/scopes-cover.js';
import type { Connection } from '../store/store.js';
import type { AuthorizationRequirement } from '../tools/credential-resolver.js';

// Whether a stored connection serves a requirement: now, or after a refresh.

/** Refresh this long before expiry, or at half the token's lifetime if that is shorter. */
const refreshMarginMs = 30_000;

/** The margin before expiry at which a token counts as expired. */
function marginFor(connection: Connection): number {
  if (connection.expiresAt === undefined) return 0;
  const lifetime = connection.expiresAt.getTime() - connection.updatedAt.getTime();
  return Math.max(0, Math.min(refreshMarginMs, lifetime / 2));
}

/** Whether a connection's access token is still good, with its expiry margin taken off. */
export function isFresh(connection: Connection, clock: () => Date): boolean {
  if (connection.expiresAt === undefined) return true;
  return connection.expiresAt.getTime() - marginFor(connection) > clock().getTime();
}

/** Whether a connection is active, for the requirement's provider, and granted all its scopes. */
export function covers(connection: Connection, requirement: AuthorizationRequirement): boolean {
  return (
    connection.status === 'active' &&
    (connection.providerType === 'api_key' ||
      scopesCover({ granted: connection.scopes, requested: requirement.scopes }))
  );
}

/** Usable now, or after a refresh. */
export function isUsable(
  connection: Connection,
  requirement: AuthorizationRequirement,
  clock: () => Date,
): boolean {
  return (
    covers(connection, requirement) && (connection.hasRefreshToken || isFresh(connection, clock))
  );
}
