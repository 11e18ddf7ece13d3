import { isMcpToolDefinition, type McpToolDefinition } from './mcp-tool-definition.js';
import type { ToolDefinition } from './tool-definition.js';
import { toToolNames } from './tool-name.js';
import { ToolNameCollisionError } from './tool-name-collision-error.js';

// For adapters that take Arcade definitions and MCP tools side by side: every tool under its
// model-facing name, checked once for names that would collide across the two kinds.

/** A tool an adapter builds: an Arcade definition or an MCP tool. */
export type AnyToolDefinition = ToolDefinition | McpToolDefinition;

/** The model-facing name of every tool, Arcade and MCP; throws `ToolNameCollisionError` on a clash. */
export function toToolEntries(
  definitions: readonly AnyToolDefinition[],
): Array<[string, AnyToolDefinition]> {
  const mcp = definitions.filter(isMcpToolDefinition);
  const arcade = definitions.filter(
    (definition): definition is ToolDefinition => !isMcpToolDefinition(definition),
  );
  const entries = new Map<string, AnyToolDefinition>(toToolNames(arcade));
  for (const definition of mcp) {
    const existing = entries.get(definition.toolName);
    if (existing) {
      throw new ToolNameCollisionError({
        toolName: definition.toolName,
        sameTool: false,
        tools: [
          isMcpToolDefinition(existing) ? existing.qualifiedName : existing.qualified_name,
          definition.qualifiedName,
        ],
      });
    }
    entries.set(definition.toolName, definition);
  }
  return [...entries];
}
