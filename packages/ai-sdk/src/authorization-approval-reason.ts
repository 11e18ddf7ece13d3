import type { RequiredAuthorization } from '@toolgrant/core';

// The AI SDK carries an approval request's `reason` as a string, to the UI only (approval
// requests are removed from what the model receives). The authorization travels in it as JSON
// under a marker, so `getAuthorizationRequest` tells it apart from other approval reasons.

const marker = 'toolgrant/authorization_required';

export function toAuthorizationApprovalReason({
  toolName,
  authorization,
}: {
  toolName: string;
  authorization: RequiredAuthorization;
}): string {
  return JSON.stringify({ type: marker, toolName, authorization });
}

export function fromAuthorizationApprovalReason(
  reason: unknown,
): RequiredAuthorization | undefined {
  if (typeof reason !== 'string' || !reason.includes(marker)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(reason);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { type, authorization } = parsed as { type?: unknown; authorization?: unknown };
  if (type !== marker || typeof authorization !== 'object' || authorization === null) {
    return undefined;
  }
  const { id } = authorization as { id?: unknown };
  return typeof id === 'string' ? (authorization as RequiredAuthorization) : undefined;
}
