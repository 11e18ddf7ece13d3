import { HumanMessage } from '@langchain/core/messages';
import { Command } from '@langchain/langgraph';
import type { ToolClient } from '@toolgrant/core';
import { awaitApproval, type TerminalOutput } from '@toolgrant/example-local-stack/terminal';
import { type AuthorizationResumeValue, getAuthorizationInterrupts } from '@toolgrant/langchain';
import type { ChatAgent } from './create-chat-agent.js';

// One thing the person typed, through to the agent's answer. A tool that needs consent
// interrupts the run; the person approves at the link, and the run resumes where it paused.

export interface ChatTurnOptions {
  agent: ChatAgent;
  client: ToolClient;
  text: string;
  /** The chat session: its thread in the checkpointer, and the user the tools act for. */
  session: { threadId: string; userId: string };
  output: TerminalOutput;
  /** How long to wait for the person to approve; core's default (ten minutes) unless given. */
  authorizationTimeoutMs?: number;
  signal?: AbortSignal;
}

export async function runChatTurn({
  agent,
  client,
  text,
  session,
  output,
  authorizationTimeoutMs,
  signal,
}: ChatTurnOptions): Promise<void> {
  const config = {
    configurable: { thread_id: session.threadId, user_id: session.userId },
    signal,
  };
  let state = await agent.invoke({ messages: [new HumanMessage(text)] }, config);
  let failed = false;

  for (
    let pending = getAuthorizationInterrupts(state);
    pending.length > 0;
    pending = getAuthorizationInterrupts(state)
  ) {
    const answers: AuthorizationResumeValue[] = [];
    for (const { authorization } of pending) {
      const outcome = await awaitApproval({
        client,
        authorization,
        output,
        timeoutMs: authorizationTimeoutMs,
        signal,
      });
      if (outcome === 'declined') failed = true;
      answers.push(outcome === 'approved' ? {} : { declined: true });
    }
    // One the person did not approve (declined, failed, timed out) is resumed as declined: the
    // tool tells the model it did not run, and the thread stays whole for the next question.
    const resume =
      pending.length === 1
        ? answers[0]
        : Object.fromEntries(
            pending.map(({ interruptId }, index) => [interruptId, answers[index]]),
          );
    state = await agent.invoke(new Command({ resume }), config);
  }

  // After a failed authorization the person has read why; the model's retelling is left out.
  if (failed) return;
  const answer = state.messages.at(-1)?.text ?? '';
  output.write(`agent › ${answer}\n`);
}
