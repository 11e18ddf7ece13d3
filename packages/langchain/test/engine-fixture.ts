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

// The real parts the adapter's tests run against: the testkit's OAuth provider and protected
// inbox, and an engine serving an "Inbox" toolkit. The engine's own fetch handler sits behind
// a plain HTTP server here, so every request reaching it is counted.

export const providerId = 'testkit';
const clientId = 'toolgrant-engine';
const clientSecret = 'langchain-test-client-secret-0123456789';

export interface EngineFixture {
  provider: OAuthProvider;
  engine: Engine;
  /** Where the engine is served. */
  url: string;
  apiKey: string;
  /** The official client pointed at the engine, without retries. */
  client: Arcade;
  /** `METHOD /path` of every request the engine received, in order. */
  requests: string[];
  /** The `input` of every execute request the engine received, as sent. */
  executedInputs: unknown[];
  /** The access tokens the inbox tool used: none may reach a model. */
  tokensSeen: Set<string>;
  /** Stops serving the engine, for transport failures; `close` still cleans up. */
  stopServing(): Promise<void>;
  close(): Promise<void>;
}

export async function startEngineFixture(): Promise<EngineFixture> {
  const provider = await startOAuthProvider();
  const tokensSeen = new Set<string>();
  const requests: string[] = [];
  const executedInputs: unknown[] = [];
  const dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-langchain-'));

  let engine: Engine | undefined;
  const server = createServer(
    getRequestListener(async (request) => {
      const { pathname } = new URL(request.url);
      requests.push(`${request.method} ${pathname}`);
      if (pathname === '/v1/tools/execute') {
        executedInputs.push(((await request.clone().json()) as { input?: unknown }).input);
      }
      if (!engine) return new Response('engine not ready', { status: 503 });
      return engine.fetch(request);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  engine = await createEngine({
    baseUrl: url,
    toolkits: [createInboxToolkit({ inboxUrl: provider.inboxUrl, tokensSeen })],
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
    dataDirectory,
    devMode: true,
    environment: {},
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  provider.addClient({ clientId, clientSecret, redirectUris: [engine.redirectUri] });
  const apiKey = engine.apiKeys[0] ?? '';

  let serving = true;
  const stopServing = async () => {
    if (!serving) return;
    serving = false;
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  };

  return {
    provider,
    engine,
    url,
    apiKey,
    client: new Arcade({ apiKey, baseURL: url, maxRetries: 0 }),
    requests,
    executedInputs,
    tokensSeen,
    stopServing,
    async close() {
      await stopServing();
      await engine?.close();
      await provider.close();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}

function createInboxToolkit({
  inboxUrl,
  tokensSeen,
}: {
  inboxUrl: string;
  tokensSeen: Set<string>;
}) {
  return defineToolkit({
    name: 'Inbox',
    version: '1.0.0',
    description: "The user's inbox at the testkit provider.",
    tools: [
      listInboxMessagesTool({
        providerId: providerId,
        inboxUrl: inboxUrl,
        onToken: (token) => tokensSeen.add(token),
      }),
      defineTool({
        name: 'CountWords',
        description: 'Counts the words of a text, repeated a number of times.',
        input: z.object({
          text: z.string().describe('The text to count'),
          times: z.int().min(1).describe('How many times the text is repeated'),
          min_length: z.int().min(1).optional().describe('Count only words at least this long'),
        }),
        execute: ({ text, times, min_length = 1 }) => ({
          words: text.split(/\s+/).filter((word) => word.length >= min_length).length * times,
        }),
      }),
      defineTool({
        name: 'Flaky',
        description: 'Fails in a way the model may retry.',
        input: z.object({}),
        execute: () => {
          throw new RetryableToolError({
            message: 'The mail server is busy.',
            additionalPromptContent: 'Ask for fewer messages next time.',
            retryAfterMs: 3_000,
            developerMessage: 'upstream 503 from mx-7',
          });
        },
      }),
    ],
  });
}
