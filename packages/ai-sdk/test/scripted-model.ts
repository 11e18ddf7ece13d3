// A mock model's `doGenerate`, scripted turn by turn: each turn sees the prompt the AI SDK
// built and answers with a tool call or text. Every prompt is kept, to check what the model read,
// and the tools of every call, to check what the model was offered.

export interface ScriptedCall {
  prompt: unknown;
}

export type Turn =
  | { toolCall: { toolName: string; input: unknown } }
  | { text: string }
  | ((prompt: unknown) => { toolCall: { toolName: string; input: unknown } } | { text: string });

/** A function tool as the AI SDK hands it to a model (LanguageModelV3 and V4 alike). */
export interface OfferedTool {
  type: string;
  name: string;
  description?: string;
  inputSchema?: unknown;
}

export function scriptedModel({ turns }: { turns: Turn[] }) {
  const prompts: unknown[] = [];
  const offeredTools: OfferedTool[][] = [];
  let callIndex = 0;
  const usage = {
    inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 1, text: 1, reasoning: undefined },
  };
  const doGenerate = async ({ prompt, tools }: { prompt: unknown; tools?: unknown }) => {
    prompts.push(prompt);
    offeredTools.push((tools ?? []) as OfferedTool[]);
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
    offeredTools,
    /** Everything the model was sent, as text: for checking that no secret reached it. */
    allPromptText: () => JSON.stringify(prompts),
    /** The text of each tool result in one prompt (the last unless given), in order. */
    toolResultTexts: (index = prompts.length - 1): string[] => {
      const prompt = (prompts[index] ?? []) as { role: string; content: unknown }[];
      return prompt
        .filter((message) => message.role === 'tool')
        .flatMap((message) => message.content as { type: string; output?: { value?: unknown } }[])
        .filter((part) => part.type === 'tool-result')
        .map((part) => {
          const value = part.output?.value;
          return typeof value === 'string' ? value : JSON.stringify(value);
        });
    },
    /** The tool results in the model's last prompt, as text. */
    lastToolResults: () => {
      const last = prompts.at(-1) as { role: string; content: unknown }[] | undefined;
      return JSON.stringify(last?.filter((message) => message.role === 'tool') ?? []);
    },
  };
}
