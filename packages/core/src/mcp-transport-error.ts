import type { McpSource } from './mcp-source.js';
import { ToolTransportError } from './tool-transport-error.js';

// An MCP server that cannot be reached, closed the connection or timed out is the developer's
// problem, as an unreachable engine is: a `ToolTransportError`, never a tool result. The source's
// headers (which may carry a token) never enter the message.

const timeoutCodes = new Set(['REQUEST_TIMEOUT']);

/** Whether an error from the MCP SDK is a JSON-RPC error the server answered (it has a numeric code). */
export function isMcpProtocolError(
  error: unknown,
): error is Error & { code: number; data?: unknown } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'number';
}

/** A failure to reach or stay connected to an MCP source, as a `ToolTransportError`. */
export function toMcpTransportError({
  source,
  operation,
  error,
}: {
  source: McpSource;
  operation: string;
  error: unknown;
}): ToolTransportError {
  const code = (error as { code?: unknown } | null)?.code;
  const status = (error as { status?: unknown } | null)?.status;
  const timedOut =
    (typeof code === 'string' && timeoutCodes.has(code)) ||
    (error instanceof Error && error.name === 'TimeoutError');
  return new ToolTransportError({
    reason: timedOut ? 'timeout' : 'unreachable',
    operation,
    ...(typeof status === 'number' ? { status } : {}),
    cause: error,
    advice: adviceFor({ origin: source.url.origin, timedOut, status }),
  });
}

function adviceFor({
  origin,
  timedOut,
  status,
}: {
  origin: string;
  timedOut: boolean;
  status: unknown;
}): string {
  if (timedOut) return `the MCP server at ${origin} did not answer in time. Check the server.`;
  if (status === 401 || status === 403) {
    return `the MCP server at ${origin} refused the source's credentials. Check the headers given to mcpSource.`;
  }
  if (status === 404) {
    return `the MCP server at ${origin} has no MCP endpoint at that path. Check the source's URL.`;
  }
  return `the MCP server at ${origin} could not be reached or closed the connection. Check that it is running and that the source's URL points at it.`;
}
