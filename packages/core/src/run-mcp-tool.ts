import { authorizationNotCompleted } from './await-resumed-authorization.js';
import type { PushedUrlElicitation } from './connect-mcp-source.js';
import type { McpToolDefinition } from './mcp-tool-definition.js';
import { isMcpProtocolError, toMcpTransportError } from './mcp-transport-error.js';
import type { RequiredAuthorization, RunOutcome } from './run-outcome.js';
import type { ToolErrorReport } from './run-tool.js';
import { ToolTransportError } from './tool-transport-error.js';
import { createToolgrantSession, type ToolgrantSession } from './toolgrant-session.js';

// Calls an MCP tool and maps the server's answer onto core's `RunOutcome`:
// - content or structured content → `completed`;
// - a URL elicitation → `authorization_required`: in 2026-07-28 an `input_required` result
//   (the input key and `requestState` kept for the retry), in 2025-11-25 the `-32042` error
//   (the elicitation id kept). The URL and its host go to the app's UI, never to the model
//   (`toModelOutput` names the source only);
// - a tool error (`isError`) → `error`, the server's text as the model's message.
// A retry after the user's answer (`consent`) carries the answer and, in 2026-07-28, the
// `requestState` byte for byte. It never pauses again (core's rule for a resumed call): if the
// server still asks, the model reads that the consent did not complete. So a server that keeps
// asking after accept costs one round per user turn, not a loop.
// Servers that cannot be reached, or that close mid-call, are the developer's problem: a
// `ToolTransportError`.

/** The user's answer to a consent request, for the retry. */
export type McpConsentAnswer = 'accept' | 'decline' | 'cancel';

/** Options of `runMcpTool`. */
export interface RunMcpToolOptions {
  definition: McpToolDefinition;
  /** The model's arguments; checked against the tool's JSON Schema before anything is sent. */
  input: unknown;
  /** Keeps the source's connection; a new one (a new connection) unless given. */
  session?: ToolgrantSession;
  signal?: AbortSignal;
  /** Receives developer-only details of a failed call. */
  onError?: (report: ToolErrorReport) => void;
  /** A retry after the user answered the consent request the call paused with. */
  consent?: { authorization: RequiredAuthorization; answer: McpConsentAnswer };
}

const invalidParams = -32602;

type CallResult = {
  resultType?: unknown;
  content?: unknown;
  structuredContent?: unknown;
  isError?: unknown;
  inputRequests?: unknown;
  requestState?: unknown;
};

/** Calls an MCP tool, or returns the consent the server asks the user for. */
export async function runMcpTool({
  definition,
  input,
  session = createToolgrantSession(),
  signal,
  onError,
  consent,
}: RunMcpToolOptions): Promise<RunOutcome> {
  const { source, qualifiedName } = definition;
  const validation = session.mcp.validator(definition)(input);
  if (!validation.success) {
    return failed({
      kind: 'TOOL_RUNTIME_BAD_INPUT_VALUE',
      message: validation.message,
      canRetry: true,
    });
  }
  const host = consent?.authorization.host ?? source.name;
  const request = consent?.authorization.mcp;
  if (
    consent &&
    (request === undefined || request.source !== source.name || request.tool !== definition.name)
  ) {
    return authorizationNotCompleted(
      'The consent this call was resumed with does not belong to this tool.',
    );
  }
  if (consent && consent.answer !== 'accept' && request?.era === '2025-11-25') {
    // 2025-11-25 has no answer to send: the server's elicitation simply goes unused.
    return authorizationNotCompleted(
      `The user ${consent.answer === 'decline' ? 'declined' : 'cancelled'} the consent ${host} asked for.`,
    );
  }

  const connection = await session.mcp.connect(source, { signal });
  const params: Record<string, unknown> = { name: definition.name, arguments: validation.input };
  if (request?.era === '2026-07-28' && consent) {
    params.inputResponses = { [request.inputKey]: { action: consent.answer } };
    if (request.requestState !== undefined) params.requestState = request.requestState;
  }

  let outcome: RunOutcome;
  const call = connection.beginCall();
  try {
    const result = (await connection.client.callTool(params as { name: string }, {
      signal,
      allowInputRequired: true,
    })) as CallResult;
    const pushed = call.end();
    const pause = pushed ? fromPushedElicitation(pushed, definition) : undefined;
    outcome = pause && result.isError === true ? pause : toOutcome({ result, definition, onError });
  } catch (error) {
    call.end();
    const pause = isMcpProtocolError(error)
      ? fromUrlElicitationError(error, definition)
      : undefined;
    if (pause) outcome = pause;
    else if (isMcpProtocolError(error) && error.code === invalidParams) {
      // Arguments the server refused, or a `requestState` it could not verify.
      onError?.(
        report({ definition, kind: 'TOOL_RUNTIME_BAD_INPUT_VALUE', message: error.message }),
      );
      outcome = failed({
        kind: 'TOOL_RUNTIME_BAD_INPUT_VALUE',
        message: `The server refused the call to ${qualifiedName}: ${error.message}`,
        canRetry: consent === undefined,
      });
    } else if (isMcpProtocolError(error)) {
      throw new ToolTransportError({
        reason: 'server_error',
        operation: `Calling MCP tool '${qualifiedName}'`,
        cause: error,
        advice: `the MCP server answered with JSON-RPC error ${error.code} (${error.message}). Check the server.`,
      });
    } else {
      session.mcp.drop(source, connection);
      throw toMcpTransportError({
        source,
        operation: `Calling MCP tool '${qualifiedName}'`,
        error,
      });
    }
  }

  if (!consent) return outcome;
  if (consent.answer !== 'accept') {
    return authorizationNotCompleted(
      `The user ${consent.answer === 'decline' ? 'declined' : 'cancelled'} the consent ${host} asked for.`,
    );
  }
  if (outcome.type === 'authorization_required') {
    return authorizationNotCompleted(
      `${host} still asks for the user's consent after they accepted.`,
    );
  }
  return outcome;
}

function toOutcome({
  result,
  definition,
  onError,
}: {
  result: CallResult;
  definition: McpToolDefinition;
  onError: RunMcpToolOptions['onError'];
}): RunOutcome {
  if (result.resultType === 'input_required') {
    const requests = isRecord(result.inputRequests) ? result.inputRequests : {};
    const requestState = typeof result.requestState === 'string' ? result.requestState : undefined;
    for (const [inputKey, entry] of Object.entries(requests)) {
      const url = urlElicitationOf(entry);
      if (!url) continue;
      return consentRequired({
        definition,
        url: url.url,
        message: url.message,
        id: `${definition.source.name}:${inputKey}:${crypto.randomUUID()}`,
        mcp: {
          era: '2026-07-28',
          source: definition.source.name,
          tool: definition.name,
          inputKey,
          requestState,
        },
      });
    }
    onError?.(
      report({
        definition,
        kind: 'TOOL_RUNTIME_FATAL',
        message: `The server asked for input other than URL consent: ${Object.keys(requests).join(', ')}`,
      }),
    );
    return failed({
      kind: 'TOOL_RUNTIME_FATAL',
      message: `${definition.qualifiedName} asked for input this app cannot collect. The tool did not run.`,
      canRetry: false,
    });
  }
  const text = textOf(result.content);
  if (result.isError === true) {
    const message = text ?? 'The tool failed without saying why.';
    onError?.(report({ definition, kind: 'TOOL_RUNTIME_ERROR', message }));
    return failed({ kind: 'TOOL_RUNTIME_ERROR', message, canRetry: true });
  }
  if (result.structuredContent !== undefined)
    return { type: 'completed', value: result.structuredContent };
  return { type: 'completed', value: text ?? result.content };
}

function fromUrlElicitationError(
  error: Error & { code: number; data?: unknown },
  definition: McpToolDefinition,
): RunOutcome | undefined {
  if (error.code !== -32042 || !isRecord(error.data)) return undefined;
  const elicitations = Array.isArray(error.data.elicitations) ? error.data.elicitations : [];
  for (const entry of elicitations) {
    if (!isRecord(entry) || entry.mode !== 'url' || typeof entry.elicitationId !== 'string')
      continue;
    const url = urlOf(entry.url);
    if (!url) continue;
    return consentRequired({
      definition,
      url,
      message: typeof entry.message === 'string' ? entry.message : undefined,
      id: entry.elicitationId,
      mcp: {
        era: '2025-11-25',
        source: definition.source.name,
        tool: definition.name,
        elicitationId: entry.elicitationId,
      },
    });
  }
  return undefined;
}

function fromPushedElicitation(
  pushed: PushedUrlElicitation,
  definition: McpToolDefinition,
): RunOutcome | undefined {
  const url = urlOf(pushed.url);
  if (!url) return undefined;
  const elicitationId =
    typeof pushed.elicitationId === 'string' ? pushed.elicitationId : crypto.randomUUID();
  return consentRequired({
    definition,
    url,
    message: typeof pushed.message === 'string' ? pushed.message : undefined,
    id: elicitationId,
    mcp: {
      era: '2025-11-25',
      source: definition.source.name,
      tool: definition.name,
      elicitationId,
    },
  });
}

function consentRequired({
  definition,
  url,
  message,
  id,
  mcp,
}: {
  definition: McpToolDefinition;
  url: string;
  message: string | undefined;
  id: string;
  mcp: NonNullable<RequiredAuthorization['mcp']>;
}): RunOutcome {
  return {
    type: 'authorization_required',
    authorization: {
      id,
      url,
      // What the model reads names the source, never the URL or its host.
      providerId: definition.source.name,
      scopes: [],
      status: 'pending',
      message,
      host: new URL(url).host,
      mcp,
    },
  };
}

function urlElicitationOf(
  entry: unknown,
): { url: string; message: string | undefined } | undefined {
  if (!isRecord(entry) || entry.method !== 'elicitation/create' || !isRecord(entry.params))
    return undefined;
  const { params } = entry;
  if (params.mode !== 'url') return undefined;
  const url = urlOf(params.url);
  if (!url) return undefined;
  return { url, message: typeof params.message === 'string' ? params.message : undefined };
}

// Only http(s) URLs are shown: anything else (javascript:, file:, data:) is not a consent page.
function urlOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) return undefined;
  const { protocol } = new URL(value);
  return protocol === 'https:' || protocol === 'http:' ? value : undefined;
}

function textOf(content: unknown): string | undefined {
  if (!Array.isArray(content) || content.length === 0) return undefined;
  const texts = content.map((block) =>
    isRecord(block) && block.type === 'text' && typeof block.text === 'string'
      ? block.text
      : undefined,
  );
  if (texts.some((text) => text === undefined)) return undefined;
  return texts.join('\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function report({
  definition,
  kind,
  message,
}: {
  definition: McpToolDefinition;
  kind: string;
  message: string;
}): ToolErrorReport {
  return {
    toolName: definition.qualifiedName,
    userId: undefined,
    kind,
    message,
    developerMessage: undefined,
    stacktrace: undefined,
    statusCode: undefined,
    executionId: undefined,
  };
}

function failed({
  kind,
  message,
  canRetry,
}: {
  kind: string;
  message: string;
  canRetry: boolean;
}): RunOutcome {
  return {
    type: 'error',
    error: { kind, message, canRetry, retryAfterMs: undefined, additionalPromptContent: undefined },
  };
}
