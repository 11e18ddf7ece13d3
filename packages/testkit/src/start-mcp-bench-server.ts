import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import {
  type McpConsentServer,
  type McpConsentServerEra,
  startMcpConsentServer,
} from './start-mcp-consent-server.js';

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
