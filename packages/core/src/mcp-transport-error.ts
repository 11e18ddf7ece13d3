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
    advice: timedOut
      ? `the MCP server at ${source.url.origin} did not answer in time. Check the server.`
      : `the MCP server at ${source.url.origin} could not be reached or closed the connection. Check that it is running and that the source's URL points at it.`,
  });
}
