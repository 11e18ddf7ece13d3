import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  classifyInboundRequest,
  PROTOCOL_VERSION_META_KEY,
} from '@modelcontextprotocol/server';

// Which requests the endpoint's direct path may answer (direct-tool-call.ts): one JSON-RPC
// `tools/call` of protocol 2026-07-28 with `name`, `arguments` and the per-request envelope
// (protocol version, client info, client capabilities), and nothing else: no `requestState` or
// `inputResponses` (a consent round), no progress token, log level or trace context. The
// MCP-Protocol-Version, Mcp-Method and Mcp-Name headers must say exactly what the body says, and
// the SDK's own classifier, which also checks the envelope's values, must put the request in the
// 2026-07-28 era. Anything else is the SDK's to answer, with its own errors.

const modernRevision = '2026-07-28';
const envelopeKeys = new Set([
  PROTOCOL_VERSION_META_KEY,
  CLIENT_INFO_META_KEY,
  CLIENT_CAPABILITIES_META_KEY,
]);

/** A `tools/call` the direct path may answer: its id, tool name and arguments. */
export type PlainToolCall = { id: string | number; name: string; input: Record<string, unknown> };

/** The call, when the request is a plain 2026-07-28 `tools/call`; otherwise undefined. */
export function plainToolCall(headers: Headers, body: unknown): PlainToolCall | undefined {
  if (!isPlainObject(body) || !hasOnlyKeys(body, ['jsonrpc', 'id', 'method', 'params'])) {
    return undefined;
  }
  const { id, method, params } = body;
  if (method !== 'tools/call') return undefined;
  if (typeof id !== 'string' && !Number.isSafeInteger(id)) return undefined;
  if (!isPlainObject(params) || !hasOnlyKeys(params, ['name', 'arguments', '_meta'])) {
    return undefined;
  }
  const { name, arguments: input, _meta: meta } = params;
  if (typeof name !== 'string') return undefined;
  if (input !== undefined && !isPlainObject(input)) return undefined;
  if (!isPlainObject(meta) || !Object.keys(meta).every((key) => envelopeKeys.has(key))) {
    return undefined;
  }
  if (meta[PROTOCOL_VERSION_META_KEY] !== modernRevision) return undefined;
  if (!isPlainObject(meta[CLIENT_CAPABILITIES_META_KEY])) return undefined;

  const header = (headerName: string) => headers.get(headerName)?.trim();
  if (
    header('mcp-protocol-version') !== modernRevision ||
    header('mcp-method') !== 'tools/call' ||
    header('mcp-name') !== name
  ) {
    return undefined;
  }
  const route = classifyInboundRequest({
    httpMethod: 'POST',
    body,
    protocolVersionHeader: modernRevision,
    mcpMethodHeader: 'tools/call',
    mcpNameHeader: name,
  });
  if (route.kind !== 'modern' || route.classification.revision !== modernRevision) {
    return undefined;
  }
  return { id: id as string | number, name, input: input ?? {} };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

function hasOnlyKeys(value: Record<string, unknown>, allowed: readonly string[]): boolean {
  return Object.keys(value).every((key) => allowed.includes(key));
}
