import { type AuthorizationPause, authorizationPauseType } from '@toolgrant/core';
import { authorizationsContextKey } from './toolgrant-run-context.js';

// The authorizations a run paused for, in the run's context by tool call id. The SDK's approval
// item carries only the model's function call, so this is where the link waits for the app and
// where the resumed call finds what to wait for, in this process or, through RunState's
// serialized context, in another. Entries are checked on the way out: a restored context is
// data from outside.

type PendingAuthorizations = Record<string, AuthorizationPause>;

function recordOf(context: unknown): PendingAuthorizations | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  const record = (context as Record<string, unknown>)[authorizationsContextKey];
  return typeof record === 'object' && record !== null
    ? (record as PendingAuthorizations)
    : undefined;
}

function isAuthorizationPause(value: unknown): value is AuthorizationPause {
  if (typeof value !== 'object' || value === null) return false;
  const { type, toolName, qualifiedName, authorization } = value as Partial<AuthorizationPause>;
  return (
    type === authorizationPauseType &&
    typeof toolName === 'string' &&
    typeof qualifiedName === 'string' &&
    typeof authorization === 'object' &&
    authorization !== null &&
    typeof authorization.id === 'string'
  );
}

/** Keeps the authorization a tool call pauses for in the run's context. */
export function rememberPendingAuthorization({
  context,
  toolCallId,
  pause,
}: {
  context: unknown;
  toolCallId: string;
  pause: AuthorizationPause;
}): void {
  if (typeof context !== 'object' || context === null) {
    throw new TypeError(
      `Toolgrant keeps the authorization a run pauses for in the run context, which is ${context === null ? 'null' : `a ${typeof context}`} here. Pass an object as the context: run(agent, input, { context: { userId } }).`,
    );
  }
  const record = recordOf(context) ?? {};
  record[toolCallId] = pause;
  (context as Record<string, unknown>)[authorizationsContextKey] = record;
}

/** The authorization a tool call paused for, or undefined. */
export function pendingAuthorizationOf({
  context,
  toolCallId,
}: {
  context: unknown;
  toolCallId: string;
}): AuthorizationPause | undefined {
  const record = recordOf(context);
  const pause = record && Object.hasOwn(record, toolCallId) ? record[toolCallId] : undefined;
  return isAuthorizationPause(pause) ? pause : undefined;
}

/** Drops the entries `isDone` picks, and any that is malformed, so the context does not grow. */
export function forgetPendingAuthorizations({
  context,
  isDone,
}: {
  context: unknown;
  isDone: (entry: { toolCallId: string; pause: AuthorizationPause }) => boolean;
}): void {
  const record = recordOf(context);
  if (!record) return;
  for (const [toolCallId, pause] of Object.entries(record)) {
    if (!isAuthorizationPause(pause) || isDone({ toolCallId, pause })) delete record[toolCallId];
  }
}
