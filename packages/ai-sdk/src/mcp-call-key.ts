import type { McpToolDefinition } from '@toolgrant/core';

/** The key under which the session keeps what an MCP tool call's first request answered. */
export function mcpCallKey({
  definition,
  toolCallId,
}: {
  definition: McpToolDefinition;
  toolCallId: string;
}): string {
  return `${definition.qualifiedName}:${toolCallId}`;
}
