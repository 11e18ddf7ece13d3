import type { TerminalOutput } from '@toolgrant/example-local-stack/terminal';
import type { InboxAgent } from './create-inbox-agent.js';

export interface Suspension {
  toolCallId: string;
  toolName: string;
  suspendPayload: unknown;
}

type AgentStream = Awaited<ReturnType<InboxAgent['stream']>>;

/** Prints the agent's words as they stream; returns the suspension the run ended with, if any. */
export async function printAgentStream({
  stream,
  output,
}: {
  stream: AgentStream;
  output: TerminalOutput;
}): Promise<Suspension | undefined> {
  let suspension: Suspension | undefined;
  let speaking = false;
  const endLine = () => {
    if (speaking) output.write('\n');
    speaking = false;
  };
  for await (const chunk of stream.fullStream) {
    if (chunk.type === 'text-delta') {
      if (!speaking) output.write('agent › ');
      speaking = true;
      output.write(chunk.payload.text);
    } else if (chunk.type === 'tool-call-suspended') {
      endLine();
      const { toolCallId, toolName, suspendPayload } = chunk.payload;
      suspension = { toolCallId, toolName, suspendPayload };
    } else if (chunk.type === 'tool-error') {
      endLine();
      output.write(`(${chunk.payload.toolName} failed: ${messageOf(chunk.payload.error)})\n`);
    } else if (chunk.type === 'error') {
      endLine();
      output.write(`Error: ${messageOf(chunk.payload.error)}\n`);
    }
  }
  endLine();
  return suspension;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
