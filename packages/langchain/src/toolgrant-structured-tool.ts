import { ToolMessage } from '@langchain/core/messages';
import {
  DynamicStructuredTool,
  type DynamicStructuredToolInput,
  type StructuredToolCallInput,
  type ToolRunnableConfig,
} from '@langchain/core/tools';
import {
  type RunOutcome,
  type ToolDefinition,
  type ToolInputValidation,
  toModelOutput,
  validateToolInput,
} from '@toolgrant/core';

// LangChain checks a model's arguments against the tool's Zod schema before the tool runs, and
// cannot take core's checks instead (`tool()` accepts no Standard Schema). So core checks first,
// in `invoke` — the public entry that agents' tool nodes, `batch` and `stream` go through: the
// nulls a strict-mode model sends for optional arguments are removed, and bad arguments are
// answered with core's message as an error `ToolMessage`, returned rather than thrown, so that
// no stack trace reaches the model. The Zod schema stays what the model is shown.

/** The fields of a `ToolgrantStructuredTool`: LangChain's, with how core checks the arguments. */
export type ToolgrantStructuredToolFields = DynamicStructuredToolInput &
  (
    | { definition: ToolDefinition; validate?: undefined }
    /** An MCP tool: its arguments are checked against its JSON Schema. */
    | { definition?: undefined; validate: (input: unknown) => ToolInputValidation }
  );

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

/** A LangChain structured tool whose arguments core checks before LangChain parses them. */
export class ToolgrantStructuredTool extends DynamicStructuredTool {
  readonly validate: (input: unknown) => ToolInputValidation;

  constructor({ definition, validate, ...fields }: ToolgrantStructuredToolFields) {
    super(fields);
    this.validate = validate ?? ((input) => validateToolInput(definition, input));
  }

  // Typed as LangChain types a dynamic tool's result: a `ToolMessage` or the content.
  override async invoke(
    input: StructuredToolCallInput,
    config?: ToolRunnableConfig,
  ): ReturnType<DynamicStructuredTool['invoke']> {
    const toolCall = isToolCall(input) ? input : undefined;
    const validation = this.validate(toolCall ? toolCall.args : input);
    if (validation.success) {
      return super.invoke(
        toolCall ? { ...toolCall, args: validation.input } : validation.input,
        config,
      );
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
    const toolCallId = toolCall?.id ?? config?.toolCall?.id;
    // Without a tool call id, LangChain's own tools return the content alone too.
    if (toolCallId === undefined) return content;
    return new ToolMessage({
      status: 'error',
      content,
      artifact: outcome,
      tool_call_id: toolCallId,
      name: this.name,
      metadata: this.metadata,
    });
  }
}
