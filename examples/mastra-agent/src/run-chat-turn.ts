import { RequestContext } from '@mastra/core/request-context';
import type { ToolClient } from '@toolgrant/core';
import { awaitApproval, type TerminalOutput } from '@toolgrant/example-local-stack/terminal';
import { isAuthorizationSuspendPayload, userIdContextKey } from '@toolgrant/mastra';
import type { InboxAgent } from './create-inbox-agent.js';
import { printAgentStream } from './print-agent-stream.js';

// One turn of the chat in Mastra's own loop. A tool that needs the user's consent suspends the
// run: the link goes to the person (never to the model), the chat long-polls the engine until
// they approve, then resumes the run and prints the answer.

export interface RunChatTurnOptions {
  agent: InboxAgent;
  /** The same client the tools use, to wait for the approval. */
  client: ToolClient;
  text: string;
  /** The end user the tools act for, and whose conversation this is. */
  userId: string;
  /** The Mastra memory thread of this chat. */
  threadId: string;
  output: TerminalOutput;
  /** How long to wait for an approval before giving up; ten minutes unless given. */
  authorizationTimeoutMs?: number;
  signal?: AbortSignal;
}

export async function runChatTurn({
  agent,
  client,
  text,
  userId,
  threadId,
  output,
  authorizationTimeoutMs = 10 * 60 * 1000,
  signal,
}: RunChatTurnOptions): Promise<void> {
  const requestContext = new RequestContext();
  requestContext.set(userIdContextKey, userId);
  const options = {
    requestContext,
    memory: { thread: threadId, resource: userId },
    ...(signal ? { abortSignal: signal } : {}),
  };

  let stream = await agent.stream(text, options);
  for (;;) {
    const suspended = await printAgentStream({ stream, output });
    if (!suspended) return;
    const { toolCallId, suspendPayload } = suspended;
    if (!isAuthorizationSuspendPayload(suspendPayload)) {
      output.write(
        `The run was suspended by ${suspended.toolName} for a reason this chat does not handle.\n`,
      );
      return;
    }
    await awaitApproval({
      client,
      authorization: suspendPayload.authorization,
      output,
      timeoutMs: authorizationTimeoutMs,
      signal,
    });
    // Resumed whatever the outcome: the tool runs after an approval, and otherwise tells the
    // model why it did not, so the conversation in memory stays whole.
    stream = await agent.resumeStream({}, { ...options, runId: stream.runId, toolCallId });
  }
}
