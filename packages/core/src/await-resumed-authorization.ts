import { AuthorizationFailedError } from './authorization-failed-error.js';
import { AuthorizationTimeoutError } from './authorization-timeout-error.js';
import { toDeveloperError } from './client-error.js';
import type { RunOutcome } from './run-outcome.js';
import type { ToolClient } from './tool-client.js';
import { waitForAuthorization } from './wait-for-authorization.js';

// For adapters whose framework resumes a paused run (a LangGraph interrupt, a Mastra suspend):
// waits until the user has approved the authorization the run paused for, and otherwise says
// to the model, in one wording for every framework, why the tool did not run.

/** Options of `awaitResumedAuthorization`. */
export interface AwaitResumedAuthorizationOptions {
  client: ToolClient;
  /** The authorization the run paused with; without it there is nothing to wait for. */
  authorization: { id: string; providerId?: string | undefined } | undefined;
  /** The user refused (the app resumed with a decline). */
  declined?: boolean;
  /** Names the provider when `authorization` does not. */
  providerId?: string | null | undefined;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Undefined when the tool should run now; otherwise an `error` outcome of kind
 * `TOOL_AUTHORIZATION_NOT_COMPLETED` telling the model the tool did not run and why.
 */
export async function awaitResumedAuthorization({
  client,
  authorization,
  declined = false,
  providerId,
  timeoutMs,
  signal,
}: AwaitResumedAuthorizationOptions): Promise<AuthorizationNotCompleted | undefined> {
  const provider = authorization?.providerId ?? providerId ?? 'the service this tool uses';
  if (declined) return authorizationNotCompleted(`The user declined to authorize ${provider}.`);
  if (authorization === undefined) return undefined;
  const failed = () => authorizationNotCompleted(`The authorization of ${provider} failed.`);
  // A run is resumed once the app has waited for its authorization, so it has usually settled:
  // one look without waiting tells. Long-polling instead would keep a failed one waiting, since
  // engines hold a long-poll for a failure they have already reported (Arcade's answers only
  // on completion or at the end of the wait; Toolgrant's after its first `failed`).
  const current = await statusOf({ client, id: authorization.id, signal });
  if (current === 'completed') return undefined;
  if (current === 'failed') return failed();
  try {
    await waitForAuthorization({ client, authorization, timeoutMs, signal });
    return undefined;
  } catch (error) {
    if (AuthorizationTimeoutError.isInstance(error)) {
      return authorizationNotCompleted(`The user did not finish authorizing ${provider} in time.`);
    }
    if (AuthorizationFailedError.isInstance(error)) return failed();
    throw error;
  }
}

/** The authorization's status now, without waiting. */
async function statusOf({
  client,
  id,
  signal,
}: {
  client: ToolClient;
  id: string;
  signal: AbortSignal | undefined;
}): Promise<string | undefined> {
  try {
    return (await client.auth.status({ id }, signal === undefined ? undefined : { signal })).status;
  } catch (error) {
    throw toDeveloperError({
      client,
      error,
      operation: `Checking authorization '${id}'`,
      signal,
    });
  }
}

/** An `error` outcome of kind `TOOL_AUTHORIZATION_NOT_COMPLETED`. */
export type AuthorizationNotCompleted = Extract<RunOutcome, { type: 'error' }>;

/** The outcome for the model when a paused tool did not run because authorization did not complete. */
export function authorizationNotCompleted(reason: string): AuthorizationNotCompleted {
  return {
    type: 'error',
    error: {
      kind: 'TOOL_AUTHORIZATION_NOT_COMPLETED',
      message: `${reason} The tool did not run; tell the user, who can ask again when ready.`,
      canRetry: false,
      retryAfterMs: undefined,
      additionalPromptContent: undefined,
    },
  };
}
