import { type McpToolDefinition, runMcpTool, type ToolgrantSession } from '@toolgrant/core';
import type { AuthorizationApprovalStatus } from './authorization-approval.js';
import { toAuthorizationApprovalReason } from './authorization-approval-reason.js';
import { isApprovedAuthorization } from './is-approved-authorization.js';
import { mcpCallKey } from './mcp-call-key.js';

// The approval step for an MCP tool. An MCP server cannot be asked whether the user has
// consented without calling the tool, so the step makes the call's first request itself: when
// the server asks for consent, the run pauses with an approval request carrying the URL (the
// same card as for Arcade tools); otherwise the outcome is handed to the tool's execution, which
// returns it without calling again. When the AI SDK re-checks an approved call before executing
// it, nothing is sent: the execution retries the paused call with the `requestState`.

/** The approval status of an MCP tool call: runs its first request, or lets an approved call through. */
export async function mcpToolApproval({
  toolName,
  toolCallId,
  input,
  messages,
  definition,
  session,
}: {
  toolName: string;
  toolCallId: string;
  input: unknown;
  messages: unknown;
  definition: McpToolDefinition;
  session: ToolgrantSession;
}): Promise<AuthorizationApprovalStatus> {
  if (isApprovedAuthorization({ messages, toolCallId })) return { type: 'not-applicable' };
  const outcome = await runMcpTool({ definition, session, input });
  session.mcp.rememberPending(mcpCallKey({ definition, toolCallId }), { outcome });
  if (outcome.type !== 'authorization_required') return { type: 'not-applicable' };
  return {
    type: 'user-approval',
    reason: toAuthorizationApprovalReason({
      toolName,
      definition,
      authorization: outcome.authorization,
    }),
  };
}
