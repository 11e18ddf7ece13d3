import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Arcade from '@arcadeai/arcadejs';
import { getRequestListener } from '@hono/node-server';
import { createEngine, type Engine } from '@toolgrant/engine';
import { listInboxMessagesTool, type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { defineTool, defineToolkit, RetryableToolError } from '@toolgrant/worker';
import { z } from 'zod/v4';

// The real parts the Mastra and OpenAI Agents adapter tests run against: the testkit's OAuth
// provider with its protected inbox, and an engine serving an Inbox toolkit (one tool needing
// `inbox.read`) and a Utility toolkit (no auth; one tool failing with a retryable error), and a
// Greeter toolkit whose tool has optional arguments. The engine is served through a counting wrapper of its `fetch`, so a test
// can assert how many requests a tool call cost and which input each execution was sent.

export const testkitProviderId = 'testkit';
const clientId = 'toolgrant-engine';
export const testkitClientSecret = 'inbox-engine-client-secret-0123456789';

/** One request the engine received, as the counting wrapper saw it. */
export interface EngineRequest {
  method: string;
  path: string;
  /** The `user_id` of a tool request, read from its JSON body or query. */
  userId: string | undefined;
}

/** The running provider and engine, with what they recorded. */
export interface InboxEngine {
  provider: OAuthProvider;
  engine: Engine;
  url: string;
  apiKey: string;
  /** The official client, pointed at the engine over HTTP. */
  client: Arcade;
  /** Every request the engine received, in order. */
  requests: EngineRequest[];
  /** The `input` of every `POST /v1/tools/execute` the engine received, in order. */
  executedInputs: unknown[];
  /** Every access token the Inbox tool was given, so a test can look for them where they must not be. */
  tokens: string[];
  /** Stops serving HTTP (the engine no longer answers), as a crashed engine would. */
  stopServing(): Promise<void>;
  close(): Promise<void>;
}

function createToolkits({ inboxUrl, tokens }: { inboxUrl: string; tokens: string[] }) {
  const inbox = defineToolkit({
    name: 'Inbox',
    version: '1.0.0',
    description: "The user's inbox at the testkit provider.",
    tools: [
      listInboxMessagesTool({
        providerId: testkitProviderId,
        inboxUrl: inboxUrl,
        onToken: (token) => tokens.push(token),
      }),
    ],
  });
  const utility = defineToolkit({
    name: 'Utility',
    version: '1.0.0',
    description: 'Tools without requirements.',
    tools: [
      defineTool({
        name: 'Repeat',
        description: 'Repeats a text a number of times.',
        input: z.object({
          text: z.string().describe('What to repeat'),
          times: z.int().min(1).max(10).describe('How many times'),
        }),
        execute: ({ text, times }) => ({ repeated: Array.from({ length: times }, () => text) }),
      }),
      defineTool({
        name: 'Forecast',
        description: 'A weather service that is often busy.',
        input: z.object({ city: z.string() }),
        execute: () => {
          throw new RetryableToolError({
            message: 'The weather service is busy.',
            additionalPromptContent: 'Ask for a city nearby instead, or wait.',
            retryAfterMs: 3000,
          });
        },
      }),
    ],
  });
  const greeter = defineToolkit({
    name: 'Greeter',
    version: '1.0.0',
    description: 'A tool with optional arguments.',
    tools: [
      defineTool({
        name: 'Greet',
        description: 'Greets someone by name.',
        input: z.object({
          name: z.string().describe('Who to greet'),
          language: z.enum(['en', 'fr']).optional().describe('The language of the greeting'),
          times: z.int().min(1).max(3).optional().describe('How many times to greet'),
        }),
        execute: ({ name, language, times }) =>
          Array.from({ length: times ?? 1 }, () =>
            language === 'fr' ? `Bonjour, ${name} !` : `Hello, ${name}!`,
          ).join(' '),
      }),
    ],
  });
  return [inbox, utility, greeter];
}

/** Starts the provider and the engine; `close()` stops both and removes the engine's data. */
export async function startInboxEngine(): Promise<InboxEngine> {
  const provider = await startOAuthProvider();
  const dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-inbox-engine-'));
  const requests: EngineRequest[] = [];
  const executedInputs: unknown[] = [];
  const tokens: string[] = [];

  // The server comes first: its address is the engine's base URL, so the OAuth redirect URI
  // points through the counting wrapper too.
  let engine: Engine | undefined;
  const server: Server = createServer(
    getRequestListener(async (request) => {
      const url = new URL(request.url);
      const body: unknown =
        request.method === 'POST'
          ? await request
              .clone()
              .json()
              .catch(() => undefined)
          : undefined;
      const userId =
        (body as { user_id?: string } | undefined)?.user_id ??
        url.searchParams.get('user_id') ??
        undefined;
      requests.push({ method: request.method, path: url.pathname, userId });
      if (request.method === 'POST' && url.pathname === '/v1/tools/execute') {
        executedInputs.push((body as { input?: unknown } | undefined)?.input);
      }
      if (!engine) return new Response('engine not started', { status: 503 });
      return engine.fetch(request);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  engine = await createEngine({
    toolkits: createToolkits({ inboxUrl: provider.inboxUrl, tokens }),
    providers: [
      {
        id: testkitProviderId,
        clientId,
        clientSecret: testkitClientSecret,
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
  provider.addClient({
    clientId,
    clientSecret: testkitClientSecret,
    redirectUris: [engine.redirectUri],
  });
  const apiKey = engine.apiKeys[0] ?? '';
  const client = new Arcade({ apiKey, baseURL: url, maxRetries: 0, timeout: 5_000 });

  let serving = true;
  const stopServing = async () => {
    if (!serving) return;
    serving = false;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  const started = engine;
  return {
    provider,
    engine: started,
    url,
    apiKey,
    client,
    requests,
    executedInputs,
    tokens,
    stopServing,
    async close() {
      await stopServing();
      await started.close();
      await provider.close();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}
