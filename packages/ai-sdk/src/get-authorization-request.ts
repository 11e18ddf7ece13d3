import type { RequiredAuthorization } from '@toolgrant/core';
import { fromAuthorizationApprovalReason } from './authorization-approval-reason.js';
import { isAuthorizationRequired } from './is-authorization-required.js';

/**
 * The authorization a part asks the user for, or undefined: from a tool's
 * `authorization_required` output, from a `useChat` tool part awaiting approval
 * (`approval.requestReason`), or from a `tool-approval-request` of `generateText` / `streamText`
 * (`reason`), the last two made by `authorizationApproval`.
 */
export function getAuthorizationRequest(part: unknown): RequiredAuthorization | undefined {
  if (isAuthorizationRequired(part)) return part.output.authorization;
  if (typeof part !== 'object' || part === null) return undefined;
  if ('approval' in part && typeof part.approval === 'object' && part.approval !== null) {
    const approval = part.approval as { requestReason?: unknown; approved?: unknown };
    if (approval.approved !== undefined) return undefined;
    return fromAuthorizationApprovalReason(approval.requestReason);
  }
  if ('type' in part && part.type === 'tool-approval-request' && 'reason' in part) {
    return fromAuthorizationApprovalReason(part.reason);
  }
  return undefined;
}
