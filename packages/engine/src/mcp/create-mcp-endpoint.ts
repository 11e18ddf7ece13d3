import {
  type AuthInfo,
  createMcpHandler,
  isJsonContentType,
  isLegacyRequest,
  validateHostHeader,
  validateOriginHeader,
} from '@modelcontextprotocol/server';
import { createLegacySessions } from './create-legacy-sessions.js';
import { createMcpServer, type McpServerScope } from './create-mcp-server.js';
import { createMcpToolCatalog } from './create-mcp-tool-catalog.js';
import { directToolCall } from './direct-tool-call.js';
import type { McpDependencies } from './mcp-dependencies.js';
import { mcpErrorResponse } from './mcp-error-response.js';
import type { McpIdentity } from './mcp-identity.js';
import { declaresParamHeaders, mcpParamHeaderMismatch } from './mcp-param-header-mismatch.js';
import { type McpToolSelection, toMcpToolSelection } from './mcp-tool-selection.js';
import { resolveMcpIdentity } from './resolve-mcp-identity.js';

// The engine's MCP endpoint (Streamable HTTP): 2026-07-28 requests go to the SDK's per-request
// handler (`createMcpHandler`), 2025-era traffic to sessions held here; both get their servers
// from one factory. Before either, the endpoint does what the SDK leaves to the server: Host and
// Origin validation against DNS rebinding, and who the user is. The body limit is the engine's.
// A plain, authorized 2026-07-28 `tools/call` is answered directly (direct-tool-call.ts).

/** The MCP endpoint as a Fetch handler, with its sessions and subscriptions to close. */
export interface McpEndpoint {
  fetch(request: Request): Promise<Response>;
  /** Ends open sessions and subscription streams (the engine is shutting down). */
  close(): Promise<void>;
}

/** JSON-RPC `HeaderMismatch` (2026-07-28): the HTTP headers say something else than the body. */
const headerMismatchErrorCode = -32020;

/** How often the registry's tools are compared, to send `notifications/tools/list_changed`. */
const toolsChangedCheckMs = 1_000;

/** The MCP endpoint of an engine, serving its registry's tools. */
export function createMcpEndpoint(dependencies: McpDependencies): McpEndpoint {
  const { settings, maxBodyBytes, logger } = dependencies;
  const catalog = createMcpToolCatalog({
    listTools: () => dependencies.registry.list(),
    toolsGeneration: dependencies.toolsGeneration,
  });
  const serverFor = (scope: McpServerScope) => {
    dependencies.extension?.onServerCreated?.(scope.era);
    return createMcpServer({ dependencies, scope, catalog });
  };
  const onerror = (error: Error) =>
    logger.debug('MCP request refused', { error: `${error.name}: ${error.message}` });

  const modern = createMcpHandler(({ era, authInfo }) => serverFor({ era, ...scopeOf(authInfo) }), {
    legacy: 'reject',
    maxRequestBodySize: maxBodyBytes,
    onerror,
  });
  const sessions = createLegacySessions({
    createServer: serverFor,
    credentials: dependencies.credentials,
    logger,
    maxBodyBytes,
  });

  const notifyToolsChanged = () => {
    modern.notify.toolsChanged();
    for (const server of sessions.servers()) void server.sendToolListChanged().catch(() => {});
  };
  dependencies.extension?.attach?.({ notifyToolsChanged });
  let generation = dependencies.toolsGeneration();
  const watcher = setInterval(() => {
    const current = dependencies.toolsGeneration();
    if (current === generation) return;
    generation = current;
    notifyToolsChanged();
  }, toolsChangedCheckMs);
  watcher.unref();

  // 2026-07-28 parameter headers, checked before the SDK dispatches (it checks them only for
  // its high-level server's own tools). Few schemas declare any.
  const inputSchemaOf = (name: string, selection: McpToolSelection): object | undefined => {
    const registered = catalog.find(name, selection);
    if (registered !== undefined) return catalog.describe(registered).inputSchema;
    return dependencies.extension?.tools.find((tool) => tool.definition.name === name)?.definition
      .inputSchema;
  };
  const refuseParamHeaderMismatch = (
    headers: Headers,
    parsedBody: unknown,
    selection: McpToolSelection,
  ): Response | undefined => {
    const call = parsedBody as
      | { id?: unknown; method?: unknown; params?: { name?: unknown; arguments?: unknown } }
      | undefined;
    if (call?.method !== 'tools/call' || typeof call.params?.name !== 'string') return undefined;
    const inputSchema = inputSchemaOf(call.params.name, selection);
    if (inputSchema === undefined || !declaresParamHeaders(inputSchema)) return undefined;
    const mismatch = mcpParamHeaderMismatch({
      inputSchema,
      input: call.params.arguments,
      headers,
    });
    if (mismatch === undefined) return undefined;
    return Response.json(
      {
        jsonrpc: '2.0',
        id: typeof call.id === 'string' || typeof call.id === 'number' ? call.id : null,
        error: {
          code: headerMismatchErrorCode,
          message: `Bad Request: the request headers and body disagree: ${mismatch}.`,
        },
      },
      { status: 400 },
    );
  };

  return {
    async fetch(request) {
      const refused = refuseForeignHostOrOrigin(request, settings);
      if (refused !== undefined) return refused;
      const outcome = await resolveMcpIdentity({
        headers: request.headers,
        isApiKey: dependencies.isApiKey,
        findToken: dependencies.findToken,
        now: dependencies.clock(),
      });
      if (outcome.type === 'refused') return mcpErrorResponse(outcome);
      const { identity } = outcome;
      const selection = toMcpToolSelection({ url: new URL(request.url), identity });
      const read = await readJsonBody(request);
      if (dependencies.extension?.directToolCalls !== false && 'parsedBody' in read) {
        const answered = await directToolCall({
          request,
          parsedBody: read.parsedBody,
          dependencies,
          catalog,
          identity,
          selection,
        });
        if (answered !== undefined) return answered;
      }
      const body = 'parsedBody' in read ? { parsedBody: read.parsedBody } : {};
      const legacy = await isLegacyRequest(read.request, read.parsedBody, {
        maxRequestBodySize: maxBodyBytes,
      });
      if (legacy) {
        return sessions.handle(read.request, { identity, selection }, body);
      }
      const mismatch = refuseParamHeaderMismatch(read.request.headers, read.parsedBody, selection);
      if (mismatch !== undefined) return mismatch;
      return modern.fetch(read.request, {
        authInfo: toAuthInfo({ identity, selection }),
        ...body,
      });
    },
    async close() {
      clearInterval(watcher);
      await Promise.all([modern.close(), sessions.close()]);
    },
  };
}

/**
 * The body of a JSON POST, parsed once here rather than by both the era check and the handler.
 * The engine's body limit has been applied in front. A body that is not JSON goes on as it came,
 * for the SDK to answer with its parse error.
 */
async function readJsonBody(request: Request): Promise<{ request: Request; parsedBody?: unknown }> {
  if (request.method !== 'POST' || !isJsonContentType(request.headers.get('content-type'))) {
    return { request };
  }
  const text = await request.text();
  try {
    return { request, parsedBody: JSON.parse(text) as unknown };
  } catch {
    return {
      request: new Request(request.url, { method: 'POST', headers: request.headers, body: text }),
    };
  }
}

/** DNS rebinding: a page on another host reaches a local engine by name; its Host or Origin shows it. */
function refuseForeignHostOrOrigin(
  request: Request,
  { allowedHosts, allowedOrigins }: McpDependencies['settings'],
): Response | undefined {
  // An in-process request (`engine.fetch`) may carry no Host header: its URL's host stands in.
  const host = request.headers.get('host') ?? new URL(request.url).host;
  const hostCheck = validateHostHeader(host, [...allowedHosts]);
  if (!hostCheck.ok) {
    return mcpErrorResponse({
      status: 403,
      message: `Host '${hostCheck.hostname ?? 'unreadable'}' is not allowed for the MCP endpoint. Connect through the engine's base URL, or add the host name to mcp.allowedHosts (TOOLGRANT_MCP_ALLOWED_HOSTS).`,
    });
  }
  const originCheck = validateOriginHeader(request.headers.get('origin'), [...allowedOrigins]);
  if (!originCheck.ok) {
    return mcpErrorResponse({
      status: 403,
      message:
        "Origin not allowed for the MCP endpoint. Add the page's host name to mcp.allowedOrigins (TOOLGRANT_MCP_ALLOWED_ORIGINS) if it should call the engine.",
    });
  }
  return undefined;
}

/**
 * The SDK hands `authInfo` through to the server factory untouched; it carries the resolved
 * identity there. No credential is put in it.
 */
function toAuthInfo(scope: { identity: McpIdentity; selection: McpToolSelection }): AuthInfo {
  return { token: '', clientId: scope.identity.principal, scopes: [], extra: { scope } };
}

function scopeOf(authInfo: AuthInfo | undefined): {
  identity: McpIdentity;
  selection: McpToolSelection;
} {
  const scope = authInfo?.extra?.scope as
    | { identity: McpIdentity; selection: McpToolSelection }
    | undefined;
  if (scope === undefined)
    throw new Error('An MCP request reached the server without an identity.');
  return scope;
}
