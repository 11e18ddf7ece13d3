import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Arcade from '@arcadeai/arcadejs';
import { getRequestListener } from '@hono/node-server';
import { createEngine, type Engine } from '@toolgrant/engine';
import { listInboxMessagesTool, type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { defineTool, defineToolkit, RetryableToolError } from '@toolgrant/worker';
import { z } from 'zod/v4';

// The real parts every test here runs against: the testkit's OAuth provider and its protected
// inbox, and an engine serving an "Inbox" toolkit through its own `fetch`, behind a server
// that records every request the engine receives.

const providerId = 'testkit';
const clientId = 'toolgrant-engine';
const clientSecret = 'engine-client-secret-0123456789abcdef';

function inboxToolkit({ inboxUrl, tokens }: { inboxUrl: string; tokens: string[] }) {
  return defineToolkit({
    name: 'Inbox',
    version: '1.0.0',
    description: "The user's inbox at the testkit provider.",
    tools: [
      listInboxMessagesTool({
        providerId: providerId,
        inboxUrl: inboxUrl,
        onToken: (token) => tokens.push(token),
      }),
      defineTool({
        name: 'Greet',
        description: 'Greets someone, without any authorization.',
        input: z.object({
          name: z.string().describe('Who to greet'),
          times: z.int().min(1).optional().describe('How often'),
          language: z.enum(['en', 'pt']).optional().describe('The language of the greeting'),
        }),
        execute: ({ name, times = 1, language = 'en' }) =>
          Array(times)
            .fill(`${language === 'pt' ? 'Olá' : 'Hello'}, ${name}!`)
            .join(' '),
      }),
      defineTool({
        name: 'Forecast',
        description: 'A forecast service that is busy.',
        input: z.object({ city: z.string() }),
        execute: ({ city }) => {
          throw new RetryableToolError({
            message: `The forecast for ${city} is not ready.`,
            additionalPromptContent: 'Ask again with the country added to the city.',
            retryAfterMs: 2_000,
          });
        },
      }),
    ],
  });
}

/** `Inbox_Greet` as the AI SDK offers it to a model: the full JSON Schema of its input. */
export const greetAsOffered = {
  type: 'function',
  name: 'Inbox_Greet',
  description: 'Greets someone, without any authorization.',
  inputSchema: {
    type: 'object',
    properties: {
      name: { type: 'string', description: 'Who to greet' },
      times: {
        type: 'integer',
        description: 'How often',
        minimum: Number.MIN_SAFE_INTEGER,
        maximum: Number.MAX_SAFE_INTEGER,
      },
      language: {
        type: 'string',
        description: 'The language of the greeting',
        enum: ['en', 'pt'],
      },
    },
    required: ['name'],
    additionalProperties: false,
  },
};

/** What core says of `Inbox_Greet` called with `{ times: 'twice', extra: true }`. */
export const greetIssues = [
  { message: 'name: missing (expected a string)', path: ['name'] },
  { message: 'times: expected an integer, received "twice"', path: ['times'] },
  { message: 'extra: unknown argument (this tool takes name, times, language)', path: ['extra'] },
];

/** The issues in the AI SDK's text for invalid tool input: it ends with them as JSON. */
export function issuesShownIn(errorText: string): unknown {
  const marker = 'Error message: ';
  return JSON.parse(errorText.slice(errorText.lastIndexOf(marker) + marker.length));
}

export interface InboxEngine {
  provider: OAuthProvider;
  engine: Engine;
  url: string;
  /** The official client, pointed at the engine, without retries. */
  client: Arcade;
  /** Every request the engine received: `POST /v1/tools/execute`, ... */
  requests: string[];
  /** The `input` of every execute request the engine received, as sent. */
  executedInputs: unknown[];
  /** The API key, the OAuth client secret and every access token a tool used: none may reach a model. */
  secrets(): string[];
  /** Signs in at the provider and approves, following the engine's authorization link. */
  consent(options: { url: string; username?: 'alice' | 'bob' }): Promise<void>;
  /** Stops the engine's server only, so that its clients meet a refused connection. */
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

export async function startInboxEngine(): Promise<InboxEngine> {
  const provider = await startOAuthProvider();
  const dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-ai-sdk-'));
  const requests: string[] = [];
  const executedInputs: unknown[] = [];
  const tokens: string[] = [];
  let engine: Engine | undefined;
  const server = createServer(
    getRequestListener(async (request) => {
      const { pathname } = new URL(request.url);
      requests.push(`${request.method} ${pathname}`);
      if (pathname === '/v1/tools/execute') {
        executedInputs.push(((await request.clone().json()) as { input?: unknown }).input);
      }
      if (!engine) return new Response('starting', { status: 503 });
      return engine.fetch(request);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  engine = await createEngine({
    toolkits: [inboxToolkit({ inboxUrl: provider.inboxUrl, tokens })],
    providers: [
      {
        id: providerId,
        clientId,
        clientSecret,
        authorizeUrl: provider.authorizationEndpoint,
        tokenUrl: provider.tokenEndpoint,
        revokeUrl: provider.revocationEndpoint,
      },
    ],
    baseUrl: url,
    dataDirectory,
    devMode: true,
    environment: {},
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  provider.addClient({ clientId, clientSecret, redirectUris: [engine.redirectUri] });
  const client = new Arcade({ apiKey: engine.apiKeys[0], baseURL: url, maxRetries: 0 });

  let serverStopped = false;
  const stopServer = () =>
    new Promise<void>((resolve) => {
      if (serverStopped) return resolve();
      serverStopped = true;
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const started = engine;

  return {
    provider,
    engine: started,
    url,
    client,
    requests,
    executedInputs,
    secrets: () => [...started.apiKeys, clientSecret, ...tokens],
    async consent({ url: authorizationUrl, username = 'alice' }) {
      const consent = await provider.completeConsent({
        authorizationUrl,
        username,
        password: `${username}-password`,
      });
      if (consent.callback?.status !== 200) {
        throw new Error(`the engine's callback answered ${consent.callback?.status}`);
      }
    },
    stopServer,
    async close() {
      await stopServer();
      await started.close();
      await provider.close();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}
