import { authorizeTool, isMcpToolDefinition, type ToolClient } from '@toolgrant/core';
import { toAuthorizationApprovalReason } from './authorization-approval-reason.js';
import { mcpToolApproval } from './mcp-tool-approval.js';
import { handOverUser, toolOriginOf } from './tool-origin.js';
import { userIdOf } from './user-id-of.js';

// AI SDK 7's `toolApproval`: a Toolgrant tool the user has not authorized pauses the run with
// an approval request carrying the authorization URL. Once the user has consented, the client
// approves it, the run continues and the tool executes on the server. Other tools, and tools
// the user is known to have authorized, pass without a request.

/**
 * What `authorizationApproval` answers AI SDK 7: not applicable, or ask the user (with the authorization).
 */
export type AuthorizationApprovalStatus =
  | { type: 'not-applicable' }
  | { type: 'user-approval'; reason: string };

/** The argument AI SDK 7 passes to a `toolApproval` function (the parts read here). */
export interface ToolApprovalCall {
  toolCall: { toolName: string; toolCallId: string; input?: unknown };
  tools: unknown;
  /** The conversation so far; an approved request in it lets the call through. */
  messages?: unknown;
  toolsContext?: unknown;
  runtimeContext?: unknown;
}

/** Options of `authorizationApproval`. */
export interface AuthorizationApprovalOptions {
  /** Default: the client the tools were created with. */
  client?: ToolClient;
  /** The end user of this run, for tools created without one and without a `toolsContext` entry. */
  userId?: string;
}

/** AI SDK 7's `toolApproval` function: pauses a Toolgrant tool the user has not authorized. */
export function authorizationApproval({
  client,
  userId,
}: AuthorizationApprovalOptions = {}): (
  call: ToolApprovalCall,
) => Promise<AuthorizationApprovalStatus> {
  return async ({ toolCall, tools, toolsContext, messages }) => {
    const { toolName, toolCallId } = toolCall;
    const origin = toolOriginOf(ownProperty(tools, toolName));
    if (!origin) return { type: 'not-applicable' };
    const { definition, session } = origin;
    if (isMcpToolDefinition(definition)) {
      return mcpToolApproval({
        toolName,
        toolCallId,
        input: toolCall.input,
        messages,
        definition,
        session,
      });
    }
    const engineClient = client ?? origin.client;
    if (engineClient === undefined) return { type: 'not-applicable' };
    // Core's rule, in the same order as the tool's execute, so both act for the same user.
    const runUserId = userIdOf({
      name: toolName,
      definition,
      userId: origin.userId,
      contexts: [ownProperty(toolsContext, toolName)],
      approvedUserId: userId,
    });
    if (runUserId !== undefined) handOverUser({ origin, toolCallId, userId: runUserId });
    const check = await authorizeTool({
      client: engineClient,
      session,
      definition,
      userId: runUserId,
    });
    if (check.type === 'authorized') return { type: 'not-applicable' };
    return {
      type: 'user-approval',
      reason: toAuthorizationApprovalReason({
        toolName,
        definition,
        authorization: check.authorization,
      }),
    };
  };
}

function ownProperty(record: unknown, key: string): unknown {
  if (typeof record !== 'object' || record === null || !Object.hasOwn(record, key)) {
    return undefined;
  }
  return (record as Record<string, unknown>)[key];
}
