import type { RequiredAuthorization } from '@toolgrant/core';
import { fromAuthorizationApprovalReason } from './authorization-approval-reason.js';

// Whether a call runs because the user approved the authorization request
// `authorizationApproval` paused it with: the AI SDK then executes it with the conversation
// that holds both the request (our marked reason, for this tool call) and the approving
// response. Such a call is a resumed one, and follows core's rule for those.

interface MessagePart {
  type?: unknown;
  toolCallId?: unknown;
  approvalId?: unknown;
  approved?: unknown;
  reason?: unknown;
}

/** Whether this tool call runs because the user approved the authorization request that paused it. */
export function isApprovedAuthorization(options: {
  messages: unknown;
  toolCallId: string;
}): boolean {
  return approvedAuthorizationOf(options) !== undefined;
}

/**
 * The authorization the user approved for this tool call, as the approval request in the
 * conversation carries it; undefined when the call was not paused and approved. The
 * conversation comes from the client: use it only for what the server checks itself.
 */
export function approvedAuthorizationOf({
  messages,
  toolCallId,
}: {
  messages: unknown;
  toolCallId: string;
}): RequiredAuthorization | undefined {
  if (!Array.isArray(messages)) return undefined;
  const parts = messages.flatMap((message: unknown): MessagePart[] => {
    const content = (message as { content?: unknown } | null)?.content;
    return Array.isArray(content) ? content : [];
  });
  const requests = new Map<unknown, RequiredAuthorization>();
  for (const part of parts) {
    if (part.type !== 'tool-approval-request' || part.toolCallId !== toolCallId) continue;
    const authorization = fromAuthorizationApprovalReason(part.reason);
    if (authorization) requests.set(part.approvalId, authorization);
  }
  const approval = parts.find(
    (part) =>
      part.type === 'tool-approval-response' &&
      part.approved === true &&
      requests.has(part.approvalId),
  );
  return approval === undefined ? undefined : requests.get(approval.approvalId);
}
