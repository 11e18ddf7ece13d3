import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { type Broker, createBroker, type UserVerification } from '../src/broker/create-broker.js';
import { createOAuthRoutes } from '../src/http/create-oauth-routes.js';
import type { ProviderConfigInput } from '../src/oauth/provider-config.js';
import type { EngineLogger } from '../src/shared/engine-logger.js';
import type { Store } from '../src/store/store.js';

// Real parts for broker tests: the testkit's OAuth provider, the broker on a real store, and
// its browser routes on a loopback HTTP server. Every response body and log line is kept, so a
// test can scan them for secrets.

export const clientId = 'toolgrant-engine';
export const clientSecret = 'engine-client-secret-0123456789abcdef';
export const weatherProvider = {
  id: 'weather',
  type: 'api_key',
  name: 'OpenWeather',
  description: 'Find your key at openweathermap.org under API keys.',
} as const;

export type Recorded = { logLines: string[]; responseBodies: string[] };

/** Collects every log line as text, with its fields. */
export function createRecordingLogger(recorded: Recorded): EngineLogger {
  const record =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      recorded.logLines.push(
        `${level} ${message} ${fields === undefined ? '' : JSON.stringify(fields)}`,
      );
    };
  return {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}

/** An HTTP server whose broker can be swapped (for a restart); records response bodies. */
export async function startEngineServer(recorded: Recorded): Promise<{
  url: string;
  serve(broker: Broker, logger: EngineLogger): void;
  close(): Promise<void>;
}> {
  let routes: ReturnType<typeof createOAuthRoutes> | undefined;
  const listener = getRequestListener(async (request) => {
    if (routes === undefined) return new Response('no broker yet', { status: 503 });
    const response = await routes.fetch(request);
    recorded.responseBodies.push(
      `${response.status} ${response.headers.get('location') ?? ''} ${await response.clone().text()}`,
    );
    return response;
  });
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    serve(broker, logger) {
      routes = createOAuthRoutes({ broker, logger });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export function testkitProvider(provider: OAuthProvider): ProviderConfigInput {
  return {
    id: 'testkit',
    type: 'oauth2',
    clientId,
    clientSecret,
    authorizeUrl: provider.authorizationEndpoint,
    tokenUrl: provider.tokenEndpoint,
    revokeUrl: provider.revocationEndpoint,
  };
}

export type BrokerFixture = {
  provider: OAuthProvider;
  recorded: Recorded;
  logger: EngineLogger;
  engines: { url: string; broker: Broker; serve(broker: Broker, logger: EngineLogger): void }[];
  /** The first engine's broker. */
  broker: Broker;
  /** A broker on `store` served by engine `index` (a restart, or another process). */
  createEngineBroker(options: { store: Store; index?: number }): Broker;
  close(): Promise<void>;
};

/** The provider, one engine server per store, a broker for each; the client knows every callback. */
export async function startBrokerFixture({
  stores,
  accessTokenTtlSeconds,
  userVerification = { mode: 'dev' },
}: {
  stores: Store[];
  accessTokenTtlSeconds?: number;
  userVerification?: UserVerification;
}): Promise<BrokerFixture> {
  const recorded: Recorded = { logLines: [], responseBodies: [] };
  const logger = createRecordingLogger(recorded);
  const provider = await startOAuthProvider(
    accessTokenTtlSeconds === undefined ? {} : { accessTokenTtlSeconds },
  );
  const servers = await Promise.all(stores.map(() => startEngineServer(recorded)));
  provider.addClient({
    clientId,
    clientSecret,
    redirectUris: servers.map((server) => `${server.url}/v1/oauth/callback`),
  });
  const createEngineBroker = ({ store, index = 0 }: { store: Store; index?: number }) => {
    const server = servers[index]!;
    const broker = createBroker({
      store,
      providers: [testkitProvider(provider), weatherProvider],
      baseUrl: server.url,
      userVerification,
      logger,
    });
    server.serve(broker, logger);
    return broker;
  };
  const engines = stores.map((store, index) => ({
    url: servers[index]!.url,
    broker: createEngineBroker({ store, index }),
    serve: servers[index]!.serve,
  }));
  return {
    provider,
    recorded,
    logger,
    engines,
    broker: engines[0]!.broker,
    createEngineBroker,
    async close() {
      await Promise.all(servers.map((server) => server.close()));
      await provider.close();
    },
  };
}

/** authorize -> consent as `username` at the real provider -> the broker's callback. */
export async function authorizeAndConsent({
  fixture,
  broker = fixture.broker,
  userId,
  scopes = ['inbox.read'],
  approve = true,
}: {
  fixture: BrokerFixture;
  broker?: Broker;
  userId: 'alice' | 'bob';
  scopes?: string[];
  approve?: boolean;
}) {
  const authorization = await broker.authorize({
    userId,
    requirement: { providerId: 'testkit', providerType: 'oauth2', scopes },
  });
  if (authorization.url === undefined) {
    throw new Error(`Expected a pending authorization for ${userId}, got ${authorization.status}.`);
  }
  const consent = await fixture.provider.completeConsent({
    authorizationUrl: authorization.url,
    username: userId,
    password: `${userId}-password`,
    approve,
  });
  return { authorization, consent };
}

export function inboxRequirement(scopes: string[] = ['inbox.read']) {
  return { providerId: 'testkit', providerType: 'oauth2' as const, scopes };
}

export async function readInbox(provider: OAuthProvider, token: string) {
  const response = await fetch(provider.inboxUrl, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    body: (await response.json()) as { user?: { id: string }; messages?: unknown[] },
  };
}
