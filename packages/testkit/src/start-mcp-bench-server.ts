import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import {
  createToolgrantSession,
  loadMcpTools,
  type McpToolDefinition,
  mcpSource,
  type ToolgrantSession,
} from '@toolgrant/core';
import {
  type McpConsentServer,
  type McpConsentServerEra,
  startMcpConsentServer,
} from '@toolgrant/mcp-consent-server';
import { benchAgainstReference } from './bench.js';

// For the adapters' benchmarks: the consent server, consent already given (so every call of
// `read_notes` completes), and a bare official SDK v2 client on it, the reference each adapter's
// per-call overhead is measured against.

/** A consented consent server and a bare SDK client's call of its tool. */
export interface McpBenchServer {
  server: McpConsentServer;
  /** `client.callTool` of `read_notes` with a bare SDK v2 client (auto negotiation). */
  bareCall: () => Promise<unknown>;
  close(): Promise<void>;
}

/** Starts a consent server of the given era with consent given, and connects a bare client. */
export async function startMcpBenchServer(era: McpConsentServerEra): Promise<McpBenchServer> {
  const server = await startMcpConsentServer({ era });
  const client = new Client(
    { name: 'bench', version: '1.0.0' },
    { capabilities: { elicitation: { url: {} } }, versionNegotiation: { mode: 'auto' } },
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
  // One call pauses for consent; the consent page records it for every later call.
  const first = await client
    .callTool({ name: 'read_notes', arguments: { folder: 'home' } }, { allowInputRequired: true })
    .catch((error: { data?: { elicitations?: { url: string }[] } }) => error);
  const url =
    (first as { inputRequests?: { consent?: { params?: { url?: string } } } }).inputRequests
      ?.consent?.params?.url ??
    (first as { data?: { elicitations?: { url: string }[] } }).data?.elicitations?.[0]?.url;
  if (!url) throw new Error('The consent server did not ask for consent.');
  await server.consent(url);
  return {
    server,
    bareCall: () => client.callTool({ name: 'read_notes', arguments: { folder: 'home' } }),
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/**
 * For each era: the per-call time of `call` (an adapter's tool, built by `build` from the
 * server's tools) against a bare SDK client's `callTool` of the same tool, interleaved.
 */
export async function benchMcpAgainstSdk({
  label,
  verb,
  build,
}: {
  /** The adapter's case name, `AI SDK tool execute`. */
  label: string;
  /** What is timed, for the title: `execute`, `invoke`. */
  verb: string;
  /** Builds the adapter's call of `read_notes` from the listed tools. */
  build: (options: {
    definitions: McpToolDefinition[];
    session: ToolgrantSession;
  }) => () => Promise<unknown>;
}): Promise<void> {
  for (const era of ['modern', 'legacy'] as const) {
    const bench = await startMcpBenchServer(era);
    const session = createToolgrantSession();
    try {
      const definitions = await loadMcpTools({
        sources: [mcpSource({ name: 'notes', url: bench.server.url })],
        session,
      });
      await benchAgainstReference({
        title: `${verb}, MCP read_notes (${era === 'modern' ? '2026-07-28' : '2025-11-25'}):`,
        cases: { 'SDK client.callTool': bench.bareCall, [label]: build({ definitions, session }) },
      });
    } finally {
      await session.mcp.close();
      await bench.close();
    }
  }
}
