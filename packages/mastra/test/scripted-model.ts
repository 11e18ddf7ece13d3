import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';

// The AI SDK's own mock model, scripted turn by turn: each call of the model (`generate` or
// `stream`) plays the next turn, tool calls or text, and records the prompt and the tools it was
// given, so a test can read everything the model saw and was offered.

type CallOptions = Parameters<MockLanguageModelV4['doGenerate']>[0];
type GenerateResult = Awaited<ReturnType<MockLanguageModelV4['doGenerate']>>;
type StreamPart =
  Awaited<ReturnType<MockLanguageModelV4['doStream']>>['stream'] extends ReadableStream<infer Part>
    ? Part
    : never;

export interface ModelTurn {
  toolCalls?: { toolCallId: string; toolName: string; input: unknown }[];
  text?: string;
}

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

/** What one call of the model was given: the messages, system prompt first. */
export type ModelPrompt = CallOptions['prompt'];

/** The tools one call of the model was offered. */
export type OfferedTools = NonNullable<CallOptions['tools']>;

export function scriptedModel(turns: ModelTurn[]): {
  model: MockLanguageModelV4;
  prompts: ModelPrompt[];
  offeredTools: OfferedTools[];
} {
  const prompts: ModelPrompt[] = [];
  const offeredTools: OfferedTools[] = [];

  function play({ prompt, tools }: CallOptions): GenerateResult {
    prompts.push(prompt);
    offeredTools.push(tools ?? []);
    const turn = turns[prompts.length - 1];
    if (!turn) {
      throw new Error(
        `The scripted model has ${turns.length} turns; call ${prompts.length} has none.`,
      );
    }
    const content: GenerateResult['content'] = [];
    if (turn.text !== undefined) content.push({ type: 'text', text: turn.text });
    for (const call of turn.toolCalls ?? []) {
      content.push({
        type: 'tool-call',
        toolCallId: call.toolCallId,
        toolName: call.toolName,
        input: JSON.stringify(call.input),
      });
    }
    return {
      content,
      finishReason: { unified: turn.toolCalls ? 'tool-calls' : 'stop', raw: undefined },
      usage,
      warnings: [],
    };
  }

  const model = new MockLanguageModelV4({
    doGenerate: async (options) => play(options),
    doStream: async (options) => {
      const { content, finishReason } = play(options);
      const parts: StreamPart[] = [{ type: 'stream-start', warnings: [] }];
      for (const part of content) {
        if (part.type === 'text') {
          parts.push(
            { type: 'text-start', id: 't' },
            { type: 'text-delta', id: 't', delta: part.text },
            { type: 'text-end', id: 't' },
          );
        } else if (part.type === 'tool-call') {
          parts.push(part);
        }
      }
      parts.push({ type: 'finish', finishReason, usage });
      return { stream: convertArrayToReadableStream(parts) };
    },
  });
  return { model, prompts, offeredTools };
}

/** Everything the model was shown, as one string, for scanning. */
export function promptText(prompts: readonly unknown[]): string {
  return JSON.stringify(prompts);
}
