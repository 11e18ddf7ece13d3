// A refusal before any MCP message is read (identity, Host, Origin, session): an HTTP status
// with a JSON-RPC error body without id, as the transport specification allows.

/** The HTTP response refusing an MCP request before it reaches a server. */
export function mcpErrorResponse({
  status,
  message,
}: {
  status: number;
  message: string;
}): Response {
  return Response.json(
    { jsonrpc: '2.0', id: null, error: { code: -32_000, message } },
    {
      status,
      // RFC 9110: a 401 names the scheme it expects.
      ...(status === 401 ? { headers: { 'WWW-Authenticate': 'Bearer' } } : {}),
    },
  );
}
