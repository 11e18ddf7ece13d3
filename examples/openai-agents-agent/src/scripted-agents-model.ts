import type { AgentInputItem, Model, ModelRequest, ModelResponse } from '@openai/agents';
import { type ScriptedConversation, scriptedReply } from '@toolgrant/example-local-stack';

// The local stack's scripted demo model behind the OpenAI Agents SDK's `Model` interface, so the
// example runs without a key. It reads the items the Runner sends, as a real model would, and
// answers with a message or a function call that the Runner's loop runs.

const usage = { requests: 1, inputTokens: 0, outputTokens: 0, totalTokens: 0 };

export class ScriptedAgentsModel implements Model {
  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    const step = scriptedReply(readConversation(request.input));
    const output: ModelResponse['output'] =
      step.type === 'text'
        ? [
            {
              type: 'message',
              role: 'assistant',
              status: 'completed',
              content: [{ type: 'output_text', text: step.text }],
            },
          ]
        : [
            {
              type: 'function_call',
              callId: `call-${crypto.randomUUID()}`,
              name: step.toolName,
              arguments: JSON.stringify(step.input),
              status: 'completed',
            },
          ];
    return { usage: { ...usage } as ModelResponse['usage'], output };
  }

  // The chat does not stream; a streamed run would need the events of a real model.
  // biome-ignore lint/correctness/useYield: never streams
  async *getStreamedResponse(): AsyncIterable<never> {
    throw new Error('The scripted demo model does not stream; run without { stream: true }.');
  }
}

/** The user's latest words and, when the input ends with a tool's answer, that answer. */
function readConversation(input: string | AgentInputItem[]): ScriptedConversation {
  if (typeof input === 'string') return { userText: input };
  const userText = textOf(input.findLast((item) => 'role' in item && item.role === 'user'));
  const last = input.at(-1);
  if (last?.type !== 'function_call_result') return { userText };
  const { output } = last;
  const text =
    typeof output === 'string'
      ? output
      : !Array.isArray(output) && output.type === 'text'
        ? output.text
        : JSON.stringify(output);
  return { userText, toolResult: { toolName: last.name, text } };
}

function textOf(item: AgentInputItem | undefined): string {
  if (!item || !('content' in item)) return '';
  const { content } = item;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: { type?: string; text?: string }) => (part.type === 'input_text' ? part.text : ''))
    .join('');
}
