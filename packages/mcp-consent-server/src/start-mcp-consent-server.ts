import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { NodeStreamableHTTPServerTransport, toNodeHandler } from '@modelcontextprotocol/node';
import {
  createMcpHandler,
  inputRequired,
  McpServer,
  UrlElicitationRequiredError,
} from '@modelcontextprotocol/server';
import { z } from 'zod/v4';

// An MCP server of its own, built with the official SDK v2 (`@modelcontextprotocol/server` +
// `@modelcontextprotocol/node`), independent of Toolgrant: its one tool, `read_notes`, needs the
// user's consent at a page of the server (`GET /consent/<id>`) and asks for it with URL-mode
// elicitation, in the era the test picks:
// - 2026-07-28 (`modern`): stateless, `createMcpHandler`; the call answers `input_required` with
//   a URL elicitation and an HMAC-sealed `requestState`, verified by the SDK's hook on every retry
//   (a tampered state is refused with `-32602`). `decline`/`cancel` end the loop.
// - 2025-11-25 (`legacy`): sessions; the call fails with `-32042` carrying the elicitation id, and
//   once the consent page is hit the server sends `notifications/elicitation/complete` (unless
//   told not to) on the session that asked.
// Behind the consent, the server keeps an access token of its own (`secret`), which it uses and
// never sends: tests scan what the model saw for it.

/** Which protocol era the server speaks. */
export type McpConsentServerEra = 'modern' | 'legacy';

/** How to start the consent server. */
export interface StartMcpConsentServerOptions {
  era: McpConsentServerEra;
  /** The consent page answers but never records consent, so the server keeps asking. */
  consentNeverCompletes?: boolean;
  /** Legacy: do not send `notifications/elicitation/complete`. */
  withoutCompletionNotification?: boolean;
  /**
   * Legacy: ask with an `elicitation/create` request pushed inside the call (the 2025 push
   * model), holding the call open for the answer, instead of failing it with `-32042`.
   */
  pushElicitation?: boolean;
}

/** One `tools/call` the server received. */
export interface McpConsentServerCall {
  tool: string;
  arguments: unknown;
  /** Whether the user had consented when the call arrived. */
  afterConsent: boolean;
  /** The answer the call carried: a 2026-07-28 retry's input response, or a pushed request's. */
  inputAction: string | undefined;
  answer: 'input_required' | 'url_elicitation_required' | 'completed' | 'declined';
}

/** A running consent server. */
export interface McpConsentServer {
  /** The MCP endpoint: `http://127.0.0.1:<port>/mcp`. */
  url: string;
  era: McpConsentServerEra;
  /** Every `tools/call` received, in order. */
  calls: McpConsentServerCall[];
  /** The access token the server got through consent; must never reach a model. */
  secret: string;
  /** Opens a consent URL the way a user's browser would. */
  consent(url: string): Promise<void>;
  /** Whether the user has consented. */
  consented(): boolean;
  /** Stops the server and cuts every open connection at once (a server that goes away). */
  close(): Promise<void>;
}

const notes = ['Buy milk', 'Call the dentist on Friday'];

/** Starts the consent server on a free loopback port. */
export async function startMcpConsentServer({
  era,
  consentNeverCompletes = false,
  withoutCompletionNotification = false,
  pushElicitation = false,
}: StartMcpConsentServerOptions): Promise<McpConsentServer> {
  const stateKey = randomBytes(32);
  const secret = `mcp-secret-${randomBytes(16).toString('hex')}`;
  const calls: McpConsentServerCall[] = [];
  const pending = new Map<string, { notify: (() => Promise<void>) | undefined }>();
  let consentGiven = false;
  let base = '';

  const seal = (payload: object): string => {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const mac = createHmac('sha256', stateKey).update(body).digest('base64url');
    return `${body}.${mac}`;
  };
  const unseal = (state: string): { id: string; expires: number } => {
    const [body = '', mac = ''] = state.split('.');
    const expected = createHmac('sha256', stateKey).update(body).digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new Error('requestState failed verification');
    }
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as {
      id: string;
      expires: number;
    };
    if (payload.expires < Date.now()) throw new Error('requestState expired');
    return payload;
  };

  const readNotes = ({ folder }: { folder: string }) => {
    // The token is used here, server-side, and never returned.
    if (!secret) throw new Error('no token');
    return {
      content: [{ type: 'text' as const, text: `Notes in ${folder}: ${notes.join('; ')}` }],
    };
  };

  const newServer = (onLegacyCall?: (id: string) => void) => {
    const server = new McpServer(
      { name: 'consent-notes', version: '1.0.0' },
      { requestState: { verify: (state: string) => unseal(state) } },
    );
    server.registerTool(
      'read_notes',
      {
        description: 'Reads the notes in a folder.',
        inputSchema: z.object({
          folder: z.string().describe('The folder to read'),
          limit: z.number().int().min(1).optional(),
        }),
      },
      async (args, ctx) => {
        const record = (answer: McpConsentServerCall['answer'], inputAction?: string) =>
          calls.push({
            tool: 'read_notes',
            arguments: args,
            afterConsent: consentGiven,
            inputAction,
            answer,
          });
        if (era === 'legacy') {
          if (consentGiven) {
            record('completed');
            return readNotes(args);
          }
          const id = randomBytes(8).toString('hex');
          onLegacyCall?.(id);
          if (pushElicitation) {
            const answer = await ctx.mcpReq.elicitInput({
              mode: 'url',
              elicitationId: id,
              url: `${base}/consent/${id}`,
              message: 'Allow access to your notes',
            });
            record('url_elicitation_required', answer.action);
            if (answer.action === 'accept' && consentGiven) return readNotes(args);
            return {
              isError: true,
              content: [{ type: 'text' as const, text: `Consent not given (${answer.action}).` }],
            };
          }
          record('url_elicitation_required');
          throw new UrlElicitationRequiredError(
            [
              {
                mode: 'url',
                elicitationId: id,
                url: `${base}/consent/${id}`,
                message: 'Allow access to your notes',
              },
            ],
            'This tool needs your consent first.',
          );
        }
        const response = ctx.mcpReq.inputResponses?.consent as { action?: string } | undefined;
        const action = response?.action;
        if (action === 'decline' || action === 'cancel') {
          record('declined', action);
          return {
            isError: true,
            content: [{ type: 'text' as const, text: `The user chose ${action}.` }],
          };
        }
        if (consentGiven) {
          record('completed', action);
          return readNotes(args);
        }
        const id = randomBytes(8).toString('hex');
        pending.set(id, { notify: undefined });
        record('input_required', action);
        return inputRequired({
          inputRequests: {
            consent: inputRequired.elicitUrl({
              url: `${base}/consent/${id}`,
              message: 'Allow access to your notes',
            }),
          },
          requestState: seal({ id, expires: Date.now() + 10 * 60_000 }),
        });
      },
    );
    return server;
  };

  // Legacy: one transport and server per session, so a completion goes to the session that asked.
  const sessions = new Map<string, NodeStreamableHTTPServerTransport>();
  const handleLegacy = async (
    request: IncomingMessage,
    response: ServerResponse,
    body: unknown,
  ) => {
    const sessionId = request.headers['mcp-session-id'];
    const existing = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (existing) return existing.handleRequest(request, response, body);
    // A 2025-11-25 server knows no `server/discover`.
    if ((body as { method?: unknown } | undefined)?.method !== 'initialize') {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          jsonrpc: '2.0',
          id: (body as { id?: unknown } | undefined)?.id ?? null,
          error: { code: -32600, message: 'Bad Request: Server not initialized' },
        }),
      );
      return;
    }
    const transport: NodeStreamableHTTPServerTransport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomBytes(16).toString('hex'),
      onsessioninitialized: (id) => void sessions.set(id, transport),
    });
    const server = newServer((id) => {
      pending.set(id, { notify: withoutCompletionNotification ? undefined : notifierFor(id) });
    });
    // The SDK refuses a completion notifier for a client that did not declare URL elicitation;
    // the server still answers such a client with -32042, as a server that does not check would.
    const notifierFor = (id: string) => {
      try {
        return server.server.createElicitationCompletionNotifier(id);
      } catch {
        return undefined;
      }
    };
    await server.connect(transport);
    await transport.handleRequest(request, response, body);
  };

  const modern = toNodeHandler(createMcpHandler(() => newServer(), { legacy: 'reject' }));

  const sockets = new Set<Socket>();
  const http = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', base);
    if (url.pathname.startsWith('/consent/')) {
      const id = url.pathname.slice('/consent/'.length);
      const flow = pending.get(id);
      if (!flow) {
        response.writeHead(404).end('Unknown consent request');
        return;
      }
      if (!consentNeverCompletes) {
        consentGiven = true;
        pending.delete(id);
        await flow.notify?.();
      }
      response.writeHead(200, { 'content-type': 'text/plain' }).end('Consent recorded');
      return;
    }
    if (url.pathname !== '/mcp') {
      response.writeHead(404).end();
      return;
    }
    if (era === 'modern') return modern(request, response);
    let body: unknown;
    if (request.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      body = JSON.parse(Buffer.concat(chunks).toString());
    }
    return handleLegacy(request, response, body);
  });
  http.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  return {
    url: `${base}/mcp`,
    era,
    calls,
    secret,
    consent: async (consentUrl) => {
      const response = await fetch(consentUrl);
      if (!response.ok) throw new Error(`Consent page answered ${response.status}`);
      await response.text();
    },
    consented: () => consentGiven,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.allSettled([...sessions.values()].map((transport) => transport.close()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
