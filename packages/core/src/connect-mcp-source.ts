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
// A 2025-11-25 server may instead push an `elicitation/create` request (URL mode) while it holds
// the call open. The run cannot pause inside the call, so it is answered `cancel`; when exactly
// one call is in flight on the connection, the request is kept for that call, which then pauses
// with it as if the server had answered `-32042` (with several calls in flight it could belong
// to any of them, so it is only answered).

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
  /** Marks a call in flight; `end()` returns the URL elicitation the server pushed during it, if any. */
  beginCall(): { end(): PushedUrlElicitation | undefined };
}

/** A URL elicitation a 2025-11-25 server pushed as a request during a call. */
export interface PushedUrlElicitation {
  url: unknown;
  message: unknown;
  elicitationId: unknown;
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
  const inFlight = new Set<{ pushed: PushedUrlElicitation | undefined }>();
  client.setRequestHandler('elicitation/create', async (request) => {
    const params = request.params as Record<string, unknown>;
    const [only] = inFlight;
    if (inFlight.size === 1 && only && params.mode === 'url') {
      only.pushed ??= {
        url: params.url,
        message: params.message,
        elicitationId: params.elicitationId,
      };
    }
    return { action: 'cancel' as const };
  });
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
    beginCall: () => {
      const call: { pushed: PushedUrlElicitation | undefined } = { pushed: undefined };
      inFlight.add(call);
      return {
        end: () => {
          inFlight.delete(call);
          return call.pushed;
        },
      };
    },
    completed: (id) => completedIds.has(id),
    completion: (id) =>
      completedIds.has(id)
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiters.set(id, [...(waiters.get(id) ?? []), resolve]);
          }),
  };
}
