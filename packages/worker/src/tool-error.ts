import { ToolgrantError } from '@toolgrant/core';

// Errors a tool throws on purpose. `executeTool` turns them into the Arcade execution error
// (`kind`, `can_retry`, `additional_prompt_content`, `retry_after_ms`): `message` and
// `additionalPromptContent` are for the model, `developerMessage` only for the application.

/** The Arcade error kinds, as the official client types them. */
export type ToolErrorKind =
  | 'TOOLKIT_LOAD_FAILED'
  | 'TOOL_DEFINITION_BAD_DEFINITION'
  | 'TOOL_DEFINITION_BAD_INPUT_SCHEMA'
  | 'TOOL_DEFINITION_BAD_OUTPUT_SCHEMA'
  | 'TOOL_REQUIREMENTS_NOT_MET'
  | 'TOOL_RUNTIME_BAD_INPUT_VALUE'
  | 'TOOL_RUNTIME_BAD_OUTPUT_VALUE'
  | 'TOOL_RUNTIME_RETRY'
  | 'TOOL_RUNTIME_CONTEXT_REQUIRED'
  | 'TOOL_RUNTIME_FATAL'
  | 'CONTEXT_CHECK_FAILED'
  | 'CONTEXT_DENIED'
  | 'UPSTREAM_RUNTIME_BAD_REQUEST'
  | 'UPSTREAM_RUNTIME_AUTH_ERROR'
  | 'UPSTREAM_RUNTIME_NOT_FOUND'
  | 'UPSTREAM_RUNTIME_VALIDATION_ERROR'
  | 'UPSTREAM_RUNTIME_RATE_LIMIT'
  | 'UPSTREAM_RUNTIME_SERVER_ERROR'
  | 'UPSTREAM_RUNTIME_UNMAPPED'
  | 'NETWORK_TRANSPORT_RUNTIME_TIMEOUT'
  | 'NETWORK_TRANSPORT_RUNTIME_UNREACHABLE'
  | 'NETWORK_TRANSPORT_RUNTIME_UNMAPPED'
  | 'UNKNOWN';

const toolErrorMarker = 'toolgrant.error.ToolError';
const toolErrorSymbol = Symbol.for(toolErrorMarker);

/** The common shape of the errors below; throw one of them, not this. */
export class ToolError extends ToolgrantError {
  protected readonly [toolErrorSymbol] = true;
  readonly kind: ToolErrorKind;
  readonly canRetry: boolean;
  readonly developerMessage: string | undefined;
  readonly additionalPromptContent: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly statusCode: number | undefined;

  constructor({
    name,
    message,
    kind,
    canRetry,
    developerMessage,
    additionalPromptContent,
    retryAfterMs,
    statusCode,
    cause,
  }: {
    name: string;
    message: string;
    kind: ToolErrorKind;
    canRetry: boolean;
    developerMessage?: string;
    additionalPromptContent?: string;
    retryAfterMs?: number;
    statusCode?: number;
    cause?: unknown;
  }) {
    super({ name, message, cause });
    this.kind = kind;
    this.canRetry = canRetry;
    this.developerMessage = developerMessage;
    this.additionalPromptContent = additionalPromptContent;
    this.retryAfterMs = retryAfterMs;
    this.statusCode = statusCode;
  }

  static override isInstance(error: unknown): error is ToolError {
    return ToolgrantError.hasMarker(error, toolErrorMarker);
  }
}

const retryableMarker = 'toolgrant.error.RetryableToolError';
const retryableSymbol = Symbol.for(retryableMarker);

/**
 * The call may succeed if the model tries again, usually with different arguments:
 * `additionalPromptContent` tells it what to change (for example the valid label names).
 */
export class RetryableToolError extends ToolError {
  protected readonly [retryableSymbol] = true;

  constructor({
    message,
    additionalPromptContent,
    retryAfterMs,
    developerMessage,
    cause,
  }: {
    message: string;
    additionalPromptContent?: string;
    retryAfterMs?: number;
    developerMessage?: string;
    cause?: unknown;
  }) {
    super({
      name: 'RetryableToolError',
      message,
      kind: 'TOOL_RUNTIME_RETRY',
      canRetry: true,
      ...(developerMessage === undefined ? {} : { developerMessage }),
      ...(additionalPromptContent === undefined ? {} : { additionalPromptContent }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      cause,
    });
  }

  static override isInstance(error: unknown): error is RetryableToolError {
    return ToolgrantError.hasMarker(error, retryableMarker);
  }
}

const executionMarker = 'toolgrant.error.ToolExecutionError';
const executionSymbol = Symbol.for(executionMarker);

/** The tool failed and trying again will not help; `message` says why, to the model. */
export class ToolExecutionError extends ToolError {
  protected readonly [executionSymbol] = true;

  constructor({
    message,
    developerMessage,
    cause,
  }: {
    message: string;
    developerMessage?: string;
    cause?: unknown;
  }) {
    super({
      name: 'ToolExecutionError',
      message,
      kind: 'TOOL_RUNTIME_FATAL',
      canRetry: false,
      ...(developerMessage === undefined ? {} : { developerMessage }),
      cause,
    });
  }

  static override isInstance(error: unknown): error is ToolExecutionError {
    return ToolgrantError.hasMarker(error, executionMarker);
  }
}

const upstreamMarker = 'toolgrant.error.UpstreamError';
const upstreamSymbol = Symbol.for(upstreamMarker);

/** The kind and retryability of an upstream HTTP failure, by status code. */
function classifyStatus(status: number): { kind: ToolErrorKind; canRetry: boolean } {
  if (status === 401 || status === 403)
    return { kind: 'UPSTREAM_RUNTIME_AUTH_ERROR', canRetry: false };
  if (status === 404) return { kind: 'UPSTREAM_RUNTIME_NOT_FOUND', canRetry: false };
  if (status === 422) return { kind: 'UPSTREAM_RUNTIME_VALIDATION_ERROR', canRetry: false };
  if (status === 429) return { kind: 'UPSTREAM_RUNTIME_RATE_LIMIT', canRetry: true };
  if (status >= 500 && status <= 599)
    return { kind: 'UPSTREAM_RUNTIME_SERVER_ERROR', canRetry: true };
  if (status >= 400 && status <= 499)
    return { kind: 'UPSTREAM_RUNTIME_BAD_REQUEST', canRetry: false };
  return { kind: 'UPSTREAM_RUNTIME_UNMAPPED', canRetry: false };
}

/** The service the tool calls answered with an HTTP error; the kind follows its status. */
export class UpstreamError extends ToolError {
  protected readonly [upstreamSymbol] = true;
  readonly status: number;

  constructor({
    message,
    status,
    retryAfterMs,
    developerMessage,
    cause,
  }: {
    message: string;
    /** The upstream HTTP status code, for example 404 or 429. */
    status: number;
    retryAfterMs?: number;
    developerMessage?: string;
    cause?: unknown;
  }) {
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new RangeError(
        `UpstreamError({ status }) got ${JSON.stringify(status)}; pass the upstream response's HTTP status code (100-599).`,
      );
    }
    super({
      name: 'UpstreamError',
      message,
      ...classifyStatus(status),
      statusCode: status,
      ...(developerMessage === undefined ? {} : { developerMessage }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      cause,
    });
    this.status = status;
  }

  static override isInstance(error: unknown): error is UpstreamError {
    return ToolgrantError.hasMarker(error, upstreamMarker);
  }
}
