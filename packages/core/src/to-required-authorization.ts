import type { RequiredAuthorization } from './run-outcome.js';
import type { ToolClientAuthorizationResponse } from './tool-client.js';
import type { ToolDefinition } from './tool-definition.js';
import { UnexpectedResponseError } from './unexpected-response-error.js';

/** The authorization a user still has to grant, from an `/v1/tools/authorize` answer. */
export function toRequiredAuthorization({
  response,
  definition,
}: {
  response: ToolClientAuthorizationResponse;
  definition: ToolDefinition;
}): RequiredAuthorization {
  if (!response.id) {
    throw new UnexpectedResponseError({
      operation: `Authorizing tool '${definition.qualified_name}'`,
      problem: `status '${String(response.status)}' came without an authorization id`,
    });
  }
  const requirement = definition.requirements?.authorization;
  return {
    id: response.id,
    url: response.url,
    providerId: response.provider_id ?? requirement?.provider_id ?? undefined,
    scopes: [...(response.scopes ?? requirement?.oauth2?.scopes ?? [])],
    status:
      response.status === 'failed' || response.status === 'not_started'
        ? response.status
        : 'pending',
  };
}
