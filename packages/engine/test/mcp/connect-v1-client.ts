import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitationCompleteNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { recordingFetch } from './mcp-clients.js';

// The v1 SDK client (`@modelcontextprotocol/sdk`, protocol 2025-11-25 at most) against an
// engine's /mcp, declaring URL elicitation, with the elicitation ids whose completion the
// server announced.

export async function connectV1Client({
  url,
  headers,
  bodies = [],
  urlElicitation = true,
}: {
  url: string;
  headers: Record<string, string>;
  bodies?: string[];
  urlElicitation?: boolean;
}): Promise<{ client: Client; completed: (elicitationId: string) => Promise<void> }> {
  const client = new Client(
    { name: 'toolgrant-test-v1', version: '1.0.0' },
    { capabilities: urlElicitation ? { elicitation: { url: {} } } : {} },
  );
  const done = new Set<string>();
  const waiting = new Map<string, () => void>();
  client.setNotificationHandler(ElicitationCompleteNotificationSchema, (notification) => {
    const { elicitationId } = notification.params;
    done.add(elicitationId);
    waiting.get(elicitationId)?.();
  });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers },
    fetch: recordingFetch(bodies),
  });
  await client.connect(transport);
  return {
    client,
    completed: (elicitationId) =>
      done.has(elicitationId)
        ? Promise.resolve()
        : new Promise((resolve) => waiting.set(elicitationId, resolve)),
  };
}
