import type { Authorization } from '../tools/credential-resolver.js';

/** Arcade's `AuthorizationResponse`: never a token, whatever the resolver holds. */
export function toAuthorizationResponse(authorization: Authorization) {
  return {
    id: authorization.id,
    status: authorization.status,
    ...(authorization.url === undefined ? {} : { url: authorization.url }),
    provider_id: authorization.providerId,
    scopes: [...authorization.scopes],
    user_id: authorization.userId,
  };
}
