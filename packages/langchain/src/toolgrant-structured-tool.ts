import { ToolMessage } from '@langchain/core/messages';
import {
  DynamicStructuredTool,
  type DynamicStructuredToolInput,
  type StructuredToolCallInput,
  type ToolReturnType,
  type ToolRunnableConfig,
} from '@langchain/core/tools';
import {
  type RunOutcome,
  type ToolDefinition,
  toModelOutput,
  validateToolInput,
} from '@toolgrant/core';

// LangChain checks a model's arguments against the tool's Zod schema before the tool runs, and
// cannot take core's checks instead (`tool()` accepts no Standard Schema). So core checks first:
// the nulls a strict-mode model sends for optional arguments are removed, and bad arguments are
// answered with core's message as an error `ToolMessage`, returned rather than thrown, so that
// no stack trace reaches the model. The Zod schema stays what the model is shown.

export interface ToolgrantStructuredToolFields extends DynamicStructuredToolInput {
  definition: ToolDefinition;
}

interface ToolCallShape {
  type: 'tool_call';
  id?: string | undefined;
  args: unknown;
}

function isToolCall(value: unknown): value is ToolCallShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'tool_call'
  );
}

export class ToolgrantStructuredTool extends DynamicStructuredTool {
  readonly definition: ToolDefinition;

  constructor({ definition, ...fields }: ToolgrantStructuredToolFields) {
    super(fields);
    this.definition = definition;
  }

  override async call<
    TArg extends StructuredToolCallInput,
    TConfig extends ToolRunnableConfig | undefined,
  >(
    arg: TArg,
    configArg?: TConfig,
    tags?: string[],
  ): Promise<ToolReturnType<TArg, TConfig, unknown>> {
    const toolCall = isToolCall(arg) ? arg : undefined;
    const validation = validateToolInput(this.definition, toolCall ? toolCall.args : arg);
    if (validation.success) {
      const input = toolCall ? { ...toolCall, args: validation.input } : validation.input;
      return super.call(input as TArg, configArg, tags);
    }
    // What `runTool` answers for bad input, without a request.
    const outcome: RunOutcome = {
      type: 'error',
      error: {
        kind: 'TOOL_RUNTIME_BAD_INPUT_VALUE',
        message: validation.message,
        canRetry: true,
        retryAfterMs: undefined,
        additionalPromptContent: undefined,
      },
    };
    const content = toModelOutput({ outcome });
    const toolCallId = toolCall?.id ?? configArg?.toolCall?.id;
    // Without a tool call id, LangChain's own tools return the content alone too.
    if (toolCallId === undefined) return content as ToolReturnType<TArg, TConfig, unknown>;
    return new ToolMessage({
      status: 'error',
      content,
      artifact: outcome,
      tool_call_id: toolCallId,
      name: this.name,
      metadata: this.metadata,
    }) as ToolReturnType<TArg, TConfig, unknown>;
  }
}
