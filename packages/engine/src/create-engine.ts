import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { type Broker, createBroker } from './broker/create-broker.js';
import { describeError } from './broker/describe-error.js';
import { recoverInterruptedRefreshes } from './broker/recover-interrupted-refreshes.js';
import { startHousekeeping } from './broker/start-housekeeping.js';
import {
  type ApiKeySource,
  chooseAdminApiKeys,
  chooseApiKeys,
  chooseMcpConfig,
  chooseUserVerification,
  nonEmpty,
  parseDevModeVariable,
  parseMaxBodyBytes,
  parsePort,
  parseProviders,
} from './choose-engine-settings.js';
import { loadEncryptionKey } from './crypto/load-encryption-key.js';
import { type EngineConfig, parseEngineConfig } from './engine-config.js';
import { EngineLifecycleError } from './engine-lifecycle-error.js';
import { createEngineApp } from './http/create-engine-app.js';
import { createOAuthRoutes } from './http/create-oauth-routes.js';
import { endStatusWaitsOn } from './http/end-status-waits-on.js';
import { toErrorEnvelope } from './http/error-envelope.js';
import { createApiKeyCheck } from './http/require-api-key.js';
import { createInProcessClient, type InProcessClient } from './in-process-client.js';
import { InvalidEngineConfigError } from './invalid-engine-config-error.js';
import { createMcpTokenStore } from './mcp/create-mcp-token-store.js';
import { defaultRequestStateTtlSeconds, toMcpSettings } from './mcp/mcp-config.js';
import { type McpServerExtension, mcpServerExtension } from './mcp/mcp-server-extension.js';
import { createRequestStateStore } from './mcp/request-state.js';
import type { ProviderConfig } from './oauth/provider-config.js';
import { createRequestTracker } from './shared/create-request-tracker.js';
import { consoleEngineLogger } from './shared/engine-logger.js';
import { urlHost } from './shared/url-host.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { createToolRegistry } from './tools/tool-registry.js';
import { createWorkerPool } from './workers/create-worker-pool.js';
import { toWorkerSettings } from './workers/worker-settings.js';

// The engine as one object: the store, the OAuth broker, the Arcade v1 API and the browser's
// OAuth routes behind one `fetch`, an HTTP server on `listen`, and an in-process client.
// Unset options come from TOOLGRANT_* variables, then zero-configuration defaults.

/**
 * The options of `createEngine`: the engine configuration, plus where environment variables are
 * read.
 */
export interface CreateEngineOptions extends EngineConfig {
  /** Where TOOLGRANT_* variables and PORT are read. Default: `process.env`. */
  environment?: Readonly<Record<string, string | undefined>> | undefined;
  /** Tests only (key on `@toolgrant/engine/internal`): MCP tools with their own handlers. */
  [mcpServerExtension]?: McpServerExtension | undefined;
}

export type { ApiKeySource } from './choose-engine-settings.js';

/**
 * A running engine: its URLs and keys, a Fetch handler, an HTTP server on `listen`, and an
 * in-process client.
 */
export interface Engine {
  /** Where the engine listens, for example `http://127.0.0.1:9099`; undefined until `listen`. */
  readonly url: string | undefined;
  /** The engine's public URL: configured, else the listening URL (else the default port's). */
  readonly baseUrl: string;
  /** Register exactly this at every OAuth provider: `${baseUrl}/v1/oauth/callback`. */
  readonly redirectUri: string;
  /** The keys clients may send; the first is the in-process client's. */
  readonly apiKeys: readonly string[];
  /** Where the API keys came from; `generated` keys live in `apiKeyFile`. */
  readonly apiKeySource: ApiKeySource;
  readonly apiKeyFile: string | undefined;
  /** The providers, parsed; their client secrets are here, so never log this as it is. */
  readonly providers: readonly ProviderConfig[];
  readonly dataDirectory: string;
  /** The MCP endpoint (`${baseUrl}/mcp`), or undefined when MCP is turned off. */
  readonly mcpUrl: string | undefined;
  /** Where the credentials are kept: a file path or a redacted database URL. */
  readonly storeLocation: string;
  readonly devMode: boolean;
  /** A client of the official client's shape that calls `fetch` directly, with the first admin key, else `apiKeys[0]`. */
  readonly client: InProcessClient;
  /** The whole engine as a Fetch API handler (the API under /v1, OAuth pages under /v1/oauth). */
  fetch(request: Request): Promise<Response>;
  /** Starts the HTTP server. Default port: PORT, else 9099; host: 127.0.0.1. */
  listen(options?: { port?: number; host?: string }): Promise<{ url: string }>;
  /**
   * Stops accepting requests, answers waiting status long-polls with the current status, lets
   * requests in flight (executions) finish, then closes the server and the store.
   */
  close(): Promise<void>;
}

export const defaultPort = 9099;
export const defaultHost = '127.0.0.1';
export const defaultDataDirectory = '.toolgrant';

const source = 'createEngine';

/**
 * Creates an engine from options, `TOOLGRANT_*` variables and zero-configuration defaults;
 * `listen` serves it.
 */
export async function createEngine(options: CreateEngineOptions = {}): Promise<Engine> {
  const { environment = process.env, [mcpServerExtension]: mcpExtension, ...configured } = options;
  const config = parseEngineConfig({ value: configured, source });
  const logger = config.logger ?? consoleEngineLogger;
  // Explicit only: dev mode turns user verification off, so neither a missing variable nor
  // NODE_ENV may switch it on.
  const devMode = config.devMode ?? parseDevModeVariable(environment.TOOLGRANT_DEV_MODE) ?? false;
  const dataDirectory = path.resolve(
    config.dataDirectory ?? nonEmpty(environment.TOOLGRANT_DATA_DIR) ?? defaultDataDirectory,
  );
  const configuredBaseUrl = config.baseUrl ?? nonEmpty(environment.TOOLGRANT_BASE_URL);
  const defaultListenPort = config.port ?? parsePort(environment.PORT) ?? defaultPort;
  const maxBodyBytes =
    config.maxBodyBytes ?? parseMaxBodyBytes(environment.TOOLGRANT_MAX_BODY_BYTES);
  const toolkits = config.toolkits ?? [];
  const providers = parseProviders(config.providers ?? []);
  const userVerification = chooseUserVerification(config.userVerification, devMode);
  const mcpConfig = chooseMcpConfig(config.mcp, environment);
  // Fails now, not on the first request: a toolkit served twice, a tool name clash.
  createToolRegistry({ toolkits });

  const keys = await chooseApiKeys({ config, environment, dataDirectory, devMode, logger });
  createApiKeyCheck({ apiKeys: keys.apiKeys });
  const adminApiKeys = chooseAdminApiKeys({ config, environment });
  if (config.runtimeWorkers?.enabled === true && adminApiKeys === undefined) {
    throw new InvalidEngineConfigError({
      source,
      field: 'runtimeWorkers',
      problem:
        "needs adminApiKeys (or TOOLGRANT_ADMIN_API_KEYS) when enabled: registering a worker decides where users' tokens go, so only an admin key may do it. Give agents the apiKeys and keep an admin key for operators.",
    });
  }

  const encryption = await loadEncryptionKey({
    encryptionKey: config.encryptionKey ?? environment.TOOLGRANT_ENCRYPTION_KEY ?? '',
    dataDirectory,
    devMode,
  });
  if (encryption.warning !== undefined) logger.warn(encryption.warning);
  const store: Store = await openStore({
    databaseUrl: config.databaseUrl ?? nonEmpty(environment.TOOLGRANT_DATABASE_URL),
    dataDirectory,
    encryptionKey: encryption.key,
  });
  const runtimeWorkers =
    config.runtimeWorkers?.enabled === true ? config.runtimeWorkers : undefined;
  const workers = createWorkerPool({
    workers: (config.workers ?? []).map((worker) =>
      toWorkerSettings({ config: worker, managed: true }),
    ),
    toolkits,
    runtimeWorkers:
      runtimeWorkers === undefined
        ? undefined
        : {
            store,
            allowedUrls: runtimeWorkers.allowedUrls ?? [],
            reloadIntervalMs: runtimeWorkers.reloadIntervalMs,
          },
    logger,
  });
  // Each worker's tools are read once now (runtime ones from the store first); one that does not
  // answer is retried by its health check.
  try {
    await workers.start();
  } catch (error) {
    workers.close();
    await workers.closeConnections();
    await store.close();
    throw error;
  }
  if (runtimeWorkers === undefined) {
    const kept = await store.listRuntimeWorkers();
    if (kept.length > 0) {
      logger.warn(
        `The store keeps ${kept.length} worker(s) added at runtime (${kept.map(({ id }) => id).join(', ')}), which are not served because runtimeWorkers is not enabled. Enable it to serve them, or move them into the workers option.`,
      );
    }
  }

  // A round now fails the flows whose code exchange died with a previous run of the engine.
  const housekeeping = startHousekeeping({
    store,
    logger,
    ...(config.housekeepingIntervalMs === undefined
      ? {}
      : { intervalMs: config.housekeepingIntervalMs }),
    ...(config.flowRetentionMs === undefined ? {} : { flowRetentionMs: config.flowRetentionMs }),
  });
  await housekeeping.runNow();
  // In the background: a provider may take its time, and the engine should start meanwhile.
  const recovery = recoverInterruptedRefreshes({ store, providers, logger }).catch((error) =>
    logger.warn('Looking for interrupted refreshes failed', { error: describeError(error) }),
  );

  // Built on first use: without a configured base URL, the redirect URI depends on the port
  // `listen` gets, and the broker's links must carry it.
  const clock = () => new Date();
  const mcpTokens = createMcpTokenStore({ store, clock });
  const requestStates = createRequestStateStore({
    encryptionKey: encryption.key,
    spend: (spent) => store.spendMcpRequestState(spent),
    ttlSeconds: mcpConfig?.requestStateTtlSeconds ?? defaultRequestStateTtlSeconds,
    clock,
  });
  let handler:
    | {
        baseUrl: string;
        broker: Broker;
        fetch: (request: Request) => Promise<Response>;
        closeMcp: () => Promise<void>;
      }
    | undefined;
  function handlerFor(baseUrl: string) {
    if (handler?.baseUrl === baseUrl) return handler;
    const previous = handler;
    if (previous !== undefined) void previous.closeMcp();
    const broker = createBroker({
      store,
      providers,
      baseUrl,
      userVerification,
      allowedRedirectOrigins: config.allowedRedirectOrigins,
      logger,
    });
    const api = createEngineApp({
      toolkits,
      apiKeys: keys.apiKeys,
      adminApiKeys,
      credentials: broker,
      secrets: broker.secrets,
      logger,
      workers,
      ...(config.executionTimeoutMs === undefined
        ? {}
        : { executionTimeoutMs: config.executionTimeoutMs }),
      ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
      mcp:
        mcpConfig === undefined
          ? undefined
          : {
              settings: toMcpSettings({ config: mcpConfig, baseUrl }),
              tokens: mcpTokens,
              requestStates,
              clock,
              extension: mcpExtension,
            },
    });
    const oauth = createOAuthRoutes({ broker, logger });
    handler = {
      baseUrl,
      broker,
      closeMcp: () => api.mcp?.close() ?? Promise.resolve(),
      fetch: (request) =>
        new URL(request.url).pathname.startsWith('/v1/oauth/')
          ? Promise.resolve(oauth.fetch(request))
          : api.fetch(request),
    };
    return handler;
  }

  let server: Server | undefined;
  let listeningUrl: string | undefined;
  const currentBaseUrl = () =>
    configuredBaseUrl?.replace(/\/+$/, '') ??
    listeningUrl ??
    `http://${defaultHost}:${defaultListenPort}`;

  const shutdown = new AbortController();
  let closing: Promise<void> | undefined;
  const requests = createRequestTracker();

  function handle(request: Request): Promise<Response> {
    if (shutdown.signal.aborted) {
      return Promise.resolve(
        Response.json(
          toErrorEnvelope({
            status: 503,
            message: 'The engine is shutting down; retry against a running engine.',
          }),
          { status: 503 },
        ),
      );
    }
    return handlerFor(currentBaseUrl()).fetch(endStatusWaitsOn(request, shutdown.signal));
  }

  async function handleInProcess(request: Request): Promise<Response> {
    const release = requests.track();
    try {
      return await handle(request);
    } finally {
      release();
    }
  }

  async function close(): Promise<void> {
    shutdown.abort();
    workers.close();
    // Open MCP sessions and subscription streams would otherwise keep requests in flight.
    await handler?.closeMcp();
    const stopped = new Promise<void>((resolve, reject) => {
      if (server === undefined) return resolve();
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    });
    await requests.idle();
    // Answers are written; keep-alive connections would otherwise hold `close` open.
    server?.closeAllConnections();
    await stopped;
    // Only now: until the last answer was written, a call could still need a worker.
    await workers.closeConnections();
    await housekeeping.stop();
    await recovery;
    await store.close();
  }

  const engine: Engine = {
    get url() {
      return listeningUrl;
    },
    get baseUrl() {
      return currentBaseUrl();
    },
    get redirectUri() {
      return `${currentBaseUrl()}/v1/oauth/callback`;
    },
    get mcpUrl() {
      return mcpConfig === undefined ? undefined : `${currentBaseUrl()}/mcp`;
    },
    apiKeys: keys.apiKeys,
    apiKeySource: keys.source,
    apiKeyFile: keys.file,
    providers,
    dataDirectory,
    storeLocation: store.location,
    devMode,
    // In the engine's own process, so it may administer (the CLI's `connections` does).
    client: createInProcessClient({
      fetch: handleInProcess,
      apiKey: (adminApiKeys ?? keys.apiKeys)[0] as string,
    }),
    fetch: handleInProcess,

    async listen({ port = defaultListenPort, host = config.host ?? defaultHost } = {}) {
      if (server !== undefined) {
        throw new EngineLifecycleError({
          operation: 'listen',
          state: 'listening',
          url: listeningUrl,
        });
      }
      if (shutdown.signal.aborted) {
        throw new EngineLifecycleError({ operation: 'listen', state: 'closed' });
      }
      const listener = getRequestListener(handle);
      const created = createServer((incoming, outgoing) => {
        outgoing.once('close', requests.track());
        return listener(incoming, outgoing);
      });
      await new Promise<void>((resolve, reject) => {
        created.once('error', reject);
        created.listen(port, host, () => {
          created.off('error', reject);
          resolve();
        });
      });
      server = created;
      const address = created.address() as AddressInfo;
      listeningUrl = `http://${urlHost(address.address)}:${address.port}`;
      // Now, so that the broker's start-up warnings come with the start, not the first request.
      handlerFor(currentBaseUrl());
      logger.info('Engine listening', { url: listeningUrl, baseUrl: currentBaseUrl() });
      return { url: listeningUrl };
    },

    close: () => {
      closing ??= close();
      return closing;
    },
  };
  return engine;
}
