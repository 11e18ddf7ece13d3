import { findIdentityValueProblem } from '../shared/identity-value.js';

// The id of an authorization that was `completed` at once: no flow is behind it, so the id
// itself carries the user, provider and scopes for later status checks.

/** Prefix of the ids of authorizations that were `completed` at once (no flow behind them). */
export const grantedIdPrefix = 'granted.';

/** The id of an authorization completed at once, carrying its user, provider and scopes. */
export function encodeGrantedId(granted: {
  userId: string;
  providerId: string;
  scopes: string[];
}): string {
  return `${grantedIdPrefix}${Buffer.from(
    JSON.stringify([granted.userId, granted.providerId, granted.scopes]),
  ).toString('base64url')}`;
}

/** Reads back a granted authorization id; undefined for any other id. */
export function decodeGrantedId(
  id: string,
): { userId: string; providerId: string; scopes: string[] } | undefined {
  if (!id.startsWith(grantedIdPrefix)) return undefined;
  try {
    const [userId, providerId, scopes] = JSON.parse(
      Buffer.from(id.slice(grantedIdPrefix.length), 'base64url').toString('utf8'),
    ) as unknown[];
    if (
      typeof userId === 'string' &&
      typeof providerId === 'string' &&
      // Anyone can write such an id: its user and provider are held to the API's id rules.
      findIdentityValueProblem(userId) === undefined &&
      findIdentityValueProblem(providerId) === undefined &&
      Array.isArray(scopes) &&
      scopes.every((scope) => typeof scope === 'string')
    ) {
      return { userId, providerId, scopes };
    }
  } catch {
    // Answered as unknown below.
  }
  return undefined;
}
