import { toToolName } from '@toolgrant/core';
import type { RegisteredTool } from '../tools/tool-registry.js';
import type { McpIdentity } from './mcp-identity.js';

// Which of the engine's tools one MCP connection sees: the endpoint's `?toolkits=Gmail,GitHub`
// and `?tools=Gmail_ListEmails` (either name form), narrowed further by a user-scoped token's
// toolkits. A tool outside the selection is neither listed nor callable.

/** Decides whether a registered tool is part of a connection's tool set. */
export type McpToolSelection = (registered: RegisteredTool) => boolean;

/** The selection of an MCP request URL and identity. Names compare without regard to case. */
export function toMcpToolSelection({
  url,
  identity,
}: {
  url: URL;
  identity: McpIdentity;
}): McpToolSelection {
  const toolkits = listParameter(url, 'toolkits');
  const tools = listParameter(url, 'tools')?.map((name) => toToolName(name).toLowerCase());
  const granted = identity.toolkits;
  return ({ toolkit, definition }) => {
    const toolkitName = toolkit.name.toLowerCase();
    if (granted !== undefined && !granted.includes(toolkitName)) return false;
    if (toolkits !== undefined && !toolkits.includes(toolkitName)) return false;
    if (
      tools !== undefined &&
      !tools.includes(toToolName(definition.qualified_name).toLowerCase())
    ) {
      return false;
    }
    return true;
  };
}

/** `?name=a,b&name=c` as `['a', 'b', 'c']` in lower case; undefined when absent. */
function listParameter(url: URL, name: string): string[] | undefined {
  const values = url.searchParams.getAll(name);
  if (values.length === 0) return undefined;
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value !== '');
}
