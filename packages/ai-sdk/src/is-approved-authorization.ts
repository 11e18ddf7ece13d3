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
export function isApprovedAuthorization({
  messages,
  toolCallId,
}: {
  messages: unknown;
  toolCallId: string;
}): boolean {
  if (!Array.isArray(messages)) return false;
  const parts = messages.flatMap((message: unknown): MessagePart[] => {
    const content = (message as { content?: unknown } | null)?.content;
    return Array.isArray(content) ? content : [];
  });
  const approvalIds = new Set(
    parts
      .filter(
        (part) =>
          part.type === 'tool-approval-request' &&
          part.toolCallId === toolCallId &&
          fromAuthorizationApprovalReason(part.reason) !== undefined,
      )
      .map((part) => part.approvalId),
  );
  return parts.some(
    (part) =>
      part.type === 'tool-approval-response' &&
      part.approved === true &&
      approvalIds.has(part.approvalId),
  );
}
