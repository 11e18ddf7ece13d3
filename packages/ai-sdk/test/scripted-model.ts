// A mock model's `doGenerate`, scripted turn by turn: each turn sees the prompt the AI SDK
// built and answers with a tool call or text. Every prompt is kept, to check what the model read.

export interface ScriptedCall {
  prompt: unknown;
}

export type Turn =
  | { toolCall: { toolName: string; input: unknown } }
  | { text: string }
  | ((prompt: unknown) => { toolCall: { toolName: string; input: unknown } } | { text: string });

export function scriptedModel({ turns }: { turns: Turn[] }) {
  const prompts: unknown[] = [];
  let callIndex = 0;
  const usage = {
    inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 1, text: 1, reasoning: undefined },
  };
  const doGenerate = async ({ prompt }: { prompt: unknown }) => {
    prompts.push(prompt);
    const turn = turns[callIndex];
    callIndex++;
    if (turn === undefined)
      throw new Error(`the model was called ${callIndex} times, scripted for ${turns.length}`);
    const answer = typeof turn === 'function' ? turn(prompt) : turn;
    if ('toolCall' in answer) {
      return {
        content: [
          {
            type: 'tool-call' as const,
            // Unique, as a provider's are: the adapter tells calls apart by this id.
            toolCallId: `call-${callIndex}-${crypto.randomUUID()}`,
            toolName: answer.toolCall.toolName,
            input: JSON.stringify(answer.toolCall.input),
          },
        ],
        finishReason: { unified: 'tool-calls' as const, raw: 'tool_calls' },
        usage,
        warnings: [],
      };
    }
    return {
      content: [{ type: 'text' as const, text: answer.text }],
      finishReason: { unified: 'stop' as const, raw: 'stop' },
      usage,
      warnings: [],
    };
  };
  return {
    doGenerate,
    prompts,
    /** Everything the model was sent, as text: for checking that no secret reached it. */
    allPromptText: () => JSON.stringify(prompts),
    /** The tool results in the model's last prompt, as text. */
    lastToolResults: () => {
      const last = prompts.at(-1) as { role: string; content: unknown }[] | undefined;
      return JSON.stringify(last?.filter((message) => message.role === 'tool') ?? []);
    },
  };
}
