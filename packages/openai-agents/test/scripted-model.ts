import type {
  Model,
  ModelRequest,
  ModelResponse,
  StreamEvent,
  StreamEventResponseCompleted,
} from '@openai/agents';

// The SDK's `Model` interface, implemented here and scripted turn by turn: each call of the model
// (`getResponse`, or `getStreamedResponse` for a streamed run) plays the next turn, tool calls or
// text, and records the request, so a test can read everything the model saw and was offered.

/** One turn of the model: the tool calls it makes, or its final text. */
export interface ModelTurn {
  toolCalls?: { callId: string; name: string; input: unknown }[];
  text?: string;
}

const usage = {
  requests: 1,
  inputTokens: 10,
  outputTokens: 5,
  totalTokens: 15,
};

export function scriptedModel(turns: readonly ModelTurn[]): {
  model: Model;
  /** Every request the model received, in order. */
  requests: ModelRequest[];
} {
  const requests: ModelRequest[] = [];

  function play(request: ModelRequest): ModelResponse['output'] {
    requests.push(request);
    const turn = turns[requests.length - 1];
    if (!turn) {
      throw new Error(
        `The scripted model has ${turns.length} turns; call ${requests.length} has none.`,
      );
    }
    const output: ModelResponse['output'] = (turn.toolCalls ?? []).map((call) => ({
      type: 'function_call',
      callId: call.callId,
      name: call.name,
      arguments: JSON.stringify(call.input),
      status: 'completed',
    }));
    if (turn.text !== undefined) {
      output.push({
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: turn.text }],
      });
    }
    return output;
  }

  const model: Model = {
    async getResponse(request) {
      return { usage: { ...usage } as ModelResponse['usage'], output: play(request) };
    },
    async *getStreamedResponse(request): AsyncIterable<StreamEvent> {
      // The SDK types a streamed response's output more narrowly than a response's; the items
      // played here (function calls and assistant messages) are in both.
      const output = play(request) as StreamEventResponseCompleted['response']['output'];
      yield { type: 'response_started' };
      yield {
        type: 'response_done',
        response: { id: `response-${requests.length}`, usage, output },
      };
    },
  };
  return { model, requests };
}

/** Everything the model was sent, as one string, for scanning. */
export function requestText(requests: readonly ModelRequest[]): string {
  return JSON.stringify(
    requests.map(({ input, systemInstructions, tools }) => ({ input, systemInstructions, tools })),
  );
}

/** The output of the function call result the request's input ends with, as the model reads it. */
export function lastToolOutput(request: ModelRequest | undefined): string {
  const input = request?.input;
  const last = Array.isArray(input) ? input.at(-1) : undefined;
  if (last?.type !== 'function_call_result') {
    throw new Error('The request does not end with a function call result.');
  }
  const { output } = last;
  if (typeof output === 'string') return output;
  if (!Array.isArray(output) && output.type === 'text') return output.text;
  return JSON.stringify(output);
}
