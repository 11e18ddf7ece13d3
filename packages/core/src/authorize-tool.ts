import { toDeveloperError } from './client-error.js';
import type { RequiredAuthorization } from './run-outcome.js';
import { toRequiredAuthorization } from './to-required-authorization.js';
import type { ToolClient, ToolClientAuthorizationResponse } from './tool-client.js';
import type { ToolDefinition } from './tool-definition.js';
import { createToolgrantSession, type ToolgrantSession } from './toolgrant-session.js';
import { UserIdRequiredError } from './user-id-required-error.js';

// Whether a user can run a tool now, asked before running it (an approval step, a UI that
// shows an Authorize button first). Given the session `runTool` uses, it shares its record of
// authorized users: a tool without a requirement, or one the user is known to have authorized,
// costs no request; a completed authorization is recorded, so the `runTool` that follows is a
// single request.

/** What `authorizeTool` found: the user can run the tool now, or must authorize first. */
export type AuthorizationCheck =
  | { type: 'authorized' }
  | { type: 'authorization_required'; authorization: RequiredAuthorization };

/** Options of `authorizeTool`. */
export interface AuthorizeToolOptions {
  client: ToolClient;
  definition: ToolDefinition;
  /** The end user the tool acts for. Required for tools that need an authorization. */
  userId?: string;
  signal?: AbortSignal;
  /** The session the following `runTool` uses; without one, nothing is remembered. */
  session?: ToolgrantSession;
}

/**
 * Whether the user can run a tool now, asked before running it (an approval step); costs no request when already known.
 */
export async function authorizeTool({
  client,
  definition,
  userId,
  signal,
  session = createToolgrantSession(),
}: AuthorizeToolOptions): Promise<AuthorizationCheck> {
  if (!definition.requirements?.authorization) return { type: 'authorized' };
  const toolName = definition.qualified_name;
  if (userId === undefined) throw new UserIdRequiredError({ toolName });
  const statusKey = { client, userId, toolName: definition.fully_qualified_name };
  const { isKnownAuthorized, rememberAuthorized } = session.authorizations;
  if (isKnownAuthorized(statusKey)) return { type: 'authorized' };

  const toolVersion = definition.toolkit.version ?? undefined;
  let response: ToolClientAuthorizationResponse;
  try {
    response = await client.tools.authorize(
      {
        tool_name: toolName,
        ...(toolVersion === undefined ? {} : { tool_version: toolVersion }),
        user_id: userId,
      },
      { signal },
    );
  } catch (error) {
    throw toDeveloperError({ client, error, operation: `Authorizing tool '${toolName}'`, signal });
  }
  if (response.status === 'completed') {
    rememberAuthorized(statusKey);
    return { type: 'authorized' };
  }
  return {
    type: 'authorization_required',
    authorization: toRequiredAuthorization({ response, definition }),
  };
}
