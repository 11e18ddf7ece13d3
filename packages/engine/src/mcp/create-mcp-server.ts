import {
  type CallToolResult,
  type ListToolsResult,
  ProtocolError,
  ProtocolErrorCode,
  Server,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type { RegisteredTool } from '../tools/tool-registry.js';
import { callMcpTool } from './call-mcp-tool.js';
import type { McpToolCatalog } from './create-mcp-tool-catalog.js';
import type { McpDependencies } from './mcp-dependencies.js';
import type { McpIdentity } from './mcp-identity.js';
import type { McpExtensionTool } from './mcp-server-extension.js';
import type { McpToolSelection } from './mcp-tool-selection.js';
import { engineFailureResult } from './to-call-tool-result.js';

// The one server factory behind both eras: `createMcpHandler` calls it per 2026-07-28 request,
// the 2025-11-25 sessions once per session. It serves tools only (no resources or prompts), and
// decides per era only where the protocols differ: how a tool asks for the user's consent.

/** The server name MCP clients show. */
export const mcpServerName = 'toolgrant-engine';

/** The server's identity, as every 2026-07-28 result carries it. */
export const mcpServerInfo = { name: mcpServerName, version: '1.0.0' } as const;

/** The era a server instance serves: 2026-07-28 (`modern`) or 2025-era sessions (`legacy`). */
export type McpEra = 'legacy' | 'modern';

/** What one server instance is for: its era, the user, and the tools they see. */
export interface McpServerScope {
  era: McpEra;
  identity: McpIdentity;
  selection: McpToolSelection;
  /** 2025-11-25 sessions: watch a flow the client was sent to, and tell it when it completes. */
  watchFlow?: ((flowId: string, server: Server) => void) | undefined;
}

/** A server instance serving the engine's tools to one user, in one era. */
export function createMcpServer({
  dependencies,
  scope,
  catalog,
}: {
  dependencies: McpDependencies;
  scope: McpServerScope;
  /** The registry's tools by MCP name, shared by the endpoint's servers. */
  catalog: McpToolCatalog;
}): Server {
  const { requestStates, extension } = dependencies;
  const { describe } = catalog;
  const server = new Server(
    { ...mcpServerInfo },
    {
      capabilities: { ...extension?.capabilities, tools: { listChanged: true } },
      // Opens the sealed state before the handler runs; a state that does not open is answered
      // by the SDK with its fixed "Invalid or expired requestState" error.
      requestState: {
        verify: async (sealed, context) => {
          const state =
            requestStates.open(sealed) ?? (await extension?.openRequestState?.(sealed, context));
          if (state === undefined) throw new Error('requestState does not open');
          return state;
        },
      },
    },
  );
  const toolsOf = () => catalog.list(scope.selection);
  const extensionToolsBeside = (tools: readonly RegisteredTool[]): readonly McpExtensionTool[] => {
    if (extension === undefined) return [];
    const taken = new Set(tools.map((registered) => describe(registered).name));
    return extension.tools.filter((tool) => !taken.has(tool.definition.name));
  };

  server.setRequestHandler('tools/list', (request): ListToolsResult => {
    const registryTools = toolsOf();
    const tools = [
      ...registryTools.map(describe),
      ...extensionToolsBeside(registryTools).map((tool) => tool.definition),
    ];
    const offset = parseCursor(request.params?.cursor, tools.length);
    const end = offset + dependencies.settings.pageSize;
    return {
      tools: tools.slice(offset, end),
      ...(end < tools.length ? { nextCursor: toCursor(end) } : {}),
    };
  });

  server.setRequestHandler(
    'tools/call',
    async (request, context: ServerContext): Promise<CallToolResult> => {
      const registered = catalog.find(request.params.name, scope.selection);
      const extensionTool =
        registered === undefined
          ? extensionToolsBeside(toolsOf()).find(
              (tool) => tool.definition.name === request.params.name,
            )
          : undefined;
      if (extensionTool !== undefined) {
        return (await extensionTool.call(
          request.params.arguments ?? {},
          context,
        )) as CallToolResult;
      }
      if (registered === undefined) {
        throw new ProtocolError(
          ProtocolErrorCode.InvalidParams,
          `Unknown tool: '${request.params.name}'. Call tools/list for the tools this connection serves.`,
        );
      }
      try {
        const result = await callMcpTool({
          dependencies,
          scope,
          server,
          context,
          registered,
          tool: describe(registered),
          input: request.params.arguments ?? {},
        });
        return result as CallToolResult;
      } catch (error) {
        // Protocol answers (-32042, -32021, a refused requestState) go out as they are; anything
        // else is the engine's fault, and its message is for the log, not the client.
        if (error instanceof ProtocolError) throw error;
        return engineFailureResult({
          logger: dependencies.logger,
          toolName: request.params.name,
          error,
        });
      }
    },
  );
  return server;
}

/** A `tools/list` cursor: the offset of the page, opaque to clients. */
function toCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function parseCursor(cursor: string | undefined, total: number): number {
  if (cursor === undefined) return 0;
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const offset = match === null ? Number.NaN : Number(match[1]);
  if (!Number.isSafeInteger(offset) || offset > total) {
    throw new ProtocolError(
      ProtocolErrorCode.InvalidParams,
      'Invalid cursor: pass the nextCursor of the previous tools/list page as it was, or none for the first page.',
    );
  }
  return offset;
}
