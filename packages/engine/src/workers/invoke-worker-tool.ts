import { randomUUID } from 'node:crypto';
import type { ToolLog } from '@toolgrant/worker';
import {
  createRedactor,
  type ExecuteToolRequest,
  type ExecuteToolResponse,
  type ToolExecutionErrorOutput,
  type ToolExecutionResult,
} from '@toolgrant/worker/internal';
import { sleep } from '../shared/sleep.js';
import type { WorkerRegisteredTool } from '../tools/tool-registry.js';
import type { WorkerPool } from './create-worker-pool.js';
import { toErrorKind } from './to-error-kind.js';
import { WorkerTransportError } from './worker-transport-error.js';

// One execution of a worker's tool, once the engine has resolved its secrets and the user's
// credential: the protocol's request, tries as the worker's retry policy allows (a refused
// connection always; other transport failures only for idempotent tools, which may already
// have run), and the answer as the execute response. Transport failures become the
// NETWORK_TRANSPORT_* error kinds with a message the model may see.

/** Runs a tool call on the worker that serves it and returns its execution result. */
export async function invokeWorkerTool({
  registered,
  workers,
  executionId,
  input,
  userId,
  authToken,
  secrets,
  signal,
}: {
  registered: WorkerRegisteredTool;
  workers: WorkerPool;
  executionId: string;
  input: unknown;
  userId: string | undefined;
  authToken: string | undefined;
  /** Only the keys the tool declared. */
  secrets: Readonly<Record<string, string>>;
  signal?: AbortSignal | undefined;
}): Promise<ToolExecutionResult> {
  const startedAt = performance.now();
  const displayName = registered.definition.qualified_name;
  const redact = createRedactor([authToken, ...Object.values(secrets)]);
  const fail = (error: ToolExecutionErrorOutput, logs: ToolLog[] = []): ToolExecutionResult => ({
    success: false,
    output: { error, logs },
    duration: performance.now() - startedAt,
  });

  const noLongerServed = () =>
    fail({
      message: `Tool '${displayName}' is no longer served. List the tools again and pick another.`,
      developer_message: `Worker '${registered.workerId}' was removed during the execution.`,
      kind: 'NETWORK_TRANSPORT_RUNTIME_UNREACHABLE',
      can_retry: false,
    });
  const client = workers.clientOf(registered.workerId);
  const state = workers.get(registered.workerId);
  // Removed between the lookup and now.
  if (client === undefined || state === undefined) return noLongerServed();

  const request: ExecuteToolRequest = {
    run_id: `run_${randomUUID()}`,
    execution_id: executionId,
    created_at: new Date().toISOString(),
    tool: {
      name: registered.tool.name,
      toolkit: registered.toolkit.name,
      version: registered.toolkit.version,
    },
    inputs: isRecord(input) ? input : {},
    // As Arcade's engine sends it, because Arcade's workers parse exactly this: secrets as a
    // list of { key, value }, the provider's user_info beside the token (arcade-mcp,
    // libs/arcade-core/arcade_core/schema.py `ToolContext`, `ToolAuthorizationContext`;
    // arcade-mcp-ts, src/worker/routes.ts, which iterates `context.secrets`). The published
    // request schema says a map; Toolgrant's worker reads both.
    context: {
      ...(authToken === undefined ? {} : { authorization: { token: authToken, user_info: {} } }),
      secrets: Object.entries(secrets).map(([key, value]) => ({ key, value })),
      ...(userId === undefined ? {} : { user_id: userId }),
    },
  };

  const { attempts, backoffMs } = state.settings.retry;
  const idempotent = registered.tool.metadata?.idempotent === true;
  let response: ExecuteToolResponse;
  for (let attempt = 1; ; attempt++) {
    try {
      response = await client.invoke(request, { signal });
      workers.reportReached(registered.workerId);
      break;
    } catch (error) {
      if (!WorkerTransportError.isInstance(error)) throw error;
      // Removed or replaced meanwhile: its connections were closed, and whatever serves the id
      // now is not the worker that failed.
      if (workers.clientOf(registered.workerId) !== client) return noLongerServed();
      if (error.reason === 'unreachable' || error.reason === 'timeout') {
        workers.reportUnreachable(registered.workerId, error);
      }
      const retryable =
        (error.reason === 'unreachable' && error.connectionRefused) ||
        (idempotent && (error.reason === 'unreachable' || error.reason === 'timeout'));
      if (!retryable || attempt >= attempts || signal?.aborted) {
        return fail(toTransportErrorOutput({ error, displayName, redact }));
      }
      await sleep({ ms: backoffMs * 2 ** (attempt - 1), signal });
    }
  }

  const output = response.output;
  // Arcade's workers put the logs in the output; this package's worker beside it.
  const logs = (output?.logs ?? response.logs ?? []).map((log) => ({
    level: toLogLevel(log.level),
    message: redact(log.message),
  }));
  if (response.success && output != null && 'value' in output) {
    return {
      success: true,
      output: { value: output.value ?? null, logs },
      duration: performance.now() - startedAt,
    };
  }
  if (output?.error != null) {
    const error = output.error;
    return fail(
      removeUndefined({
        message: redact(error.message),
        developer_message:
          error.developer_message == null ? undefined : redact(error.developer_message),
        kind: toErrorKind(error.kind),
        can_retry: error.can_retry ?? false,
        additional_prompt_content:
          error.additional_prompt_content == null
            ? undefined
            : redact(error.additional_prompt_content),
        retry_after_ms: error.retry_after_ms ?? undefined,
        status_code: error.status_code ?? undefined,
      }),
      logs,
    );
  }
  return fail(
    {
      message: `Tool '${displayName}' failed without saying why.`,
      developer_message: `Worker '${registered.workerId}' answered success: ${response.success} without an output value or error.`,
      kind: 'NETWORK_TRANSPORT_RUNTIME_UNMAPPED',
      can_retry: false,
    },
    logs,
  );
}

function toTransportErrorOutput({
  error,
  displayName,
  redact,
}: {
  error: WorkerTransportError;
  displayName: string;
  redact: (text: string) => string;
}): ToolExecutionErrorOutput {
  const developerMessage = redact(error.message);
  switch (error.reason) {
    case 'unreachable':
      return {
        message: `Tool '${displayName}' is unavailable right now: the service that runs it could not be reached. Try again in a little while.`,
        developer_message: developerMessage,
        kind: 'NETWORK_TRANSPORT_RUNTIME_UNREACHABLE',
        can_retry: true,
      };
    case 'timeout':
      return {
        message: `Tool '${displayName}' did not answer in time. Try again in a little while.`,
        developer_message: developerMessage,
        kind: 'NETWORK_TRANSPORT_RUNTIME_TIMEOUT',
        can_retry: true,
      };
    case 'cancelled':
      return {
        message: `The execution of tool '${displayName}' was cancelled.`,
        developer_message: developerMessage,
        kind: 'TOOL_RUNTIME_FATAL',
        can_retry: false,
      };
    default:
      return {
        message: `Tool '${displayName}' failed in the service that runs it.`,
        developer_message: developerMessage,
        kind: 'NETWORK_TRANSPORT_RUNTIME_UNMAPPED',
        // An overloaded or restarting worker (or the proxy before it) may answer 502, 503 or
        // 504 and then recover. A 500 is the worker's own failure, usually the same for the same
        // call (Arcade's workers answer one when a request is malformed for them), so the model
        // is not told to try again; nor for a refused token or a bad answer.
        can_retry: error.status !== undefined && transientStatuses.has(error.status),
      };
  }
}

const transientStatuses: ReadonlySet<number> = new Set([502, 503, 504]);

const logLevels: ReadonlySet<string> = new Set<ToolLog['level']>([
  'debug',
  'info',
  'warning',
  'error',
]);

/** A worker's log level as one of Arcade's; another worker's own level counts as info. */
function toLogLevel(level: string): ToolLog['level'] {
  const lower = level.toLowerCase();
  if (lower === 'warn') return 'warning';
  return logLevels.has(lower) ? (lower as ToolLog['level']) : 'info';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function removeUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
