import type { CallToolResult } from '@modelcontextprotocol/server';
import { type RunOutcome, toModelOutput } from '@toolgrant/core';
import type { ToolExecutionResult } from '@toolgrant/worker/internal';
import type { EngineLogger } from '../shared/engine-logger.js';

// What an MCP client reads for a tool call. The text comes from core's `toModelOutput`, the one
// place that decides what a model reads, so a tool answers alike over MCP and through the
// adapters; a failure is an `isError` result (the model reads it and can act on it), never a
// protocol error, and never carries the developer-only message or logs.

/** The MCP result of an outcome; `structuredContent` when the tool advertises an output schema. */
export function toCallToolResult({
  outcome,
  structured,
}: {
  outcome: RunOutcome;
  /** The tool lists an outputSchema: an object value goes into structuredContent too. */
  structured?: boolean;
}): CallToolResult {
  const text = toModelOutput({ outcome });
  const value = outcome.type === 'completed' ? outcome.value : undefined;
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  return {
    content: [{ type: 'text', text }],
    ...(structured === true && isObject
      ? { structuredContent: value as Record<string, unknown> }
      : {}),
    ...(outcome.type === 'error' ? { isError: true } : {}),
  };
}

/** An execution's result as core's outcome: its value, or its error for the model. */
export function toRunOutcome(result: ToolExecutionResult): RunOutcome {
  if ('value' in result.output) return { type: 'completed', value: result.output.value };
  const { error } = result.output;
  return {
    type: 'error',
    error: {
      kind: error.kind,
      message: error.message,
      canRetry: error.can_retry,
      retryAfterMs: error.retry_after_ms,
      additionalPromptContent: error.additional_prompt_content,
    },
  };
}

/**
 * The result of a call the engine failed to run (not the tool's own error): the client reads
 * that it failed and may not have run; what went wrong is for the log, never the client.
 */
export function engineFailureResult({
  logger,
  toolName,
  error,
}: {
  logger: EngineLogger;
  toolName: string;
  error: unknown;
}): CallToolResult {
  logger.error(`MCP tools/call ${toolName} failed`, {
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  });
  return {
    content: [
      {
        type: 'text',
        text: 'The engine failed to run this tool; the details are in the engine log. The tool may not have run; try again later.',
      },
    ],
    isError: true,
  };
}
