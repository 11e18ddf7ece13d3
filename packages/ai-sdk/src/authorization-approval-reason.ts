import {
  type AuthorizationRequiredEvent,
  authorizationPauseType,
  type McpToolDefinition,
  type RequiredAuthorization,
  type ToolDefinition,
} from '@toolgrant/core';
import { toAuthorizationPause } from '@toolgrant/core/internal';

// The AI SDK carries an approval request's `reason` as a string, to the UI only (approval
// requests are removed from what the model receives). Core's authorization pause travels in it
// as JSON, so `getAuthorizationRequest` tells it apart from other approval reasons by its marker.

const marker = authorizationPauseType;

/** Core's authorization pause as an approval request's `reason`: JSON that carries its marker. */
export function toAuthorizationApprovalReason({
  toolName,
  definition,
  authorization,
}: Omit<AuthorizationRequiredEvent, 'qualifiedName'> & {
  definition: ToolDefinition | McpToolDefinition;
}): string {
  return JSON.stringify(toAuthorizationPause({ toolName, definition, authorization }));
}

/** Reads core's authorization pause back out of an approval request's `reason`; undefined for any other reason. */
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
