import { z } from 'zod/v4';
import { createRedactor } from './create-redactor.js';
import type { Tool } from './define-tool.js';
import type { Toolkit } from './define-toolkit.js';
import { createToolContext } from './tool-context.js';
import { ToolError, type ToolErrorKind } from './tool-error.js';
import { createToolLogger, type ToolLog } from './tool-logger.js';
import { ToolRequirementsNotMetError } from './tool-requirements-not-met-error.js';

// Runs one tool call the way the engine (in its own process) and the worker server both do:
// check requirements, validate the input, run execute() under a timeout, validate the output,
// and turn every failure into the Arcade execution error. It never throws for a tool's fault,
// and no secret or token it was given appears in a message or log it returns.

/** The error a failed execution reports: a message for the model, and details for the developer. */
export interface ToolExecutionErrorOutput {
  /** For the model: what went wrong and how to proceed. */
  message: string;
  /** For the application only: stack traces and details the model must not see. */
  developer_message?: string;
  kind: ToolErrorKind;
  can_retry: boolean;
  additional_prompt_content?: string;
  retry_after_ms?: number;
  status_code?: number;
}

/** The shape of the official client's `ExecuteToolResponse`: logs sit inside `output`. */
export interface ToolExecutionResult {
  success: boolean;
  output:
    | { value: unknown; logs: ToolLog[] }
    | { error: ToolExecutionErrorOutput; logs: ToolLog[] };
  /** Milliseconds from the call to its result. */
  duration: number;
}

/** What `executeTool` needs: the tool, its toolkit, the input and the call's context. */
export interface ExecuteToolOptions {
  tool: Tool;
  /** Used to name the tool `Toolkit.Tool` in messages. */
  toolkit?: Pick<Toolkit, 'name'>;
  /** The arguments as the model sent them; validated against the tool's input schema. */
  input: unknown;
  context: {
    userId: string | undefined;
    /** The user's credential for the tool's auth requirement (ignored if it declares none). */
    authToken?: string | undefined;
    /** Secret values by key; the tool sees only those it declared. */
    secrets?: Readonly<Record<string, string | undefined>>;
    /** Cancels the execution, for example when the client disconnects. */
    signal?: AbortSignal;
  };
  /** For tools that set no `timeoutMs` of their own. Default 60 s. */
  timeoutMs?: number;
}

const defaultTimeoutMs = 60_000;

/** Runs one tool call: validates the input, checks requirements, executes and validates the output. */
export async function executeTool({
  tool,
  toolkit,
  input,
  context,
  timeoutMs,
}: ExecuteToolOptions): Promise<ToolExecutionResult> {
  const startedAt = performance.now();
  const displayName = toolkit ? `${toolkit.name}.${tool.name}` : tool.name;
  const redact = createRedactor([context.authToken, ...Object.values(context.secrets ?? {})]);
  const { logger, logs } = createToolLogger({ redact });
  const finish = (output: { value: unknown } | { error: ToolExecutionErrorOutput }) =>
    ({
      success: 'value' in output,
      output: { ...output, logs },
      duration: performance.now() - startedAt,
    }) as ToolExecutionResult;
  const fail = (error: ToolExecutionErrorOutput) => finish({ error: redactError(error, redact) });

  const limitMs = tool.timeoutMs ?? timeoutMs ?? defaultTimeoutMs;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`Tool '${displayName}' timed out after ${limitMs} ms.`));
  }, limitMs);
  const cancel = () => controller.abort(context.signal?.reason);
  if (context.signal?.aborted) cancel();
  context.signal?.addEventListener('abort', cancel, { once: true });

  try {
    let toolContext: ReturnType<typeof createToolContext>;
    try {
      toolContext = createToolContext({
        tool,
        userId: context.userId,
        authToken: context.authToken,
        secrets: context.secrets ?? {},
        signal: controller.signal,
        logger,
      });
    } catch (error) {
      if (!ToolRequirementsNotMetError.isInstance(error)) throw error;
      return fail({ message: error.message, kind: 'TOOL_REQUIREMENTS_NOT_MET', can_retry: false });
    }

    const parsedInput = await z.safeParseAsync(tool.input, dropNullsForOptionalFields(tool, input));
    if (!parsedInput.success) {
      return fail({
        message: `The arguments for tool '${displayName}' are invalid: ${formatIssues(parsedInput.error.issues)}. Call the tool again with corrected arguments.`,
        kind: 'TOOL_RUNTIME_BAD_INPUT_VALUE',
        can_retry: false,
      });
    }

    if (controller.signal.aborted) return fail(stopped());
    const stoppedByAbort = new Promise<never>((_resolve, reject) => {
      controller.signal.addEventListener('abort', () => reject(stopSignal), { once: true });
    });
    const running = (async () => tool.execute(parsedInput.data, toolContext))();
    // Whichever loses the race must not surface later as an unhandled rejection.
    running.catch(() => {});
    stoppedByAbort.catch(() => {});

    let value: unknown;
    try {
      value = await Promise.race([running, stoppedByAbort]);
    } catch (error) {
      if (error === stopSignal) return fail(stopped());
      return fail(toErrorOutput(error));
    }

    if (tool.output === undefined) return finish({ value: value ?? null });
    const parsedOutput = await z.safeParseAsync(tool.output, value);
    if (!parsedOutput.success) {
      return fail({
        message: `Tool '${displayName}' returned a value that does not match its declared output schema.`,
        developer_message: `Output of '${displayName}' failed validation: ${formatIssues(parsedOutput.error.issues)}. Fix the tool's execute() or its output schema.`,
        kind: 'TOOL_RUNTIME_BAD_OUTPUT_VALUE',
        can_retry: false,
      });
    }
    return finish({ value: parsedOutput.data ?? null });
  } catch (error) {
    return fail(toErrorOutput(error));
  } finally {
    clearTimeout(timer);
    context.signal?.removeEventListener('abort', cancel);
  }

  function stopped(): ToolExecutionErrorOutput {
    if (timedOut) {
      return {
        message: `Tool '${displayName}' did not finish within ${limitMs} ms and was stopped.`,
        kind: 'TOOL_RUNTIME_FATAL',
        // Running it again is safe only if a second call has the effect of one.
        can_retry: tool.metadata?.idempotent === true,
      };
    }
    return {
      message: `The execution of tool '${displayName}' was cancelled.`,
      kind: 'TOOL_RUNTIME_FATAL',
      can_retry: false,
    };
  }
}

const stopSignal = Symbol('stopped');

function toErrorOutput(error: unknown): ToolExecutionErrorOutput {
  if (ToolError.isInstance(error)) {
    return removeUndefined({
      message: error.message,
      developer_message: error.developerMessage,
      kind: error.kind,
      can_retry: error.canRetry,
      additional_prompt_content: error.additionalPromptContent,
      retry_after_ms: error.retryAfterMs,
      status_code: error.statusCode,
    });
  }
  if (error instanceof Error) {
    return removeUndefined({
      message: error.message || `${error.name} (no message)`,
      developer_message: error.stack,
      kind: 'TOOL_RUNTIME_FATAL',
      can_retry: false,
    });
  }
  return {
    message: `The tool failed: ${typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error))}`,
    kind: 'TOOL_RUNTIME_FATAL',
    can_retry: false,
  };
}

function removeUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/**
 * Models in strict function-calling modes send `null` for arguments they leave out; for a
 * field that may be omitted but not null, a null means "left out".
 */
function dropNullsForOptionalFields(tool: Tool, input: unknown): unknown {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) return input;
  const shape = tool.input._zod.def.shape;
  const cleaned: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const [key, value] of Object.entries(cleaned)) {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (
      value === null &&
      field !== undefined &&
      !z.safeParse(field, null).success &&
      z.safeParse(field, undefined).success
    ) {
      delete cleaned[key];
    }
  }
  return cleaned;
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.reduce<string>(
        (text, segment) =>
          typeof segment === 'number'
            ? `${text}[${segment}]`
            : `${text}${text === '' ? '' : '.'}${String(segment)}`,
        '',
      );
      return `${path === '' ? '(arguments)' : `'${path}'`}: ${issue.message}`;
    })
    .join('; ');
}

function redactError(
  error: ToolExecutionErrorOutput,
  redact: (text: string) => string,
): ToolExecutionErrorOutput {
  return removeUndefined({
    ...error,
    message: redact(error.message),
    developer_message:
      error.developer_message === undefined ? undefined : redact(error.developer_message),
    additional_prompt_content:
      error.additional_prompt_content === undefined
        ? undefined
        : redact(error.additional_prompt_content),
  });
}
