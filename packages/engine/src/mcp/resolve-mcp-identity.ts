import { findIdentityValueProblem } from '../shared/identity-value.js';
import type { McpIdentity } from './mcp-identity.js';
import { userIdHeader } from './mcp-identity.js';
import { isMcpToken, type McpTokenLookup } from './mcp-token.js';

// Reads the identity headers of an MCP request. An engine API key must come with the user's id
// in `Arcade-User-ID`; a user-scoped MCP token names its user (a header naming someone else is
// refused). Answers never repeat what was presented.

/** What the identity check found: the identity, or the refusal to answer with. */
export type McpIdentityOutcome =
  | { type: 'identified'; identity: McpIdentity }
  | { type: 'refused'; status: 400 | 401 | 403; message: string };

/** The identity an MCP request presents, or why it is refused. */
export async function resolveMcpIdentity({
  headers,
  isApiKey,
  findToken,
  now,
}: {
  headers: Headers;
  isApiKey: (presented: string) => boolean;
  findToken: McpTokenLookup;
  now: Date;
}): Promise<McpIdentityOutcome> {
  const presented = (headers.get('authorization') ?? '')
    .trim()
    .replace(/^bearer\s+/i, '')
    .trim();
  const namedUser = headers.get(userIdHeader) ?? undefined;
  if (presented === '') {
    return {
      type: 'refused',
      status: 401,
      message: `Missing credentials. Send 'Authorization: Bearer <engine API key>' with the end user's id in '${userIdHeader}', or 'Authorization: Bearer <user-scoped MCP token>' from POST /v1/mcp/tokens.`,
    };
  }
  if (isMcpToken(presented)) {
    const grant = await findToken(presented);
    if (grant === undefined || grant.expiresAt.getTime() <= now.getTime()) {
      return {
        type: 'refused',
        status: 401,
        message:
          'The MCP token is not valid: it is unknown, expired or revoked. Ask the application for a new one (POST /v1/mcp/tokens).',
      };
    }
    if (namedUser !== undefined && namedUser !== grant.userId) {
      return {
        type: 'refused',
        status: 403,
        message: `The '${userIdHeader}' header names another user than the MCP token acts for. Leave the header out: the token names its user.`,
      };
    }
    return {
      type: 'identified',
      identity: { userId: grant.userId, principal: `token:${grant.id}`, toolkits: grant.toolkits },
    };
  }
  if (!isApiKey(presented)) {
    return {
      type: 'refused',
      status: 401,
      message:
        "The credential in 'Authorization' is neither one of this engine's API keys nor a valid MCP token.",
    };
  }
  if (namedUser === undefined || namedUser.trim() === '') {
    return {
      type: 'refused',
      status: 400,
      message: `Missing end user. With the engine API key, name the user the tools act for in the '${userIdHeader}' header (any stable id from your application).`,
    };
  }
  const problem = findIdentityValueProblem(namedUser);
  if (problem !== undefined) {
    return {
      type: 'refused',
      status: 400,
      message: `The '${userIdHeader}' header ${problem}; send the user's id exactly as your application stores it.`,
    };
  }
  return {
    type: 'identified',
    identity: { userId: namedUser, principal: 'api_key', toolkits: undefined },
  };
}
