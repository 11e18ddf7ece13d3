import {
  AuthorizationFailedError,
  AuthorizationTimeoutError,
  OperationAbortedError,
  type RequiredAuthorization,
  type ToolClient,
  waitForAuthorization,
} from '@toolgrant/core';
import type { AuthorizationResumeValue } from '@toolgrant/langchain';
import { type SpinnerOutput, startSpinner } from './start-spinner.js';

// The person's side of a paused run: the link (for them, never for the model), a spinner while
// the engine is long-polled until they approve, then what the run resumes with.

export const waitingText = 'Waiting for you to approve in the browser…';

export async function awaitApproval({
  client,
  authorization,
  output,
  timeoutMs,
  signal,
}: {
  client: ToolClient;
  authorization: RequiredAuthorization;
  output: SpinnerOutput;
  timeoutMs?: number;
  signal?: AbortSignal;
}): Promise<AuthorizationResumeValue> {
  const provider = authorization.providerId ?? 'the service';
  if (authorization.url === undefined) {
    output.write(`Authorization failed: ${provider} gave no link to follow; ask again to retry.\n`);
    return { declined: true };
  }
  output.write(`Authorize ${provider}: ${authorization.url}\n`);
  const spinner = startSpinner({ output, text: waitingText });
  try {
    await waitForAuthorization({ client, authorization, timeoutMs, signal });
    spinner.stop(`Authorized ${provider}.`);
    return {};
  } catch (error) {
    if (OperationAbortedError.isInstance(error)) {
      spinner.stop('Stopped waiting.');
      throw error;
    }
    spinner.stop(`Authorization failed: ${describeFailure(error)}; ask again to retry.`);
    return { declined: true };
  }
}

function describeFailure(error: unknown): string {
  if (AuthorizationFailedError.isInstance(error)) {
    return 'it was declined, or the provider returned an error';
  }
  if (AuthorizationTimeoutError.isInstance(error)) {
    return `it was not approved within ${formatDuration(error.timeoutMs)}`;
  }
  // Core's errors say what went wrong without a token or key in them.
  return error instanceof Error ? error.message : String(error);
}

function formatDuration(milliseconds: number): string {
  const seconds = Math.round(milliseconds / 1000);
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
