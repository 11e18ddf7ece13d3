import { type AuthorizationPause, authorizationPauseType } from '@toolgrant/core';

// What a Toolgrant tool passes to LangGraph's `interrupt()` when the user has not authorized it
// yet: core's authorization pause (`toolName` as the model called the tool, `qualifiedName`,
// `authorization`), with the tool call's id. It reaches the app in the run's `__interrupt__`
// (result or stream chunk), so the UI can show the link; the model never sees it.

/** The `type` of a Toolgrant authorization interrupt's value. */
export const authorizationInterruptType = authorizationPauseType;

/**
 * What a Toolgrant tool passes to LangGraph's `interrupt()`: the authorization to show the user.
 */
export interface AuthorizationInterrupt extends AuthorizationPause {
  /** The id of the model's tool call, when LangChain passed one. */
  toolCallId: string | undefined;
}

/** Whether a value is a Toolgrant authorization interrupt. */
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
