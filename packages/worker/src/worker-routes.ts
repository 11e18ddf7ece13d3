import type { ToolDefinition } from '@toolgrant/core';
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

// What a worker answers, apart from any HTTP server: the Fetch handler (create-worker-handler.ts)
// and serveWorker's node:http path for invoke calls (serve-invoke.ts) are two ways of carrying
// the same answers, so both are built from these.

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

/** One HTTP answer: a status, a JSON body and any headers beyond the content type. */
export type WorkerAnswer = {
  status: 200 | 400 | 401 | 404 | 413 | 500;
  body: unknown;
  headers?: Record<string, string>;
};

/** The worker's routes as plain functions over already-read requests. */
export type WorkerRoutes = {
  maxRequestBytes: number;
  definitions: readonly ToolDefinition[];
  /** Throws `InvalidWorkerTokenError` unless `authorization` is `Bearer <valid token>`. */
  authenticate(authorization: string | undefined): void;
  /** `POST /worker/tools/invoke` once authenticated and parsed as JSON. */
  invoke(body: unknown, signal: AbortSignal): Promise<WorkerAnswer>;
  /** The answer for anything `authenticate` or `invoke` threw. */
  answerError(error: unknown): WorkerAnswer;
  tooLarge(): WorkerAnswer;
  invalidJson(): WorkerAnswer;
};

/** Checks the options and builds the routes. */
export function createWorkerRoutes({
  toolkits,
  secret,
  timeoutMs,
  maxRequestBytes = 10 * 1024 * 1024,
}: CreateWorkerHandlerOptions): WorkerRoutes {
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
  const verify = createWorkerTokenVerifier({ secret });

  return {
    maxRequestBytes,
    definitions,

    authenticate(authorization) {
      const header = authorization?.trim() ?? '';
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
    },

    async invoke(body, signal) {
      const request = parseExecuteToolRequest(body);
      const { name, toolkit: toolkitName, version } = request.tool;
      const versions = registry.get(toolkitName.toLowerCase());
      if (versions === undefined) {
        return errorAnswer({
          status: 404,
          code: 'toolkit_not_found',
          message: `This worker serves no toolkit '${toolkitName}'. It serves: ${[...registry.values()].map((byVersion) => [...byVersion.values()][0]?.name).join(', ')}.`,
        });
      }
      const toolkit = versions.get(version);
      if (toolkit === undefined) {
        return errorAnswer({
          status: 404,
          code: 'toolkit_version_not_found',
          message: `This worker serves toolkit '${toolkitName}' in version${versions.size === 1 ? '' : 's'} ${[...versions.keys()].join(', ')}, not '${version}'.`,
        });
      }
      const tool = toolkit.tools.find(
        (candidate) => candidate.name.toLowerCase() === name.toLowerCase(),
      );
      if (tool === undefined) {
        return errorAnswer({
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
          signal,
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
      return { status: 200, body: response };
    },

    answerError(error) {
      if (InvalidWorkerTokenError.isInstance(error)) {
        const challenge =
          error.error === 'invalid_request'
            ? 'Bearer realm="worker"'
            : `Bearer realm="worker", error="${error.error}", error_description="${toHeaderText(error.message)}"`;
        return {
          ...errorAnswer({ status: 401, code: error.error, message: error.message }),
          headers: { 'WWW-Authenticate': challenge },
        };
      }
      if (InvalidExecuteToolRequestError.isInstance(error)) {
        return errorAnswer({ status: 400, code: 'invalid_request', message: error.message });
      }
      return errorAnswer({
        status: 500,
        code: 'internal_error',
        message: 'The worker failed to handle the request; see the worker’s log.',
      });
    },

    tooLarge: () =>
      errorAnswer({
        status: 413,
        code: 'payload_too_large',
        message: `The invoke request is larger than ${maxRequestBytes} bytes, the worker's limit (maxRequestBytes).`,
      }),

    invalidJson: () =>
      errorAnswer({
        status: 400,
        code: 'invalid_json',
        message: 'The invoke request body is not valid JSON. Send an execute-tool request as JSON.',
      }),
  };
}

/** An answer with the error envelope as its body. */
function errorAnswer({
  status,
  code,
  message,
}: {
  status: 400 | 401 | 404 | 413 | 500;
  code: string;
  message: string;
}): WorkerAnswer {
  return { status, body: toErrorEnvelope({ status, code, message }) };
}

/** A header value holds printable ASCII only; a token's header text must not break it. */
function toHeaderText(text: string): string {
  return text.replace(/[^\x20-\x7E]/g, '?').replaceAll('"', "'");
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
