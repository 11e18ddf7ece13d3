import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { type ScriptedConversation, type ScriptedStep, scriptedReply } from './scripted-reply.js';

// The scripted demo model as an AI SDK language model (specification v4), for the AI SDK and
// Mastra examples. It reads the prompt the framework built, as a real model would, and streams
// its text word by word so the chat looks like one.

const usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 0, text: 0, reasoning: undefined },
};

export function scriptedLanguageModel(): LanguageModelV4 {
  return {
    specificationVersion: 'v4',
    provider: 'toolgrant-demo',
    modelId: 'scripted',
    supportedUrls: {},
    async doGenerate(options: LanguageModelV4CallOptions) {
      const step = scriptedReply(readConversation(options));
      return {
        content: [toContent(step)],
        finishReason: finishReasonOf(step),
        usage,
        warnings: [],
      };
    },
    async doStream(options: LanguageModelV4CallOptions) {
      const step = scriptedReply(readConversation(options));
      return { stream: streamOf(step) };
    },
  };
}

function toContent(step: ScriptedStep): LanguageModelV4Content {
  if (step.type === 'text') return { type: 'text', text: step.text };
  return {
    type: 'tool-call',
    toolCallId: `call-${crypto.randomUUID()}`,
    toolName: step.toolName,
    input: JSON.stringify(step.input),
  };
}

function finishReasonOf(step: ScriptedStep) {
  return step.type === 'text'
    ? { unified: 'stop' as const, raw: 'stop' }
    : { unified: 'tool-calls' as const, raw: 'tool_calls' };
}

function streamOf(step: ScriptedStep): ReadableStream<LanguageModelV4StreamPart> {
  const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
  if (step.type === 'text') {
    const id = crypto.randomUUID();
    parts.push({ type: 'text-start', id });
    for (const word of step.text.split(/(?<=\s)/))
      parts.push({ type: 'text-delta', id, delta: word });
    parts.push({ type: 'text-end', id });
  } else {
    parts.push(toContent(step) as LanguageModelV4StreamPart);
  }
  parts.push({ type: 'finish', finishReason: finishReasonOf(step), usage });
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

/**
 * The user's latest words, the tools offered and, when the prompt ends with tool results, the
 * last of them.
 */
function readConversation({
  prompt,
  tools = [],
}: LanguageModelV4CallOptions): ScriptedConversation {
  const offeredToolNames = tools.map((tool) => tool.name);
  const lastUser = prompt.findLast((message) => message.role === 'user');
  const userText =
    lastUser?.content
      .map((part) => (part.type === 'text' ? part.text : ''))
      .join(' ')
      .trim() ?? '';
  const last = prompt.at(-1);
  if (last?.role !== 'tool') return { userText, offeredToolNames };
  const result = last.content.findLast((part) => part.type === 'tool-result');
  if (!result) return { userText, offeredToolNames };
  return {
    userText,
    offeredToolNames,
    toolResult: { toolName: result.toolName, text: outputText(result.output) },
  };
}

function outputText(output: { type: string; value?: unknown; reason?: string }): string {
  if (output.type === 'execution-denied') {
    return `The call was not run: ${output.reason ?? 'the user declined it.'}`;
  }
  if (typeof output.value === 'string') return output.value;
  return JSON.stringify(output.value ?? output);
}
