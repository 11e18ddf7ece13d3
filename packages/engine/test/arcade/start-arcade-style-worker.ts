import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../listen-on-loopback.js';

// A worker written the way Arcade writes theirs, to test the engine against Arcade's published
// worker behaviour rather than against Toolgrant's own worker. Nothing of Toolgrant's is used:
// plain node:http and node:crypto. Each behaviour follows Arcade's code:
//
// - GET /worker/health, no token: `{"status":"ok","tool_count":"<n>"}`, the count a string
//   (arcade-mcp libs/arcade-serve/arcade_serve/core/base.py `health_check`; arcade-mcp-ts
//   src/worker/routes.ts `GET /health`).
// - GET /worker/tools: a bare array of definitions named `Toolkit.Tool`, without version or
//   `qualified_name`, nulls for what is not declared (arcade-mcp-ts src/worker/convert.ts
//   `toWorkerToolDefinition`, src/worker/types.ts `WorkerToolDefinition`).
// - Tokens: HS256, `aud: worker`, `ver: "1"`; `exp` checked only when present (PyJWT / jose);
//   no token at all answers 403 as FastAPI's HTTPBearer does, a bad one 401
//   (arcade-serve core/auth.py `validate_engine_token`, fastapi/worker.py, fastapi/auth.py).
// - POST /worker/tools/invoke: `context.secrets` iterated as a list of `{ key, value }`, so a
//   map fails with HTTP 500 as in arcade-mcp-ts ("… is not iterable"); `authorization.token`
//   and `authorization.user_info` (arcade-core schema.py `ToolContext`,
//   `ToolAuthorizationContext`; arcade-mcp-ts src/worker/routes.ts).
// - The answer: `{ execution_id, finished_at, duration, success, output }` with the logs in
//   `output.logs`, null for the unused half, and lower-case error kinds as arcade-mcp-ts sends
//   them (src/errors.ts `ErrorKind`; arcade-core schema.py `ToolCallOutput`, `ToolCallLog`).

/** What one of the fixture's tools receives. */
export type ArcadeStyleToolContext = {
  token: string | undefined;
  userInfo: Record<string, unknown> | undefined;
  secrets: Map<string, string>;
  userId: string | undefined;
};

/** What a fixture tool answers: a value, or an error as Arcade's workers report one. */
export type ArcadeStyleOutcome =
  | { value: unknown; logs?: { level: 'debug' | 'info' | 'warning' | 'error'; message: string }[] }
  | {
      error: { message: string; kind: string; can_retry: boolean; retry_after_ms?: number };
    };

/** One tool of the fixture, declared as Arcade's TypeScript worker declares it. */
export type ArcadeStyleTool = {
  name: string;
  description: string;
  parameters?: { name: string; required: boolean; val_type: 'string' | 'integer' }[];
  /** `provider_type` is always oauth2 here. */
  auth?: { providerId: string; scopes: string[] };
  secrets?: string[];
  run(
    inputs: Record<string, unknown>,
    context: ArcadeStyleToolContext,
  ): Promise<ArcadeStyleOutcome>;
};

export type ArcadeStyleWorker = {
  url: string;
  /** The invoke bodies as received, in order. */
  invocations: Record<string, unknown>[];
  /** The status of every answer to an invoke, in order. */
  invokeStatuses: number[];
  close(): Promise<void>;
};

/** A toolkit of the fixture: its name, version and tools. */
export type ArcadeStyleToolkit = {
  name: string;
  version: string;
  description: string;
  tools: readonly ArcadeStyleTool[];
};

/** Starts the fixture on a loopback port, serving `toolkits`. */
export async function startArcadeStyleWorker({
  secret,
  toolkits,
}: {
  secret: string;
  toolkits: readonly ArcadeStyleToolkit[];
}): Promise<ArcadeStyleWorker> {
  const invocations: Record<string, unknown>[] = [];
  const invokeStatuses: number[] = [];
  const entries = toolkits.flatMap((toolkit) => toolkit.tools.map((tool) => ({ toolkit, tool })));
  const definitions = entries.map(({ tool, toolkit }) => toDefinition(tool, toolkit));

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // An unhandled failure in the route, as the frameworks answer it.
      send(response, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://worker').pathname;
    if (request.method === 'GET' && path === '/worker/health') {
      return send(response, 200, { status: 'ok', tool_count: String(entries.length) });
    }
    const header = request.headers.authorization;
    if (header === undefined || !header.startsWith('Bearer ')) {
      return send(response, 403, { detail: 'Not authenticated' });
    }
    const problem = tokenProblem(header.slice('Bearer '.length), secret);
    if (problem !== undefined) {
      return send(response, 401, { detail: `Invalid token. Error: ${problem}` });
    }
    if (request.method === 'GET' && path === '/worker/tools') {
      return send(response, 200, definitions);
    }
    if (request.method === 'POST' && path === '/worker/tools/invoke') {
      const body = JSON.parse(await readText(request)) as InvokeBody;
      invocations.push(body as unknown as Record<string, unknown>);
      try {
        invokeStatuses.push(await invoke(body, response));
      } catch (error) {
        invokeStatuses.push(500);
        throw error;
      }
      return;
    }
    return send(response, 404, { detail: 'Not Found' });
  }

  async function invoke(body: InvokeBody, response: ServerResponse): Promise<number> {
    const startedAt = performance.now();
    // Resolved by `Toolkit.Tool`, as arcade-mcp-ts's catalog does.
    const tool = entries.find(
      (entry) => entry.tool.name === body.tool.name && entry.toolkit.name === body.tool.toolkit,
    )?.tool;
    if (tool === undefined) {
      send(response, 404, { error: `Tool '${body.tool.toolkit}.${body.tool.name}' not found` });
      return 404;
    }
    const secrets = new Map<string, string>();
    // As arcade-mcp-ts does: `for (const { key, value } of body.context.secrets)`. A map throws.
    for (const { key, value } of (body.context?.secrets ?? []) as Iterable<{
      key: string;
      value: string;
    }>) {
      if (tool.secrets?.includes(key)) secrets.set(key, value);
    }
    let outcome: ArcadeStyleOutcome;
    try {
      outcome = await tool.run(body.inputs ?? {}, {
        token: body.context?.authorization?.token ?? undefined,
        userInfo: body.context?.authorization?.user_info,
        secrets,
        userId: body.context?.user_id ?? undefined,
      });
    } catch (error) {
      outcome = {
        error: {
          message: error instanceof Error ? error.message : String(error),
          kind: 'tool_runtime_fatal',
          can_retry: false,
        },
      };
    }
    const output =
      'value' in outcome
        ? {
            value: outcome.value,
            logs: outcome.logs ?? null,
            error: null,
            requires_authorization: null,
          }
        : {
            value: null,
            logs: null,
            error: {
              developer_message: null,
              additional_prompt_content: null,
              retry_after_ms: null,
              stacktrace: null,
              status_code: null,
              extra: null,
              ...outcome.error,
            },
            requires_authorization: null,
          };
    send(response, 200, {
      execution_id: body.execution_id ?? 'generated',
      finished_at: new Date().toISOString(),
      duration: performance.now() - startedAt,
      success: 'value' in outcome,
      output,
    });
    return 200;
  }

  return { ...(await listenOnLoopback(server, 0)), invocations, invokeStatuses };
}

type InvokeBody = {
  execution_id?: string | null;
  tool: { name: string; toolkit: string; version?: string | null };
  inputs?: Record<string, unknown> | null;
  context?: {
    authorization?: { token?: string | null; user_info?: Record<string, unknown> } | null;
    secrets?: unknown;
    user_id?: string | null;
  };
};

function toDefinition(tool: ArcadeStyleTool, toolkit: ArcadeStyleToolkit) {
  return {
    name: tool.name,
    fully_qualified_name: `${toolkit.name}.${tool.name}`,
    description: tool.description,
    toolkit: { name: toolkit.name, description: toolkit.description, version: toolkit.version },
    input: {
      parameters: (tool.parameters ?? []).map((parameter) => ({
        name: parameter.name,
        required: parameter.required,
        description: null,
        value_schema: { val_type: parameter.val_type, description: null },
        inferrable: true,
      })),
    },
    output: { description: null, available_modes: ['value', 'error', 'null'], value_schema: null },
    requirements: {
      authorization:
        tool.auth === undefined
          ? null
          : {
              provider_id: tool.auth.providerId,
              provider_type: 'oauth2',
              id: null,
              oauth2: { scopes: tool.auth.scopes },
            },
      secrets: tool.secrets?.length ? tool.secrets.map((key) => ({ key })) : null,
      metadata: null,
    },
    deprecation_message: null,
    metadata: null,
  };
}

/** Why the token is refused, checked as PyJWT / jose do for Arcade's workers; undefined if valid. */
function tokenProblem(token: string, secret: string): string | undefined {
  const [header = '', claims = '', signature = ''] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${claims}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'Signature verification failed';
  }
  const decode = (part: string) =>
    JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (decode(header).alg !== 'HS256') return 'The specified alg value is not allowed';
  const payload = decode(claims);
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes('worker')) return "Audience doesn't match";
  if (typeof payload.exp === 'number' && payload.exp <= Date.now() / 1000) {
    return 'Signature has expired';
  }
  if (payload.ver !== '1') return `Unsupported token version: ${String(payload.ver)}`;
  return undefined;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
