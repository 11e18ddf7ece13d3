import {
  AuthorizationFailedError,
  AuthorizationTimeoutError,
  OperationAbortedError,
  type ToolClient,
  waitForAuthorization,
} from '@toolgrant/core';
import { startSpinner } from './start-spinner.js';
import type { TerminalOutput } from './terminal-output.js';

// The person's side of a paused run: the link (for them, never for the model), a spinner while
// the engine is long-polled until they approve, then what came of it, said plainly.

const waitingText = 'Waiting for you to approve in the browser…';

/** `declined` covers a refusal, a timeout and a failed wait: the tool did not get its consent. */
export type ApprovalOutcome = 'approved' | 'declined';

export interface AwaitApprovalOptions {
  /** The client the tools use, to long-poll the engine with. */
  client: ToolClient;
  /** The authorization the paused tool asked for: core's `RequiredAuthorization`, or its like. */
  authorization: { id: string; url?: string | undefined; providerId?: string | undefined };
  output: TerminalOutput;
  /** How long to wait; core's default (ten minutes) unless given. */
  timeoutMs?: number;
  /** Ctrl-C: stops the wait, and the promise rejects with core's OperationAbortedError. */
  signal?: AbortSignal;
}

export async function awaitApproval({
  client,
  authorization,
  output,
  timeoutMs,
  signal,
}: AwaitApprovalOptions): Promise<ApprovalOutcome> {
  const provider = authorization.providerId ?? 'the service';
  if (!authorization.url) {
    output.write(`Authorization failed: ${provider} gave no link to follow; ask again to retry.\n`);
    return 'declined';
  }
  output.write(`Authorize ${provider}: ${authorization.url}\n`);
  const spinner = startSpinner({ output, text: waitingText });
  try {
    await waitForAuthorization({ client, authorization, timeoutMs, signal });
    spinner.stop(`Authorized ${provider}.`);
    return 'approved';
  } catch (error) {
    if (OperationAbortedError.isInstance(error)) {
      spinner.stop('Stopped waiting.');
      throw error;
    }
    spinner.stop(`Authorization failed: ${describeFailure(error)}; ask again to retry.`);
    return 'declined';
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
