// An MCP server to take tools from. A source is configuration only: where the server is and
// how to reach it. Its connection and tool list live in the `ToolgrantSession` that uses it.
//
// The prefix rule: a source's name prefixes its tools, so tools from several servers never
// collide. `mcpSource({ name: 'notes' })` serving `read_notes` gives the qualified name
// `notes.read_notes` and the model-facing name `notes_read_notes` (core's `toToolName` rules:
// characters outside a-z A-Z 0-9 _ - become `_`, long names are shortened with a hash). A name
// is letters, digits and `-`, so the first `_` of a model-facing name always ends the prefix.

/** What `mcpSource` takes. */
export interface McpSourceOptions {
  /** Prefixes the source's tools: `notes` gives `notes_read_notes`. Letters, digits and `-`, up to 32. */
  name: string;
  /** The server's Streamable HTTP endpoint, for example `https://mcp.example.com/mcp`. */
  url: string | URL;
  /** Sent with every request, for example `{ authorization: 'Bearer …' }`; never shown or logged. */
  headers?: Readonly<Record<string, string>>;
  /** A `fetch` to reach the server with; the global one unless given. */
  fetch?: typeof fetch;
}

/** An MCP server to take tools from; create it with `mcpSource`. */
export interface McpSource {
  readonly kind: 'mcp';
  readonly name: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: typeof fetch | undefined;
}

const namePattern = /^[A-Za-z0-9-]{1,32}$/;

/** An MCP server to take tools from, checked: its name is a valid prefix, its URL http(s). */
export function mcpSource({ name, url, headers = {}, fetch }: McpSourceOptions): McpSource {
  if (!namePattern.test(name)) {
    throw new TypeError(
      `mcpSource needs a name of 1 to 32 letters, digits or '-' (it prefixes the server's tool names), received ${JSON.stringify(name)}`,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(
      `mcpSource '${name}' needs the server's http(s) URL, for example https://mcp.example.com/mcp; the url given is not a URL`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(
      `mcpSource '${name}' needs an http(s) URL (Streamable HTTP), received one with ${parsed.protocol}`,
    );
  }
  return Object.freeze({ kind: 'mcp', name, url: parsed, headers: { ...headers }, fetch });
}

/** Whether a value is an MCP source made by `mcpSource` (by any copy of core). */
export function isMcpSource(value: unknown): value is McpSource {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'mcp' &&
    (value as { url?: unknown }).url instanceof URL
  );
}
