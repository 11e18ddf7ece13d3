import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { ToolClient } from '@toolgrant/core';
import type { TerminalOutput } from '@toolgrant/example-local-stack/terminal';
import type { InboxAgent } from './create-inbox-agent.js';
import { runChatTurn } from './run-chat-turn.js';

// The terminal chat: a `you › ` prompt, one agent turn per line, until `exit`, Ctrl-D or Ctrl-C.

export interface RunChatOptions {
  agent: InboxAgent;
  client: ToolClient;
  userId: string;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: TerminalOutput & NodeJS.WritableStream;
  authorizationTimeoutMs?: number;
  /** Ends the chat, and the turn in progress: Ctrl-C when the input is not a terminal. */
  signal?: AbortSignal;
}

export async function runChat({
  agent,
  client,
  userId,
  input,
  output,
  authorizationTimeoutMs,
  signal,
}: RunChatOptions): Promise<void> {
  const terminal = Boolean(input.isTTY && output.isTTY);
  const lines = createInterface({ input, output, terminal });
  const interrupted = new AbortController();
  const interrupt = () => {
    interrupted.abort();
    lines.close();
  };
  // In a terminal, readline turns Ctrl-C into this event instead of the process's SIGINT.
  lines.on('SIGINT', interrupt);
  signal?.addEventListener('abort', interrupt, { once: true });
  const turnSignal = signal ? AbortSignal.any([signal, interrupted.signal]) : interrupted.signal;
  // A new memory thread per chat; the store keeps earlier ones.
  const threadId = randomUUID();
  // Ctrl-D, or the end of piped input: the lines already read are still answered.
  let closed = false;
  lines.once('close', () => {
    closed = true;
  });

  let promptShown = false;
  const prompt = () => {
    // Once the input has ended readline cannot prompt, but the transcript still reads as a chat.
    if (closed) output.write('you › ');
    else lines.prompt();
    promptShown = true;
  };

  lines.setPrompt('you › ');
  prompt();
  for await (const line of lines) {
    promptShown = false;
    // Piped input is not echoed by a terminal; echo it so the transcript reads as a chat.
    if (!input.isTTY) output.write(`${line}\n`);
    const text = line.trim();
    if (text === 'exit' || text === 'quit') break;
    if (text !== '') {
      try {
        await runChatTurn({
          agent,
          client,
          text,
          userId,
          threadId,
          output,
          authorizationTimeoutMs,
          signal: turnSignal,
        });
      } catch (error) {
        if (turnSignal.aborted) break;
        output.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    if (turnSignal.aborted) break;
    prompt();
  }
  if (promptShown) output.write('\n');
  lines.close();
  signal?.removeEventListener('abort', interrupt);
}
