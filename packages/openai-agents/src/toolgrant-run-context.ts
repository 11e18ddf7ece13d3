import type { AuthorizationPause } from '@toolgrant/core';

// The fields of an OpenAI Agents run's context that Toolgrant tools read and write. The context
// is the app's object (`run(agent, input, { context })`); `RunState` serializes it, so what a tool
// keeps here survives `state.toString()` and `RunState.fromString` in another process.

/**
 * The run-context key a tool reads the end user's id from when none was bound at creation:
 * `run(agent, input, { context: { userId: 'user-42' } })`.
 */
export const userIdContextKey = 'userId';

/**
 * The run-context key under which a tool keeps each authorization its run paused for, by tool
 * call id; `getAuthorizationInterruptions` reads it for the app.
 */
export const authorizationsContextKey = 'toolgrantAuthorizations';

/** The run-context fields Toolgrant tools use; the app's other fields stay its own. */
export interface ToolgrantRunContext {
  /** The end user the tools act for, when they were created without one. */
  [userIdContextKey]?: string;
  /** Written by the tools: the authorization each paused call waits for, by tool call id. */
  [authorizationsContextKey]?: Record<string, AuthorizationPause>;
}
