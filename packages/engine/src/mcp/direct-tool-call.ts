import { type CallToolResult, SERVER_INFO_META_KEY } from '@modelcontextprotocol/server';
import { executeMcpToolCall } from './call-mcp-tool.js';
import { mcpServerInfo } from './create-mcp-server.js';
import type { McpToolCatalog } from './create-mcp-tool-catalog.js';
import type { McpDependencies } from './mcp-dependencies.js';
import type { McpIdentity } from './mcp-identity.js';
import { declaresParamHeaders } from './mcp-param-header-mismatch.js';
import type { McpToolSelection } from './mcp-tool-selection.js';
import { plainToolCall } from './plain-tool-call.js';
import { engineFailureResult, toCallToolResult, toRunOutcome } from './to-call-tool-result.js';

// The MCP endpoint's hot path: a plain 2026-07-28 `tools/call` of a registry tool the user has
// already authorized, answered without building an SDK server for it. Per request the SDK
// builds a server instance, connects it to a one-exchange transport, and checks the request
// three times and the result once against its schemas; for a call that only runs a tool and
// returns its value, that is most of the endpoint's cost (the benchmark measures it).
//
// It answers only what it can answer exactly as the SDK's path would, and declines everything
// else, which then goes through `createMcpHandler` unchanged:
// - the request is a plain 2026-07-28 `tools/call` (plain-tool-call.ts);
// - the tool is a registry tool of this connection whose schema declares no parameter headers;
// - the tool runs: when it needs the user's consent first, nothing has run, and the SDK's path
//   asks for it.
// `test/mcp/mcp-direct-tool-call.e2e.test.ts` sends the same requests both ways and compares
// the answers.

/** The answer to a plain, authorized `tools/call`, or undefined for the SDK's path to serve it. */
export async function directToolCall({
  request,
  parsedBody,
  dependencies,
  catalog,
  identity,
  selection,
}: {
  request: Request;
  parsedBody: unknown;
  dependencies: McpDependencies;
  catalog: McpToolCatalog;
  identity: McpIdentity;
  selection: McpToolSelection;
}): Promise<Response | undefined> {
  if (request.signal.aborted) return undefined;
  const call = plainToolCall(request.headers, parsedBody);
  if (call === undefined) return undefined;
  const registered = catalog.find(call.name, selection);
  if (registered === undefined) return undefined;
  const tool = catalog.describe(registered);
  if (declaresParamHeaders(tool.inputSchema)) return undefined;

  let result: CallToolResult;
  try {
    const executed = await executeMcpToolCall({
      dependencies,
      registered,
      userId: identity.userId,
      input: call.input,
      signal: request.signal,
    });
    if (executed.type !== 'executed') return undefined;
    result = toCallToolResult({
      outcome: toRunOutcome(executed.result),
      structured: tool.outputSchema !== undefined,
    });
  } catch (error) {
    // The tool may have run: never handed on to run again.
    result = engineFailureResult({ logger: dependencies.logger, toolName: call.name, error });
  }
  // What the SDK's encoding adds to a 2026-07-28 result: its type and the server's identity.
  const encoded = {
    ...result,
    resultType: 'complete',
    _meta: { [SERVER_INFO_META_KEY]: mcpServerInfo },
  };
  return new Response(JSON.stringify({ result: encoded, jsonrpc: '2.0', id: call.id }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}
