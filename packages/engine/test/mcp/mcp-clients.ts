import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

// The official MCP SDK v2 client against an engine's /mcp, in either era, with the identity
// headers Arcade's MCP gateways take. Every HTTP body it receives is recorded, for the scans.

export type McpEra = 'modern' | 'legacy';

export function recordingFetch(bodies: string[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('text/event-stream') && response.body !== null) {
      // Streams are recorded as they are read, so a long-lived stream does not block the test.
      const [forClient, forRecord] = response.body.tee();
      void new Response(forRecord).text().then(
        (text) => bodies.push(text),
        () => {},
      );
      return new Response(forClient, response);
    }
    bodies.push(`${response.status} ${await response.clone().text()}`);
    return response;
  };
}

export async function connectV2Client({
  url,
  era,
  headers,
  bodies = [],
  urlElicitation = true,
  autoFulfill = true,
  onElicitUrl,
}: {
  url: string;
  era: McpEra;
  headers: Record<string, string>;
  bodies?: string[];
  urlElicitation?: boolean;
  autoFulfill?: boolean;
  onElicitUrl?: (params: {
    url: string;
    message: string;
  }) => Promise<'accept' | 'decline' | 'cancel'>;
}): Promise<Client> {
  const client = new Client(
    { name: 'toolgrant-test', version: '1.0.0' },
    {
      capabilities: urlElicitation ? { elicitation: { url: {} } } : {},
      versionNegotiation: { mode: era === 'modern' ? { pin: '2026-07-28' } : 'legacy' },
      inputRequired: { autoFulfill },
    },
  );
  if (onElicitUrl !== undefined) {
    client.setRequestHandler('elicitation/create', async (request) => {
      const params = request.params as { url: string; message: string };
      return { action: await onElicitUrl(params) };
    });
  }
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers },
    fetch: recordingFetch(bodies),
  });
  await client.connect(transport);
  return client;
}

/** A 2026-07-28 `input_required` answer carrying the engine's one URL elicitation. */
export type InboxInputRequired = {
  resultType: 'input_required';
  inputRequests: Record<
    string,
    { method: string; params: { mode: string; url: string; message: string } }
  >;
  requestState: string;
};

/** Calls the inbox tool in manual mode: the raw `input_required` answer comes back. */
export async function askForInbox(client: Client): Promise<InboxInputRequired> {
  return (await client.callTool(
    { name: 'Inbox_ListMessages', arguments: {} },
    { allowInputRequired: true },
  )) as unknown as InboxInputRequired;
}
