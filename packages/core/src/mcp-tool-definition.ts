import type { McpSource } from './mcp-source.js';

// An MCP server's tool, as `loadMcpTools` lists it: the server's JSON Schema kept as it is, so
// every framework is offered the schema unchanged, and the names the prefix rule gives it.

/** A JSON Schema object, as an MCP server declares a tool's input. */
export type McpJsonSchema = { type: 'object' } & Record<string, unknown>;

/** An MCP tool, with its source and the names the prefix rule gives it. */
export interface McpToolDefinition {
  readonly kind: 'mcp';
  readonly source: McpSource;
  /** The server's name of the tool: `read_notes`. */
  readonly name: string;
  /** Toolgrant's name: `<source>.<tool>`, `notes.read_notes`. */
  readonly qualifiedName: string;
  /** The model-facing name: `notes_read_notes`. */
  readonly toolName: string;
  readonly description: string | undefined;
  /** The server's input schema, unchanged. */
  readonly inputSchema: McpJsonSchema;
}

/** Whether a tool definition is an MCP tool's (the others are Arcade definitions). */
export function isMcpToolDefinition(value: unknown): value is McpToolDefinition {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'mcp'
  );
}
