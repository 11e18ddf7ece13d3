import {
  type AgentInputItem,
  Runner,
  RunState,
  type RunToolApprovalItem,
  user,
} from '@openai/agents';
import type { ToolClient } from '@toolgrant/core';
import { awaitApproval, type TerminalOutput } from '@toolgrant/example-local-stack/terminal';
import { getAuthorizationInterruptions, type ToolgrantRunContext } from '@toolgrant/openai-agents';
import type { ChatAgent } from './create-chat-agent.js';

// One thing the person typed, through to the agent's answer. A tool that needs consent
// interrupts the run; the person approves at the link, the chat approves the interruption and
// resumes the run. The paused run is kept as the string `RunState.toString()` gives, as a server
// would store it between requests, and restored from it: nothing else carries over.

export interface ChatSession {
  /** The end user the tools act for. */
  userId: string;
  /** The conversation so far, as the Runner hands it back. */
  history: AgentInputItem[];
}

export interface ChatTurnOptions {
  agent: ChatAgent;
  client: ToolClient;
  text: string;
  session: ChatSession;
  output: TerminalOutput;
  /** How long to wait for the person to approve; core's default (ten minutes) unless given. */
  authorizationTimeoutMs?: number;
  signal?: AbortSignal;
}

const runner = new Runner({ tracingDisabled: true });

export async function runChatTurn({
  agent,
  client,
  text,
  session,
  output,
  authorizationTimeoutMs,
  signal,
}: ChatTurnOptions): Promise<void> {
  const context: ToolgrantRunContext = { userId: session.userId };
  let result = await runner.run(agent, [...session.history, user(text)], { context, signal });
  let failed = false;

  while (result.interruptions.length > 0) {
    const saved = result.state.toString();
    const pending = getAuthorizationInterruptions(result);
    const state = await RunState.fromString<ToolgrantRunContext, ChatAgent>(agent, saved);
    for (const interruption of state.getInterruptions()) {
      const toolgrant = pending.find(({ toolCallId }) => toolCallId === callIdOf(interruption));
      const outcome = toolgrant
        ? await awaitApproval({
            client,
            authorization: toolgrant.authorization,
            output,
            timeoutMs: authorizationTimeoutMs,
            signal,
          })
        : 'declined';
      // Not approved (declined, failed, timed out): rejected, so the tool tells the model it did
      // not run and the conversation stays whole for the next question.
      if (outcome === 'approved') state.approve(interruption);
      else {
        failed = true;
        state.reject(interruption);
      }
    }
    result = await runner.run(agent, state, { signal });
  }

  session.history = result.history;
  // After a failed authorization the person has read why; the model's retelling is left out.
  if (failed) return;
  output.write(`agent › ${result.finalOutput ?? ''}\n`);
}

function callIdOf({ rawItem }: RunToolApprovalItem): string | undefined {
  return rawItem.type === 'function_call' ? rawItem.callId : undefined;
}
