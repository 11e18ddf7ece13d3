import { createHash } from 'node:crypto';
import {
  type CallToolResult,
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  type InputRequiredResult,
  inputRequired,
  inputResponse,
  MissingRequiredClientCapabilityError,
  ProtocolError,
  ProtocolErrorCode,
  type Server,
  type ServerContext,
  type Tool,
  UrlElicitationRequiredError,
} from '@modelcontextprotocol/server';
import { type RunOutcome, toModelOutput } from '@toolgrant/core';
import { authorizationNotCompleted } from '@toolgrant/core/internal';
import type { Authorization } from '../tools/credential-resolver.js';
import { executeToolCall, type ToolCallResult } from '../tools/execute-tool-call.js';
import type { RegisteredTool } from '../tools/tool-registry.js';
import type { McpServerScope } from './create-mcp-server.js';
import type { McpDependencies } from './mcp-dependencies.js';
import type { ConsentRoundState } from './request-state.js';
import { toCallToolResult, toRunOutcome } from './to-call-tool-result.js';

// One `tools/call`: run the tool for the user, and when the user has not authorized it yet,
// ask for consent the way the client's era can show it:
// - 2026-07-28: an `input_required` result with one URL elicitation (the engine's
//   authorization link) and a sealed `requestState`. The retry with `accept` waits briefly on
//   the flow (the wake-up of `/v1/auth/status`): completed, the tool runs; still pending, the
//   same link is asked for again; `decline`/`cancel` end the call with a result saying so.
// - 2025-11-25: the `-32042` error naming the flow as `elicitationId`; the session is told with
//   `notifications/elicitation/complete` when the flow completes, and the client calls again.
// A client that did not declare URL elicitation gets the missing-capability answer, or, when
// the operator enabled the text fallback, a text result carrying the link.

/** The key of the one input request a consent round sends. */
export const consentInputKey = 'authorization';

/** The result of a call, or the request for the user's consent (2026-07-28). */
export type McpToolCallResult = CallToolResult | InputRequiredResult;

type CallContext = {
  dependencies: McpDependencies;
  scope: McpServerScope;
  server: Server;
  context: ServerContext;
  registered: RegisteredTool;
  /** The tool as listed: its MCP name and output schema. */
  tool: Tool;
  input: Record<string, unknown>;
};

/** Runs a tool call for the connection's user, asking for consent when it needs one. */
export async function callMcpTool(call: CallContext): Promise<McpToolCallResult> {
  if (call.scope.era === 'modern') {
    const state = call.context.mcpReq.requestState<ConsentRoundState>();
    if (state !== undefined) return resumeConsentRound(call, state);
  }
  const executed = await execute(call);
  if (executed.type === 'executed') return resultOf(call, executed);
  const authorization = await call.dependencies.credentials.authorize({
    userId: call.scope.identity.userId,
    requirement: executed.requirement,
  });
  if (authorization.status === 'completed') return runOnce(call, authorization);
  if (authorization.status === 'failed' || authorization.url === undefined) {
    return notCompleted(`Authorizing ${authorization.providerId} could not start.`);
  }
  return askForConsent(call, {
    flowId: authorization.id,
    url: authorization.url,
    providerId: authorization.providerId,
    scopes: [...authorization.scopes],
  });
}

type Consent = Pick<ConsentRoundState, 'flowId' | 'url' | 'providerId' | 'scopes'>;

async function resumeConsentRound(
  call: CallContext,
  state: ConsentRoundState,
): Promise<McpToolCallResult> {
  const { identity } = call.scope;
  const boundHere =
    state.userId === identity.userId &&
    state.principal === identity.principal &&
    state.tool === call.registered.definition.fully_qualified_name &&
    state.argumentsDigest === digestArguments(call.input);
  // One refusal for every mismatch and for a replay: the caller learns nothing about which.
  if (!boundHere || !(await call.dependencies.requestStates.spend(state))) {
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Invalid or expired requestState');
  }
  const response = inputResponse(call.context.mcpReq.inputResponses, consentInputKey);
  if (response.kind !== 'elicit') return askForConsent(call, state);
  if (response.action === 'decline') {
    return notCompleted(`The user declined to authorize ${state.providerId}.`);
  }
  if (response.action === 'cancel') {
    return notCompleted(`The user dismissed the request to authorize ${state.providerId}.`);
  }
  const status = await call.dependencies.credentials
    .getStatus({
      id: state.flowId,
      waitSeconds: call.dependencies.settings.consentWaitSeconds,
      signal: call.context.mcpReq.signal,
    })
    .catch(() => undefined);
  if (status?.status === 'pending') return askForConsent(call, state);
  if (status?.status !== 'completed') {
    return notCompleted(`Authorizing ${state.providerId} did not complete.`);
  }
  return runOnce(call, status);
}

/** After a completed authorization: runs once, and never asks again (the user's next turn may). */
async function runOnce(call: CallContext, authorization: Authorization): Promise<CallToolResult> {
  const executed = await execute(call);
  if (executed.type === 'executed') return resultOf(call, executed);
  return notCompleted(`The user has still not authorized ${authorization.providerId}.`);
}

function askForConsent(call: CallContext, consent: Consent): McpToolCallResult {
  const { dependencies, scope, server, context, registered } = call;
  const message = consentMessage(call.tool.name, consent);
  const capabilities =
    scope.era === 'modern'
      ? ((context.mcpReq.envelope as Record<string, unknown> | undefined)?.[
          CLIENT_CAPABILITIES_META_KEY
        ] as ClientCapabilities | undefined)
      : server.getClientCapabilities();
  if (capabilities?.elicitation?.url === undefined) {
    if (dependencies.settings.textFallback) return linkAsText(consent);
    return missingCapability(scope.era, consent);
  }
  if (scope.era === 'legacy') {
    scope.watchFlow?.(consent.flowId, server);
    throw new UrlElicitationRequiredError(
      [{ mode: 'url', elicitationId: consent.flowId, url: consent.url, message }],
      message,
    );
  }
  const requestState = dependencies.requestStates.seal({
    ...consent,
    userId: scope.identity.userId,
    principal: scope.identity.principal,
    tool: registered.definition.fully_qualified_name,
    argumentsDigest: digestArguments(call.input),
  });
  return inputRequired({
    inputRequests: { [consentInputKey]: inputRequired.elicitUrl({ url: consent.url, message }) },
    requestState,
  });
}

function consentMessage(toolName: string, consent: Consent): string {
  const scopes = consent.scopes.length > 0 ? ` (scopes: ${consent.scopes.join(', ')})` : '';
  return `${toolName} needs your authorization at ${consent.providerId}${scopes}. Open the link to grant it; the tool runs once you have.`;
}

/** The opt-in fallback: the link in a text result, for the model to hand to the user. */
function linkAsText(consent: Consent): CallToolResult {
  const outcome: RunOutcome = {
    type: 'authorization_required',
    authorization: {
      id: consent.flowId,
      url: consent.url,
      providerId: consent.providerId,
      scopes: [...consent.scopes],
      status: 'pending',
    },
  };
  return {
    content: [{ type: 'text', text: toModelOutput({ outcome, includeAuthorizationUrl: true }) }],
  };
}

function missingCapability(era: McpServerScope['era'], consent: Consent): McpToolCallResult {
  const message = `This tool needs the user's authorization at ${consent.providerId}, which this MCP client cannot show: it did not declare URL elicitation (capability elicitation.url).`;
  if (era === 'modern') {
    throw new MissingRequiredClientCapabilityError(
      { requiredCapabilities: { elicitation: { url: {} } } },
      message,
    );
  }
  // 2025-11-25 has no missing-capability error: the model reads why the tool did not run.
  return notCompleted(`${message} Use an MCP client that supports URL elicitation.`);
}

function notCompleted(reason: string): CallToolResult {
  return toCallToolResult({ outcome: authorizationNotCompleted(reason) });
}

function resultOf(
  call: CallContext,
  executed: Extract<ToolCallResult, { type: 'executed' }>,
): CallToolResult {
  return call.server.projectCallToolResult(
    toCallToolResult({
      outcome: toRunOutcome(executed.result),
      structured: call.tool.outputSchema !== undefined,
    }),
    call.tool.outputSchema,
  );
}

function execute(call: CallContext): Promise<ToolCallResult> {
  return executeMcpToolCall({
    dependencies: call.dependencies,
    registered: call.registered,
    userId: call.scope.identity.userId,
    input: call.input,
    signal: call.context.mcpReq.signal,
  });
}

/** Runs a registered tool for a user with the endpoint's resolvers, timeout and workers. */
export function executeMcpToolCall({
  dependencies,
  registered,
  userId,
  input,
  signal,
}: {
  dependencies: McpDependencies;
  registered: RegisteredTool;
  userId: string;
  input: Record<string, unknown>;
  signal: AbortSignal;
}): Promise<ToolCallResult> {
  return executeToolCall({
    registered,
    userId,
    input,
    credentials: dependencies.credentials,
    secrets: dependencies.secrets,
    signal,
    timeoutMs: dependencies.executionTimeoutMs,
    invokeWorkerTool: dependencies.invokeWorkerTool,
  });
}

/** SHA-256 of the arguments as canonical JSON (keys sorted), binding a round to its call. */
export function digestArguments(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input), 'utf8').digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
