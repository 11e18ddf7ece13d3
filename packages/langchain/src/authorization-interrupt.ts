import type { RequiredAuthorization } from '@toolgrant/core';

// What a Toolgrant tool passes to LangGraph's `interrupt()` when the user has not authorized it
// yet. It reaches the app in the run's `__interrupt__` (result or stream chunk), so the UI can
// show the link; the model never sees it.

export const authorizationInterruptType = 'toolgrant/authorization_required';

export interface AuthorizationInterrupt {
  type: typeof authorizationInterruptType;
  /** The LangChain tool's name, as the model called it: `Gmail_ListEmails`. */
  toolName: string;
  /** The Toolgrant tool's qualified name: `Gmail.ListEmails`. */
  qualifiedName: string;
  /** The id of the model's tool call, when LangChain passed one. */
  toolCallId: string | undefined;
  /** Show `url` to the user. */
  authorization: RequiredAuthorization;
}

export function isAuthorizationInterrupt(value: unknown): value is AuthorizationInterrupt {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<AuthorizationInterrupt>;
  return (
    candidate.type === authorizationInterruptType &&
    typeof candidate.toolName === 'string' &&
    typeof candidate.authorization === 'object' &&
    candidate.authorization !== null &&
    typeof candidate.authorization.id === 'string'
  );
}
