import { findIdentityValueProblem } from '../shared/identity-value.js';
import type { ConnectionKey } from '../store/store.js';

// The opaque id the admin API lists a connection under and takes back to delete it: the user
// and provider, base64url-encoded, so no lookup table is needed.

/** The opaque connection id of a user and provider, as the admin API lists it. */
export function toConnectionId({ userId, providerId }: ConnectionKey): string {
  return Buffer.from(JSON.stringify([userId, providerId])).toString('base64url');
}

/**
 * The key behind an id from `toConnectionId`; undefined for anything else, including ids that
 * decode to a user or provider id the API would not take.
 */
export function fromConnectionId(id: string): ConnectionKey | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      findIdentityValueProblem(value[0]) === undefined &&
      findIdentityValueProblem(value[1]) === undefined &&
      toConnectionId({ userId: value[0], providerId: value[1] }) === id
    ) {
      return { userId: value[0], providerId: value[1] };
    }
  } catch {
    // Not ours: answered as unknown below.
  }
  return undefined;
}
