import type { Tool } from '@modelcontextprotocol/server';
import type { RegisteredTool } from '../tools/tool-registry.js';
import type { McpToolSelection } from './mcp-tool-selection.js';
import { toMcpTool } from './to-mcp-tool.js';

// The registry's tools as the MCP endpoint serves them. Each tool's MCP description is built
// once (the registry hands out new objects when workers' tools change), and `tools/call` finds
// its tool by MCP name in a map rebuilt only when the registry's tools change, rather than
// describing every tool of a large registry on every call.

/** The registry's tools by MCP name, and each tool's MCP description. */
export interface McpToolCatalog {
  /** The tools a connection sees, in the registry's order. */
  list(selection: McpToolSelection): RegisteredTool[];
  /** The tool a connection calls by its MCP name (`Gmail_ListEmails`); undefined when it cannot. */
  find(name: string, selection: McpToolSelection): RegisteredTool | undefined;
  /** The MCP `Tool` of a registered tool. */
  describe(registered: RegisteredTool): Tool;
}

/** The catalog of a registry: one per MCP endpoint, shared by its server instances. */
export function createMcpToolCatalog({
  listTools,
  toolsGeneration,
}: {
  listTools: () => RegisteredTool[];
  /** Moves whenever the registry's tools change. */
  toolsGeneration: () => number;
}): McpToolCatalog {
  const described = new WeakMap<RegisteredTool, Tool>();
  const describe = (registered: RegisteredTool): Tool => {
    let tool = described.get(registered);
    if (tool === undefined) {
      tool = toMcpTool(registered);
      described.set(registered, tool);
    }
    return tool;
  };

  let indexed: { generation: number; byName: Map<string, RegisteredTool[]> } | undefined;
  const byName = (): Map<string, RegisteredTool[]> => {
    const generation = toolsGeneration();
    if (indexed?.generation === generation) return indexed.byName;
    const map = new Map<string, RegisteredTool[]>();
    for (const registered of listTools()) {
      const name = describe(registered).name;
      const named = map.get(name);
      if (named === undefined) map.set(name, [registered]);
      else named.push(registered);
    }
    indexed = { generation, byName: map };
    return map;
  };

  return {
    list: (selection) => listTools().filter(selection),
    find: (name, selection) => byName().get(name)?.find(selection),
    describe,
  };
}
