import {
  type ExecuteToolRequest,
  type ExecuteToolResponse,
  safeParseExecuteToolResponse,
  safeParseWorkerHealthResponse,
  toolCountOf,
} from '@toolgrant/worker/internal';
import { createWorkerTokenSource } from './create-worker-token-source.js';
import { sendHttpRequest, toHttpOrigin } from './send-http-request.js';
import type { WorkerSettings } from './worker-settings.js';
import { WorkerTransportError } from './worker-transport-error.js';

// The engine's side of the worker protocol: GET /worker/health, GET /worker/tools and
// POST /worker/tools/invoke, each with a JWT (one reused for up to 30 s, see
// create-worker-token-source.ts) and under the worker's timeout.
// Every failure becomes a `WorkerTransportError` saying whether the worker was reached. The
// protocol's messages and their schemas are the worker package's (`@toolgrant/worker/internal`).

/** Calls one remote worker over the worker protocol. */
export interface WorkerClient {
  /** `GET /worker/health`: resolves when the worker says it is ok. */
  health(options?: {
    signal?: AbortSignal | undefined;
  }): Promise<{ toolCount: number | undefined }>;
  /** `GET /worker/tools`: the raw definitions, for the caller to validate. */
  listTools(options?: { signal?: AbortSignal | undefined }): Promise<unknown[]>;
  invoke(
    request: ExecuteToolRequest,
    options?: { signal?: AbortSignal | undefined },
  ): Promise<ExecuteToolResponse>;
  /** Closes the connections to the worker; calls in progress finish first. */
  close(): Promise<void>;
}

/** Health checks should not hang for a whole execution timeout. */
const maxHealthTimeoutMs = 5000;

/** The largest answer the engine reads from a worker; tool results are small JSON values. */
const maxResponseBytes = 32 * 1024 * 1024;

/** A client for the remote worker `settings` describe. */
export function createWorkerClient({
  settings,
}: {
  settings: Pick<WorkerSettings, 'id' | 'url' | 'secret' | 'timeoutMs'>;
}): WorkerClient {
  const tokenOf = createWorkerTokenSource({ secret: settings.secret });
  const origin = toHttpOrigin(settings.url, { timeoutMs: settings.timeoutMs });

  async function send({
    method,
    path,
    body,
    timeoutMs,
    signal,
  }: {
    method: 'GET' | 'POST';
    path: string;
    body?: unknown;
    timeoutMs: number;
    signal: AbortSignal | undefined;
  }): Promise<unknown> {
    const where = `worker '${settings.id}' (${method} ${settings.url}${path})`;
    const outcome = await sendHttpRequest({
      origin,
      path,
      method,
      headers: {
        authorization: `Bearer ${tokenOf()}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      timeoutMs,
      maxResponseBytes,
      signal,
    });
    if (outcome.type === 'failed') {
      throw transportFailure({ workerId: settings.id, where, timeoutMs, ...outcome });
    }
    const response = { ok: outcome.status >= 200 && outcome.status < 300, status: outcome.status };
    const text = outcome.text;
    if (!response.ok) {
      throw new WorkerTransportError({
        workerId: settings.id,
        reason: 'rejected',
        status: response.status,
        message:
          // Arcade's Python workers answer 403 when the token is missing (FastAPI's HTTPBearer,
          // arcade-mcp libs/arcade-serve/arcade_serve/fastapi/worker.py), 401 when it is refused.
          response.status === 401 || response.status === 403
            ? `${where} answered ${response.status}: it refused the engine's token. Configure the engine with the same secret the worker was started with.`
            : response.status >= 300 && response.status < 400
              ? `${where} answered a redirect (HTTP ${response.status}), which the engine does not follow: configure the URL the worker itself listens on.`
              : `${where} answered HTTP ${response.status}: ${errorMessageOf(text)}`,
      });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new WorkerTransportError({
        workerId: settings.id,
        reason: 'bad_response',
        message: `${where} answered with a body that is not JSON; is that URL a Toolgrant worker?`,
        cause: error,
      });
    }
  }

  const badResponse = (path: string, problem: string) =>
    new WorkerTransportError({
      workerId: settings.id,
      reason: 'bad_response',
      message: `Worker '${settings.id}' (${settings.url}${path}) answered with ${problem}; is that URL a Toolgrant worker of a compatible version?`,
    });

  return {
    async health({ signal } = {}) {
      const body = await send({
        method: 'GET',
        path: '/worker/health',
        timeoutMs: Math.min(settings.timeoutMs, maxHealthTimeoutMs),
        signal,
      });
      const parsed = safeParseWorkerHealthResponse(body);
      if (!parsed.success)
        throw badResponse('/worker/health', 'something other than { status: "ok" }');
      return { toolCount: toolCountOf(parsed.data) };
    },

    async listTools({ signal } = {}) {
      const body = await send({
        method: 'GET',
        path: '/worker/tools',
        timeoutMs: settings.timeoutMs,
        signal,
      });
      // The protocol answers an array; an Arcade-style page `{ items }` is accepted too.
      if (Array.isArray(body)) return body;
      const items = (body as { items?: unknown } | null)?.items;
      if (Array.isArray(items)) return items;
      throw badResponse('/worker/tools', 'something other than an array of tool definitions');
    },

    async invoke(request, { signal } = {}) {
      const body = await send({
        method: 'POST',
        path: '/worker/tools/invoke',
        body: request,
        timeoutMs: settings.timeoutMs,
        signal,
      });
      const parsed = safeParseExecuteToolResponse(body);
      if (!parsed.success) {
        throw badResponse(
          '/worker/tools/invoke',
          `a result that is not a tool execution result (${parsed.problems[0] ?? 'invalid'})`,
        );
      }
      return parsed.data;
    },

    close: () => origin.pool.close(),
  };
}

/** The transport error for a request that produced no answer. */
function transportFailure({
  workerId,
  where,
  timeoutMs,
  reason,
  cause,
}: {
  workerId: string;
  where: string;
  timeoutMs: number;
  reason: 'timeout' | 'cancelled' | 'network' | 'too_large';
  cause?: unknown;
}): WorkerTransportError {
  switch (reason) {
    case 'timeout':
      return new WorkerTransportError({
        workerId,
        reason: 'timeout',
        message: `No answer from ${where} within ${timeoutMs} ms.`,
        cause,
      });
    case 'cancelled':
      return new WorkerTransportError({
        workerId,
        reason: 'cancelled',
        message: `The request to ${where} was cancelled by the caller.`,
        cause,
      });
    case 'too_large':
      return new WorkerTransportError({
        workerId,
        reason: 'bad_response',
        message: `${where} answered with more than ${maxResponseBytes} bytes; the engine stopped reading. A tool result should be a small JSON value.`,
      });
    default: {
      const code = errorCode(cause);
      const connectionRefused = code === 'ECONNREFUSED';
      return new WorkerTransportError({
        workerId,
        reason: 'unreachable',
        connectionRefused,
        message: connectionRefused
          ? `${where} refused the connection: is the worker running at that address?`
          : `${where} failed before answering (${code ?? 'no error code'}): the worker is unreachable or stopped mid-request.`,
        cause,
      });
    }
  }
}

/** The system error code behind a failed request (sometimes wrapped in `cause` or `errors`). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { code, errors } = current as { code?: unknown; errors?: unknown };
    if (typeof code === 'string') return code;
    if (Array.isArray(errors) && errors.length > 0) {
      const inner = errorCode(errors[0]);
      if (inner !== undefined) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The message of a worker's error body, shortened; workers never put secrets in them. */
function errorMessageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message = typeof body.message === 'string' ? body.message : body.error;
    if (typeof message === 'string') return message.slice(0, 500);
  } catch {
    // Not JSON: fall through to the text itself.
  }
  return text.slice(0, 200) || '(empty body)';
}
