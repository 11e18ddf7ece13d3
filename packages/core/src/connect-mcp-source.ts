import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { McpSource } from './mcp-source.js';
import { toMcpTransportError } from './mcp-transport-error.js';

// One connection to an MCP server with the official SDK v2 client, as Toolgrant needs it:
// - version negotiation `auto`: 2026-07-28 when the server speaks it, else 2025-11-25;
// - `elicitation: { url: {} }` declared, and nothing else (no form mode: a pause cannot collect
//   form data for a server);
// - `input_required` never fulfilled by the SDK (`autoFulfill: false`): every call passes
//   `allowInputRequired` and core turns the answer into a pause;
// - 2025-11-25 `notifications/elicitation/complete` recorded, so a resumed call (or the app,
//   through `waitForMcpConsent`) knows the user finished without asking them.
// A 2025-11-25 server that pushes an `elicitation/create` request inside a call is answered
// `cancel`: the run cannot pause while the server holds the call open.

/** An open connection to one MCP server. */
export interface McpConnection {
  readonly client: Client;
  /** `2026-07-28` (modern) or `2025-11-25` (legacy), as negotiated. */
  readonly era: '2026-07-28' | '2025-11-25';
  /** Resolves once the server has announced the completion of this elicitation. */
  completion(elicitationId: string): Promise<void>;
  /** Whether the server has announced the completion of this elicitation. */
  completed(elicitationId: string): boolean;
  /** Resolves when the connection closes, for whatever reason. */
  readonly closed: Promise<void>;
}

const clientInfo = { name: 'toolgrant', version: '1.0.0' };

/** Connects to an MCP source; throws `ToolTransportError` when the server cannot be reached. */
export async function connectMcpSource({
  source,
  signal,
}: {
  source: McpSource;
  signal?: AbortSignal | undefined;
}): Promise<McpConnection> {
  const client = new Client(clientInfo, {
    capabilities: { elicitation: { url: {} } },
    versionNegotiation: { mode: 'auto' },
    inputRequired: { autoFulfill: false },
  });
  const completedIds = new Set<string>();
  const waiters = new Map<string, Array<() => void>>();
  client.setNotificationHandler('notifications/elicitation/complete', (notification) => {
    const id = notification.params.elicitationId;
    completedIds.add(id);
    for (const wake of waiters.get(id) ?? []) wake();
    waiters.delete(id);
  });
  client.setRequestHandler('elicitation/create', async () => ({ action: 'cancel' as const }));
  let markClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  client.onclose = () => markClosed();
  const transport = new StreamableHTTPClientTransport(source.url, {
    requestInit: { headers: { ...source.headers } },
    ...(source.fetch ? { fetch: source.fetch } : {}),
  });
  try {
    await client.connect(transport, { signal });
  } catch (error) {
    await client.close().catch(() => {});
    throw toMcpTransportError({
      source,
      operation: `Connecting to MCP source '${source.name}'`,
      error,
    });
  }
  const era = client.getProtocolEra() === 'modern' ? '2026-07-28' : '2025-11-25';
  return {
    client,
    era,
    closed,
    completed: (id) => completedIds.has(id),
    completion: (id) =>
      completedIds.has(id)
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiters.set(id, [...(waiters.get(id) ?? []), resolve]);
          }),
  };
}
