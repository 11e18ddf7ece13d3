import {
  type FunctionTool,
  type JsonSchemaDefinition,
  type RunContext,
  tool,
} from '@openai/agents';
import {
  type AuthorizationRequiredEvent,
  authorizeTool,
  createToolgrantSession,
  runTool,
  type ToolClient,
  type ToolDefinition,
  type ToolErrorReport,
  type ToolgrantSession,
  toModelOutput,
  toToolNames,
  validateToolInput,
} from '@toolgrant/core';
import { resolveUserId, runResumedTool, toAuthorizationPause } from '@toolgrant/core/internal';
import {
  forgetPendingAuthorizations,
  pendingAuthorizationOf,
  rememberPendingAuthorization,
} from './pending-authorizations.js';
import { toToolParameters } from './to-tool-parameters.js';
import { userIdContextKey } from './toolgrant-run-context.js';

// Toolgrant definitions as OpenAI Agents SDK function tools. `needsApproval` asks core whether
// the user has authorized the tool (no request once known): if not, it keeps the authorization in
// the run context and the run stops with an interruption. The app approves once the user has
// consented and resumes; the approved call waits for the engine to see the consent, then runs by
// core's rule for a resumed call. Everything else is core's runTool and toModelOutput.

/**
 * A Toolgrant tool as an OpenAI Agents SDK function tool: JSON Schema parameters, text for the
 * model. `TContext` is the app's run-context type, so the tools fit an `Agent<TContext>`.
 */
export type OpenAIAgentsTool<TContext = unknown> = FunctionTool<
  TContext,
  JsonSchemaDefinition['schema'],
  string
>;

/** Options of `toOpenAIAgentsTools`. */
export interface ToOpenAIAgentsToolsOptions {
  client: ToolClient;
  /** Definitions already loaded, for example with core's `loadTools`. */
  definitions: readonly ToolDefinition[];
  /** The end user the tools act for. Without it, each call reads `userId` from the run context. */
  userId?: string;
  /** How long an approved call waits for the engine to see the user's consent; ten minutes unless given. */
  authorizationTimeoutMs?: number;
  /**
   * Called where a call needs an authorization it could not pause for (the engine refused a
   * grant the session took as valid): the model then reads that the user must authorize, and
   * this callback gets the authorization to show.
   */
  onAuthorizationRequired?: (event: AuthorizationRequiredEvent) => void;
  /** Put the authorization URL in the model's text where a call could not pause. */
  includeAuthorizationUrl?: boolean;
  /** Receives the developer-only details of a failed tool call; the model never sees them. */
  onError?: (report: ToolErrorReport) => void;
  /**
   * What the tools remember between calls (which users authorized which tools); a new one
   * unless given. Pass one session to every call, for example one per server process, so an
   * authorized call is one request across requests.
   */
  session?: ToolgrantSession;
}

/** Definitions already loaded, as OpenAI Agents SDK tools; authorization interrupts the run. */
export function toOpenAIAgentsTools<TContext = unknown>({
  client,
  definitions,
  userId: boundUserId,
  authorizationTimeoutMs,
  onAuthorizationRequired,
  includeAuthorizationUrl,
  onError,
  session = createToolgrantSession(),
}: ToOpenAIAgentsToolsOptions): OpenAIAgentsTool<TContext>[] {
  return [...toToolNames(definitions)].map(([name, definition]) => {
    const userIdOf = (runContext: RunContext<unknown> | undefined) =>
      resolveUserId({
        definition,
        userId: boundUserId,
        fromContext: [contextField(runContext?.context, userIdContextKey)],
        howToPass: {
          createFunction: 'createOpenAIAgentsTools',
          perCall: `set '${userIdContextKey}' in the run context: run(agent, input, { context: { ${userIdContextKey}: yourUserId } })`,
        },
      });

    const needsApproval = async (runContext: RunContext, input: unknown, callId?: string) => {
      // Calls the user rejected wait for nothing any more.
      forgetPendingAuthorizations({
        context: runContext.context,
        isDone: ({ toolCallId, pause }) =>
          runContext.isToolApproved({ toolName: pause.toolName, callId: toolCallId }) === false,
      });
      // Bad arguments need no consent: the call answers with core's message, without a request.
      if (callId === undefined || !validateToolInput(definition, input).success) return false;
      const check = await authorizeTool({
        client,
        session,
        definition,
        userId: userIdOf(runContext),
      });
      if (check.type === 'authorized') return false;
      const pause = toAuthorizationPause({
        toolName: name,
        definition,
        authorization: check.authorization,
      });
      rememberPendingAuthorization({ context: runContext.context, toolCallId: callId, pause });
      return true;
    };

    const execute = async (
      input: unknown,
      runContext: RunContext<TContext> | undefined,
      details: { toolCall?: { callId: string }; signal?: AbortSignal } | undefined,
    ): Promise<string> => {
      const call = {
        client,
        session,
        definition,
        input,
        userId: userIdOf(runContext),
        signal: details?.signal,
        onError,
      };
      const toolCallId = details?.toolCall?.callId;
      const context = runContext?.context;
      const pause =
        toolCallId === undefined ? undefined : pendingAuthorizationOf({ context, toolCallId });
      // A call that paused and was approved: the app resumed after the user's consent. Core's
      // rule for a resumed call: wait for the authorization it paused for, run once, never pause
      // again. (Only a call that paused is looked up: the SDK's approval lookup is not free.)
      const resumed =
        pause !== undefined &&
        toolCallId !== undefined &&
        runContext?.isToolApproved({ toolName: name, callId: toolCallId }) === true;
      const outcome = resumed
        ? await runResumedTool({
            ...call,
            authorization: pause.authorization,
            timeoutMs: authorizationTimeoutMs,
          })
        : await runTool(call);
      // Done with the authorization it paused for; kept until now, so a run that failed on the
      // way (an unreachable engine) can be resumed again.
      if (pause !== undefined) {
        forgetPendingAuthorizations({
          context,
          isDone: (entry) => entry.toolCallId === toolCallId,
        });
      }
      if (outcome.type === 'authorization_required') {
        onAuthorizationRequired?.({
          toolName: name,
          qualifiedName: definition.qualified_name,
          authorization: outcome.authorization,
        });
        return toModelOutput({ outcome, includeAuthorizationUrl });
      }
      return toModelOutput({ outcome });
    };

    const common = {
      name,
      description: definition.description ?? definition.qualified_name,
      needsApproval,
      execute,
      // Engine and transport failures, and a missing user id, are the developer's: they end the
      // run as errors instead of reaching the model as text.
      errorFunction: null,
    };
    const parameters = toToolParameters(definition);
    return parameters.strict
      ? tool<typeof parameters.schema, TContext>({
          ...common,
          strict: true,
          parameters: parameters.schema,
        })
      : tool<typeof parameters.schema, TContext>({
          ...common,
          strict: false,
          parameters: parameters.schema,
        });
  });
}

function contextField(context: unknown, key: string): unknown {
  return typeof context === 'object' && context !== null
    ? (context as Record<string, unknown>)[key]
    : undefined;
}
