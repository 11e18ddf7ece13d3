import { createInterface } from 'node:readline';

// The terminal loop: a `you › ` prompt, one turn per line, until `exit`, Ctrl-D or Ctrl-C.
// Ctrl-C (or `signal`) also cuts short a turn in progress (a model call, a wait for approval);
// input that is piped in and ends lets the last turn finish first.

export const promptText = 'you › ';

export interface RunChatOptions {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
  /** Runs one turn; stops early when `signal` aborts. */
  respond: (text: string, signal: AbortSignal) => Promise<void>;
  /** Ends the chat, as Ctrl-C does: the process's SIGINT when input is not a terminal. */
  signal?: AbortSignal;
}

export async function runChat({ input, output, respond, signal }: RunChatOptions): Promise<void> {
  const lines = createInterface({ input, output, terminal: Boolean(input.isTTY) });
  const stop = new AbortController();
  const interrupt = () => {
    stop.abort();
    lines.close();
  };
  // In a terminal, readline reads Ctrl-C as a key, and Ctrl-D closes it.
  lines.on('SIGINT', interrupt);
  if (input.isTTY) lines.on('close', () => stop.abort());
  if (signal?.aborted) interrupt();
  signal?.addEventListener('abort', interrupt, { once: true });

  try {
    lines.setPrompt(promptText);
    lines.prompt();
    for await (const line of lines) {
      const text = line.trim();
      if (text === 'exit' || text === 'quit') break;
      if (text !== '') {
        try {
          await respond(text, stop.signal);
        } catch (error) {
          if (stop.signal.aborted) break;
          output.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
      if (stop.signal.aborted) break;
      lines.prompt();
    }
  } finally {
    signal?.removeEventListener('abort', interrupt);
    lines.close();
  }
}
