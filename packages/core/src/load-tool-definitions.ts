import { loadMcpTools } from './load-mcp-tools.js';
import { type LoadToolsOptions, loadTools } from './load-tools.js';
import type { McpSource } from './mcp-source.js';
import type { AnyToolDefinition } from './to-tool-entries.js';
import type { ToolClient } from './tool-client.js';
import { createToolgrantSession } from './toolgrant-session.js';

// What every adapter's `create*Tools` loads: the engine's tools (when given a client), the MCP
// sources' tools (when given `mcpSources`), or both.

/** Options of `loadToolDefinitions`: `loadTools`' with the client optional, and MCP sources. */
export interface LoadToolDefinitionsOptions extends Omit<LoadToolsOptions, 'client'> {
  client?: ToolClient | undefined;
  mcpSources?: readonly McpSource[] | undefined;
  /** The adapter's function, named in the error when neither is given. */
  createFunction: string;
}

/** The engine's tools and the MCP sources' tools, in that order. */
export async function loadToolDefinitions({
  client,
  mcpSources = [],
  createFunction,
  session = createToolgrantSession(),
  ...options
}: LoadToolDefinitionsOptions): Promise<AnyToolDefinition[]> {
  if (client === undefined && mcpSources.length === 0) {
    throw new TypeError(
      `${createFunction} needs a client (an Arcade client for the engine's tools), mcpSources (MCP servers, made with mcpSource), or both.`,
    );
  }
  const [arcade, mcp] = await Promise.all([
    client === undefined ? [] : loadTools({ ...options, client, session }),
    mcpSources.length === 0
      ? []
      : loadMcpTools({ sources: mcpSources, session, signal: options.signal }),
  ]);
  return [...arcade, ...mcp];
}
