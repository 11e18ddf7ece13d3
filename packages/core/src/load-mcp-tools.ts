import type { McpSource } from './mcp-source.js';
import type { McpJsonSchema, McpToolDefinition } from './mcp-tool-definition.js';
import { toMcpTransportError } from './mcp-transport-error.js';
import { toToolName } from './tool-name.js';
import { ToolNameCollisionError } from './tool-name-collision-error.js';
import { createToolgrantSession, type ToolgrantSession } from './toolgrant-session.js';

// Lists the tools of one or more MCP sources, with their JSON Schemas, under the prefix rule
// (see mcp-source.ts). The list of each source is loaded once per session.

/** Options of `loadMcpTools`. */
export interface LoadMcpToolsOptions {
  sources: readonly McpSource[];
  /** Keeps each source's connection and tool list; a new one unless given. */
  session?: ToolgrantSession;
  signal?: AbortSignal;
}

/**
 * The tools of every source, prefixed with the source's name. Throws `ToolNameCollisionError`
 * when two would reach the model under one name (two sources with one name, for example).
 */
export async function loadMcpTools({
  sources,
  session = createToolgrantSession(),
  signal,
}: LoadMcpToolsOptions): Promise<McpToolDefinition[]> {
  const lists = await Promise.all(
    sources.map((source) =>
      session.mcp.tools(source, () => listTools({ source, session, signal })),
    ),
  );
  const byName = new Map<string, McpToolDefinition>();
  for (const definition of lists.flat()) {
    const existing = byName.get(definition.toolName);
    if (existing) {
      throw new ToolNameCollisionError({
        toolName: definition.toolName,
        sameTool: existing.qualifiedName === definition.qualifiedName,
        tools: [existing.qualifiedName, definition.qualifiedName],
      });
    }
    byName.set(definition.toolName, definition);
  }
  return [...byName.values()];
}

async function listTools({
  source,
  session,
  signal,
}: {
  source: McpSource;
  session: ToolgrantSession;
  signal: AbortSignal | undefined;
}): Promise<McpToolDefinition[]> {
  const connection = await session.mcp.connect(source, { signal });
  let tools: Awaited<ReturnType<typeof connection.client.listTools>>['tools'];
  try {
    ({ tools } = await connection.client.listTools(undefined, { signal }));
  } catch (error) {
    session.mcp.drop(source, connection);
    throw toMcpTransportError({
      source,
      operation: `Listing the tools of MCP source '${source.name}'`,
      error,
    });
  }
  return tools.map((tool) => {
    const qualifiedName = `${source.name}.${tool.name}`;
    return Object.freeze({
      kind: 'mcp',
      source,
      name: tool.name,
      qualifiedName,
      toolName: toToolName(qualifiedName),
      description: tool.description,
      inputSchema: tool.inputSchema as McpJsonSchema,
    });
  });
}
