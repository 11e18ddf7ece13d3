import {
  AuthorizationFailedError,
  AuthorizationTimeoutError,
  type ToolClient,
  waitForAuthorization,
} from '@toolgrant/core';
import type { AuthorizationSuspendPayload } from '@toolgrant/mastra';
import { startSpinner } from './start-spinner.js';
import type { TerminalOutput } from './terminal-output.js';

/**
 * Shows the person the link, then long-polls the engine (core's waitForAuthorization) under a
 * spinner until they approve. A refusal or a timeout is printed plainly; the chat goes on.
 */
export async function awaitApproval({
  client,
  authorization,
  output,
  timeoutMs,
  signal,
}: {
  client: ToolClient;
  authorization: AuthorizationSuspendPayload['authorization'];
  output: TerminalOutput;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}): Promise<void> {
  const provider = authorization.providerId ?? 'the service';
  if (!authorization.url) {
    output.write(`Authorization failed: ${provider} gave no link to follow; ask again to retry.\n`);
    return;
  }
  output.write(`Authorize ${provider}: ${authorization.url}\n`);
  const spinner = startSpinner({ output, text: 'Waiting for you to approve in the browser…' });
  try {
    await waitForAuthorization({ client, authorization, timeoutMs, signal });
    spinner.stop();
    output.write(`Authorized ${provider}.\n`);
  } catch (error) {
    spinner.stop();
    if (AuthorizationFailedError.isInstance(error)) {
      output.write(
        'Authorization failed: it was declined, or the provider returned an error; ask again to retry.\n',
      );
    } else if (AuthorizationTimeoutError.isInstance(error)) {
      output.write(
        `Authorization failed: it was not approved within ${formatDuration(timeoutMs)}; ask again to retry.\n`,
      );
    } else {
      throw error;
    }
  }
}

function formatDuration(milliseconds: number): string {
  const seconds = Math.round(milliseconds / 1000);
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
