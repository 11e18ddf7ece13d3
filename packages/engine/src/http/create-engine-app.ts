import type { Toolkit } from '@toolgrant/worker';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { createMcpEndpoint, type McpEndpoint } from '../mcp/create-mcp-endpoint.js';
import type { McpTokenStore } from '../mcp/create-mcp-token-store.js';
import type { McpSettings } from '../mcp/mcp-config.js';
import type { McpServerExtension } from '../mcp/mcp-server-extension.js';
import type { RequestStateStore } from '../mcp/request-state.js';
import { consoleEngineLogger, type EngineLogger } from '../shared/engine-logger.js';
import type { CredentialResolver } from '../tools/credential-resolver.js';
import type { SecretResolver } from '../tools/secret-resolver.js';
import { createToolRegistry, type ToolRegistry } from '../tools/tool-registry.js';
import { createWorkerPool, type WorkerPool } from '../workers/create-worker-pool.js';
import { invokeWorkerTool } from '../workers/invoke-worker-tool.js';
import { apiErrorOf } from './api-error-of.js';
import { toErrorEnvelope } from './error-envelope.js';
import { defaultMaxBodyBytes, limitBodySize } from './limit-body-size.js';
import { requireAdminApiKey } from './require-admin-api-key.js';
import { createApiKeyCheck, requireApiKey } from './require-api-key.js';
import type { RouteDependencies } from './route-dependencies.js';
import { createAdminRoutes } from './routes/admin-routes.js';
import { createAuthRoutes } from './routes/auth-routes.js';
import { createFormattedToolsRoutes } from './routes/formatted-tools-routes.js';
import { createMcpTokensRoutes } from './routes/mcp-tokens-routes.js';
import { createToolsRoutes } from './routes/tools-routes.js';
import { createWorkersRoutes } from './routes/workers-routes.js';

// The engine's Arcade v1 HTTP API as a Hono app: `fetch` serves it anywhere the Fetch API
// runs (@hono/node-server in `createEngine`). Every failure answers in one JSON envelope.

/** What `createEngineApp` serves: the toolkits, API keys, credential and secret resolvers, and workers. */
export interface CreateEngineAppOptions {
  /** The toolkits served in this process. */
  toolkits: readonly Toolkit[];
  /** Keys clients send in `Authorization`; at least one. */
  apiKeys: readonly string[];
  /** The only keys /v1/admin/* and /v1/workers accept (besides all other routes). Default: every API key administers. */
  adminApiKeys?: readonly string[] | undefined;
  credentials: CredentialResolver;
  secrets: SecretResolver;
  logger?: EngineLogger;
  /** For tools that set no `timeoutMs` of their own. Default: the worker's (60 s). */
  executionTimeoutMs?: number;
  /** Remote workers whose tools are served beside `toolkits`. Default: none (add them with POST /v1/workers). */
  workers?: WorkerPool;
  /** The largest request body read, in bytes; larger ones get a 413. Default: 1 MiB. */
  maxBodyBytes?: number;
  /** Serve the MCP endpoint at /mcp and the token routes at /v1/mcp/tokens. Default: neither. */
  mcp?: EngineAppMcpOptions | undefined;
}

/** What the MCP endpoint needs beyond the API: its settings, tokens and request-state seal. */
export interface EngineAppMcpOptions {
  settings: McpSettings;
  tokens: McpTokenStore;
  requestStates: RequestStateStore;
  clock?: (() => Date) | undefined;
  /** Tools with their own MCP handlers beside the registry's (the conformance fixture). */
  extension?: McpServerExtension | undefined;
}

/** The engine's Hono app, its fetch handler, and the registry of the tools it serves. */
export interface EngineApp {
  app: Hono;
  fetch: (request: Request) => Promise<Response>;
  registry: ToolRegistry;
  /** The MCP endpoint, when enabled: close it before the server, it holds sessions and streams. */
  mcp: McpEndpoint | undefined;
}

/** Builds the engine's HTTP API as a fetch handler, without listening on a port. */
export function createEngineApp({
  toolkits,
  apiKeys,
  adminApiKeys,
  credentials,
  secrets,
  logger = consoleEngineLogger,
  executionTimeoutMs,
  workers = createWorkerPool({ toolkits, logger }),
  maxBodyBytes = defaultMaxBodyBytes,
  mcp: mcpOptions,
}: CreateEngineAppOptions): EngineApp {
  const registry = createToolRegistry({ toolkits, remoteTools: workers });
  const dependencies: RouteDependencies = {
    registry,
    credentials,
    secrets,
    logger,
    executionTimeoutMs,
    workers,
  };

  const app = new Hono();
  app.get('/v1/health', (context) => context.json({ healthy: true }));
  const mcp =
    mcpOptions === undefined
      ? undefined
      : createMcpEndpoint({
          registry,
          credentials,
          secrets,
          logger,
          executionTimeoutMs,
          invokeWorkerTool: (invocation) => invokeWorkerTool({ ...invocation, workers }),
          isApiKey: createApiKeyCheck({ apiKeys: [...apiKeys, ...(adminApiKeys ?? [])] }),
          findToken: mcpOptions.tokens.find,
          requestStates: mcpOptions.requestStates,
          toolsGeneration: () => workers.generation(),
          settings: mcpOptions.settings,
          maxBodyBytes,
          clock: mcpOptions.clock ?? (() => new Date()),
          extension: mcpOptions.extension,
        });
  if (mcp !== undefined) {
    // The endpoint checks its own credentials (an API key or a user-scoped MCP token).
    for (const path of ['/mcp', '/mcp/']) {
      app.use(path, limitBodySize({ maxBytes: maxBodyBytes }));
      app.all(path, (context) => mcp.fetch(context.req.raw));
    }
  }
  // The API key (and the admin key) first: a caller without one never gets a body read.
  app.use('/v1/*', requireApiKey({ apiKeys: [...apiKeys, ...(adminApiKeys ?? [])] }));
  const requireAdmin = requireAdminApiKey({ adminApiKeys });
  app.use('/v1/admin/*', requireAdmin);
  app.use('/v1/workers', requireAdmin);
  app.use('/v1/workers/*', requireAdmin);
  app.use('/v1/*', limitBodySize({ maxBytes: maxBodyBytes }));
  app.route('/v1', createToolsRoutes(dependencies));
  app.route('/v1', createFormattedToolsRoutes(dependencies));
  app.route('/v1', createAuthRoutes(dependencies));
  app.route('/v1', createAdminRoutes(dependencies));
  app.route('/v1', createWorkersRoutes(dependencies));
  if (mcpOptions !== undefined) {
    app.route('/v1', createMcpTokensRoutes({ tokens: mcpOptions.tokens }));
  }

  app.notFound((context) =>
    context.json(
      toErrorEnvelope({
        status: 404,
        code: 'route_not_found',
        message: `No route ${context.req.method} ${new URL(context.req.url).pathname}. The engine serves the Arcade v1 API under /v1 (for example GET /v1/tools); check the client's baseURL.`,
      }),
      404,
    ),
  );

  app.onError((error, context) => {
    const apiError = apiErrorOf(error);
    if (apiError !== undefined) {
      return context.json(
        toErrorEnvelope({
          status: apiError.status,
          code: apiError.code,
          message: apiError.message,
        }),
        apiError.status as 400,
      );
    }
    if (error instanceof HTTPException && error.status < 500) {
      // Hono raises these for bodies it cannot read: malformed JSON is the usual one.
      const malformed = error.status === 400;
      return context.json(
        toErrorEnvelope({
          status: error.status,
          code: malformed ? 'malformed_json' : undefined,
          message: malformed
            ? 'The request body is not valid JSON. Send a JSON object with the header Content-Type: application/json.'
            : error.message,
        }),
        error.status,
      );
    }
    logger.error(`${context.req.method} ${new URL(context.req.url).pathname} failed`, {
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    return context.json(
      toErrorEnvelope({
        status: 500,
        message:
          'The engine failed to handle this request. The details are in the engine log; try again, and report it if it persists.',
      }),
      500,
    );
  });

  return { app, fetch: (request) => Promise.resolve(app.fetch(request)), registry, mcp };
}
