import { statusOf, toDeveloperError } from './client-error.js';
import type { RunOutcome } from './run-outcome.js';
import { toRequiredAuthorization } from './to-required-authorization.js';
import type {
  ToolClient,
  ToolClientAuthorizationResponse,
  ToolClientExecuteResponse,
  ToolClientExecutionError,
} from './tool-client.js';
import type { ToolDefinition } from './tool-definition.js';
import { ToolRequestError } from './tool-request-error.js';
import { createToolgrantSession, type ToolgrantSession } from './toolgrant-session.js';
import { UserIdRequiredError } from './user-id-required-error.js';
import { validateToolInput } from './validate-tool-input.js';

// Execute-or-authorize. Once the session knows a user has authorized a tool, a call is one
// request (`/v1/tools/execute`); otherwise `/v1/tools/authorize` first. Tool failures become an `error`
// outcome for the model; engine and transport failures are thrown to the developer.

/** What the developer learns about a failed tool call; never shown to the model. */
export interface ToolErrorReport {
  toolName: string;
  userId: string | undefined;
  kind: string;
  message: string;
  developerMessage: string | undefined;
  stacktrace: string | undefined;
  statusCode: number | undefined;
  executionId: string | undefined;
}

/** Options of `runTool`. */
export interface RunToolOptions {
  client: ToolClient;
  definition: ToolDefinition;
  /** The arguments the model produced; checked against the definition before anything is sent. */
  input: unknown;
  /** The end user the tool acts for. Required for tools that need an authorization. */
  userId?: string;
  signal?: AbortSignal;
  /** Receives the developer-only details of a failed tool call (developer message, stack trace). */
  onError?: (report: ToolErrorReport) => void;
  /**
   * Remembers which users authorized which tools, so that their next call is one request.
   * Without one, nothing is remembered: each call of such a tool asks the engine first.
   */
  session?: ToolgrantSession;
}

// Error kinds with which the engine refuses a tool for a missing or revoked authorization.
const authorizationErrorKinds = new Set([
  'TOOL_REQUIREMENTS_NOT_MET',
  'UPSTREAM_RUNTIME_AUTH_ERROR',
]);

/**
 * Runs a tool for a user, or returns the authorization they must grant first; one request once authorized.
 */
export async function runTool({
  client,
  definition,
  input,
  userId,
  signal,
  onError,
  session = createToolgrantSession(),
}: RunToolOptions): Promise<RunOutcome> {
  const toolName = definition.qualified_name;
  const toolKey = definition.fully_qualified_name;
  const toolVersion = definition.toolkit.version ?? undefined;
  const operation = `Running tool '${toolName}'`;

  const validation = validateToolInput(definition, input);
  if (!validation.success) {
    return failed({
      kind: 'TOOL_RUNTIME_BAD_INPUT_VALUE',
      message: validation.message,
      canRetry: true,
    });
  }

  const needsAuthorization = Boolean(definition.requirements?.authorization);
  if (needsAuthorization && userId === undefined) throw new UserIdRequiredError({ toolName });
  const statusKey = { client, userId: userId ?? '', toolName: toolKey };
  const { isKnownAuthorized, rememberAuthorized, forgetAuthorized } = session.authorizations;

  const authorize = async (): Promise<ToolClientAuthorizationResponse> => {
    try {
      return await client.tools.authorize(
        {
          tool_name: toolName,
          ...(toolVersion === undefined ? {} : { tool_version: toolVersion }),
          ...(userId === undefined ? {} : { user_id: userId }),
        },
        { signal },
      );
    } catch (error) {
      throw toDeveloperError({
        client,
        error,
        operation: `Authorizing tool '${toolName}'`,
        signal,
      });
    }
  };

  const toRequired = (response: ToolClientAuthorizationResponse): RunOutcome => ({
    type: 'authorization_required',
    authorization: toRequiredAuthorization({ response, definition }),
  });

  // The engine refused for a missing or revoked authorization: start a new one. Right after
  // the engine said the user is authorized, asking again cannot help: the refusal stands.
  const reauthorize = async ({
    refusal,
    justAuthorized,
  }: {
    refusal: ToolClientExecutionError | { status: number };
    justAuthorized: boolean;
  }): Promise<RunOutcome> => {
    forgetAuthorized(statusKey);
    if (!justAuthorized) {
      const response = await authorize();
      if (response.status !== 'completed') return toRequired(response);
      rememberAuthorized(statusKey);
      return execute({ justAuthorized: true });
    }
    if ('kind' in refusal) return reportFailure({ failure: refusal, response: undefined });
    throw new ToolRequestError({ status: refusal.status, operation });
  };

  const reportFailure = ({
    failure,
    response,
  }: {
    failure: ToolClientExecutionError;
    response: ToolClientExecuteResponse | undefined;
  }): RunOutcome => {
    onError?.({
      toolName,
      userId,
      kind: failure.kind,
      message: failure.message,
      developerMessage: failure.developer_message,
      stacktrace: failure.stacktrace,
      statusCode: failure.status_code,
      executionId: response?.execution_id ?? response?.id,
    });
    return failed({
      kind: failure.kind,
      message: failure.message,
      canRetry: failure.can_retry ?? false,
      retryAfterMs: failure.retry_after_ms,
      additionalPromptContent: failure.additional_prompt_content,
    });
  };

  const execute = async ({ justAuthorized }: { justAuthorized: boolean }): Promise<RunOutcome> => {
    let response: ToolClientExecuteResponse;
    try {
      response = await client.tools.execute(
        {
          tool_name: toolName,
          ...(toolVersion === undefined ? {} : { tool_version: toolVersion }),
          input: validation.input,
          ...(userId === undefined ? {} : { user_id: userId }),
        },
        { signal },
      );
    } catch (error) {
      const status = statusOf(error);
      if (needsAuthorization && status === 403 && !signal?.aborted) {
        return reauthorize({ refusal: { status }, justAuthorized });
      }
      throw toDeveloperError({ client, error, operation, signal });
    }

    if (response.success === true) {
      if (needsAuthorization) rememberAuthorized(statusKey);
      return { type: 'completed', value: response.output?.value };
    }
    const authorization = response.output?.authorization;
    if (needsAuthorization && authorization && authorization.status !== 'completed') {
      forgetAuthorized(statusKey);
      return authorization.id
        ? toRequired(authorization)
        : reauthorize({ refusal: { status: 403 }, justAuthorized });
    }
    const failure = response.output?.error;
    if (!failure) {
      return failed({
        kind: 'UNKNOWN',
        message: 'The tool failed without saying why.',
        canRetry: false,
      });
    }
    if (needsAuthorization && authorizationErrorKinds.has(failure.kind)) {
      return reauthorize({ refusal: failure, justAuthorized });
    }
    return reportFailure({ failure, response });
  };

  if (needsAuthorization && !isKnownAuthorized(statusKey)) {
    const response = await authorize();
    if (response.status !== 'completed') return toRequired(response);
    rememberAuthorized(statusKey);
    return execute({ justAuthorized: true });
  }
  return execute({ justAuthorized: false });
}

function failed({
  kind,
  message,
  canRetry,
  retryAfterMs,
  additionalPromptContent,
}: {
  kind: string;
  message: string;
  canRetry: boolean;
  retryAfterMs?: number | undefined;
  additionalPromptContent?: string | undefined;
}): RunOutcome {
  return {
    type: 'error',
    error: { kind, message, canRetry, retryAfterMs, additionalPromptContent },
  };
}
