import type { ToolDefinition } from '@toolgrant/core';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Toolkit } from './define-toolkit.js';
import { executeTool } from './execute-tool.js';
import { InvalidWorkerOptionsError } from './invalid-worker-options-error.js';
import { InvalidWorkerTokenError } from './invalid-worker-token-error.js';
import { toToolDefinition } from './to-tool-definition.js';
import { toErrorEnvelope } from './worker-protocol/error-envelope.js';
import type { ExecuteToolResponse } from './worker-protocol/execute-tool-response.js';
import { InvalidExecuteToolRequestError } from './worker-protocol/invalid-execute-tool-request-error.js';
import { parseExecuteToolRequest } from './worker-protocol/parse-execute-tool-request.js';
import { createWorkerTokenVerifier } from './worker-token.js';

// The worker protocol as a Fetch API handler, so it runs in `serveWorker`, inside an existing
// Node, Hono or Next.js server, or anywhere else that speaks Request/Response.
//
//   GET  /worker/health        { status: "ok", tool_count }          no authentication
//   GET  /worker/tools         the tools' Arcade definitions         Bearer JWT
//   POST /worker/tools/invoke  an execute-tool request -> response   Bearer JWT

/** What a worker serves, and the secret the engine signs its requests with. */
export interface CreateWorkerHandlerOptions {
  toolkits: readonly Toolkit[];
  /** Shared with the engine, which signs a token per request with it (HS256). */
  secret: string;
  /** For tools that set no `timeoutMs` of their own. Default 60 s. */
  timeoutMs?: number;
  /** Larger invoke bodies are refused with 413. Default 10 MiB. */
  maxRequestBytes?: number;
}

/** A worker as a fetch handler. */
export type WorkerHandler = (request: Request) => Promise<Response>;

/** A fetch handler that serves `toolkits` over the worker protocol. */
export function createWorkerHandler({
  toolkits,
  secret,
  timeoutMs,
  maxRequestBytes = 10 * 1024 * 1024,
}: CreateWorkerHandlerOptions): WorkerHandler {
  if (typeof secret !== 'string' || secret.trim() === '') {
    throw new InvalidWorkerOptionsError({
      option: 'secret',
      message:
        'The worker needs a non-empty secret (secret: ...), the same one the engine has for this worker; with the CLI, set TOOLGRANT_WORKER_SECRET.',
    });
  }
  const registry = indexToolkits(toolkits);
  const definitions: ToolDefinition[] = toolkits.flatMap((toolkit) =>
    toolkit.tools.map((tool) => toToolDefinition({ tool, toolkit })),
  );

  const app = new Hono();

  app.onError((error, context) => {
    if (InvalidWorkerTokenError.isInstance(error)) {
      const challenge =
        error.error === 'invalid_request'
          ? 'Bearer realm="worker"'
          : `Bearer realm="worker", error="${error.error}", error_description="${toHeaderText(error.message)}"`;
      context.header('WWW-Authenticate', challenge);
      return errorResponse(context, { status: 401, code: error.error, message: error.message });
    }
    if (InvalidExecuteToolRequestError.isInstance(error)) {
      return errorResponse(context, {
        status: 400,
        code: 'invalid_request',
        message: error.message,
      });
    }
    return errorResponse(context, {
      status: 500,
      code: 'internal_error',
      message: 'The worker failed to handle the request; see the worker’s log.',
    });
  });
  app.notFound((context) =>
    errorResponse(context, {
      status: 404,
      code: 'route_not_found',
      message: `No route ${context.req.method} ${new URL(context.req.url).pathname}; a worker serves GET /worker/health, GET /worker/tools and POST /worker/tools/invoke.`,
    }),
  );

  app.get('/worker/health', (context) =>
    context.json({ status: 'ok', tool_count: definitions.length }),
  );

  const authenticated = authenticate(secret);
  app.use('/worker/tools', authenticated);
  app.use('/worker/tools/*', authenticated);

  app.get('/worker/tools', (context) => context.json(definitions));

  const countBody = bodyLimit({
    maxSize: maxRequestBytes,
    onError: (context) =>
      errorResponse(context, {
        status: 413,
        code: 'payload_too_large',
        message: `The invoke request is larger than ${maxRequestBytes} bytes, the worker's limit (maxRequestBytes).`,
      }),
  });
  app.post(
    '/worker/tools/invoke',
    (context, next) => {
      // Over HTTP/1.1 a Content-Length frames the body: the server hands on exactly that many
      // bytes, so a declared length within the limit needs no counting. Counting wraps the body
      // in a new stream, which cost a tenth of the worker's time per call (bench/worker.bench.ts
      // in the engine). A body without one (chunked) is counted as it is read.
      const declared = Number(context.req.header('content-length'));
      const framed = context.req.header('transfer-encoding') === undefined;
      if (
        framed &&
        Number.isSafeInteger(declared) &&
        declared >= 0 &&
        declared <= maxRequestBytes
      ) {
        return next();
      }
      return countBody(context, next);
    },
    async (context) => {
      let body: unknown;
      try {
        body = await context.req.json();
      } catch {
        return errorResponse(context, {
          status: 400,
          code: 'invalid_json',
          message:
            'The invoke request body is not valid JSON. Send an execute-tool request as JSON.',
        });
      }
      const request = parseExecuteToolRequest(body);
      const { name, toolkit: toolkitName, version } = request.tool;
      const versions = registry.get(toolkitName.toLowerCase());
      if (versions === undefined) {
        return errorResponse(context, {
          status: 404,
          code: 'toolkit_not_found',
          message: `This worker serves no toolkit '${toolkitName}'. It serves: ${[...registry.values()].map((byVersion) => [...byVersion.values()][0]?.name).join(', ')}.`,
        });
      }
      const toolkit = versions.get(version);
      if (toolkit === undefined) {
        return errorResponse(context, {
          status: 404,
          code: 'toolkit_version_not_found',
          message: `This worker serves toolkit '${toolkitName}' in version${versions.size === 1 ? '' : 's'} ${[...versions.keys()].join(', ')}, not '${version}'.`,
        });
      }
      const tool = toolkit.tools.find(
        (candidate) => candidate.name.toLowerCase() === name.toLowerCase(),
      );
      if (tool === undefined) {
        return errorResponse(context, {
          status: 404,
          code: 'tool_not_found',
          message: `Toolkit '${toolkit.name}@${toolkit.version}' has no tool '${name}'. Its tools: ${toolkit.tools.map((candidate) => candidate.name).join(', ')}.`,
        });
      }
      const secrets: Record<string, string> = Object.create(null);
      for (const [key, value] of Object.entries(request.context.secrets ?? {})) {
        if (typeof value !== 'string') {
          throw new InvalidExecuteToolRequestError({
            problems: [`'context.secrets.${key}' must be a string`],
          });
        }
        secrets[key] = value;
      }
      const result = await executeTool({
        tool,
        toolkit,
        input: request.inputs,
        context: {
          userId: request.context.user_id,
          authToken: request.context.authorization?.token,
          secrets,
          // Aborted when the engine gives up on the request and disconnects.
          signal: context.req.raw.signal,
        },
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      });
      const { logs, ...output } = result.output;
      const response: ExecuteToolResponse = {
        execution_id: request.execution_id,
        finished_at: new Date().toISOString(),
        duration: result.duration,
        success: result.success,
        output,
        logs,
      };
      return context.json(response);
    },
  );

  return async (request) => app.fetch(request);
}

function authenticate(secret: string) {
  const verify = createWorkerTokenVerifier({ secret });
  return async (context: Context, next: () => Promise<void>) => {
    const header = context.req.header('authorization')?.trim() ?? '';
    const match = /^bearer\s+(\S+)$/i.exec(header);
    if (match?.[1] === undefined) {
      throw new InvalidWorkerTokenError({
        error: header === '' ? 'invalid_request' : 'invalid_token',
        message:
          header === ''
            ? "Missing 'Authorization: Bearer <token>' header. The engine signs a token for each request with the worker's secret."
            : "The 'Authorization' header is not 'Bearer <token>'.",
      });
    }
    verify({ token: match[1] });
    await next();
  };
}

/** A header value holds printable ASCII only; a token's header text must not break it. */
function toHeaderText(text: string): string {
  return text.replace(/[^\x20-\x7E]/g, '?').replaceAll('"', "'");
}

function errorResponse(
  context: Context,
  { status, code, message }: { status: 400 | 401 | 404 | 413 | 500; code: string; message: string },
): Response {
  return context.json(toErrorEnvelope({ status, code, message }), status);
}

/** Toolkits by lower-case name, then version; refuses duplicates and non-toolkits. */
function indexToolkits(toolkits: readonly Toolkit[]): Map<string, Map<string, Toolkit>> {
  if (!Array.isArray(toolkits) || toolkits.length === 0) {
    throw new InvalidWorkerOptionsError({
      option: 'toolkits',
      message:
        'A worker needs at least one toolkit: pass toolkits: [defineToolkit({...})], or export one as the default export of the file you serve.',
    });
  }
  const registry = new Map<string, Map<string, Toolkit>>();
  toolkits.forEach((toolkit, index) => {
    if (
      typeof toolkit !== 'object' ||
      toolkit === null ||
      typeof toolkit.name !== 'string' ||
      typeof toolkit.version !== 'string' ||
      !Array.isArray(toolkit.tools)
    ) {
      throw new InvalidWorkerOptionsError({
        option: 'toolkits',
        message: `toolkits[${index}] is not a toolkit; make it with defineToolkit({ name, version, tools }).`,
      });
    }
    const versions = registry.get(toolkit.name.toLowerCase()) ?? new Map<string, Toolkit>();
    if (versions.has(toolkit.version)) {
      throw new InvalidWorkerOptionsError({
        option: 'toolkits',
        message: `Toolkit '${toolkit.name}@${toolkit.version}' is passed twice (toolkits[${index}]); serve each name and version once.`,
      });
    }
    versions.set(toolkit.version, toolkit);
    registry.set(toolkit.name.toLowerCase(), versions);
  });
  return registry;
}
