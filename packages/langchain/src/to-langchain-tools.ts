import type { ToolRunnableConfig } from '@langchain/core/tools';
import { type DynamicStructuredTool, tool } from '@langchain/core/tools';
import {
  type AuthorizationRequiredEvent,
  createToolgrantSession,
  isMcpToolDefinition,
  type McpToolDefinition,
  type RunOutcome,
  runTool,
  type ToolClient,
  type ToolDefinition,
  type ToolErrorReport,
  type ToolgrantSession,
  toModelOutput,
  toZodSchema,
} from '@toolgrant/core';
import {
  type AnyToolDefinition,
  resolveUserId,
  runResumedTool,
  toAuthorizationPause,
  toToolEntries,
} from '@toolgrant/core/internal';
import { isDeclined } from './authorization-resume-value.js';
import { interruptForAuthorization } from './interrupt-for-authorization.js';
import { toLangChainMcpTool } from './to-langchain-mcp-tool.js';
import { ToolgrantStructuredTool } from './toolgrant-structured-tool.js';
import { userIdConfigKey } from './user-id-config-key.js';

// Toolgrant definitions as LangChain tools. Inside a LangGraph run with a checkpointer, a tool
// whose user has not authorized it interrupts the run with the authorization; resumed, it waits
// for the engine to see the approval, then runs. Arguments are checked by core before LangChain's
// own parse (see ToolgrantStructuredTool). Everything else is core's runTool and toModelOutput.

/**
 * What a tool returns beside the model's text, as the `ToolMessage`'s `artifact`: the outcome
 * itself, so a UI can render a value or an Authorize link the model never reads.
 */
export type LangChainToolArtifact = RunOutcome;

/** A Toolgrant tool as a LangChain structured tool. */
export type LangChainTool = DynamicStructuredTool;

/** Options of `toLangChainTools`. */
export interface ToLangChainToolsOptions {
  /** The Arcade client; needed for engine definitions, not for MCP tools. */
  client?: ToolClient;
  /**
   * Definitions already loaded: the engine's (core's `loadTools`) and MCP servers' tools (core's
   * `loadMcpTools`), side by side.
   */
  definitions: readonly (ToolDefinition | McpToolDefinition)[];
  /** The end user the tools act for. Without it, each call reads `config.configurable.user_id`. */
  userId?: string;
  /** How long a resumed tool waits for the engine to see the user's approval; ten minutes unless given. */
  authorizationTimeoutMs?: number;
  /**
   * Called where a tool cannot interrupt (no LangGraph run, or one without a checkpointer): the
   * model then reads that the user must authorize, and this callback gets the authorization.
   */
  onAuthorizationRequired?: (event: AuthorizationRequiredEvent) => void;
  /** Put the authorization URL in the model's text where a tool cannot interrupt. */
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

/**
 * Definitions already loaded, as LangChain tools; authorization pauses a LangGraph run with a checkpointer.
 */
export function toLangChainTools({
  client,
  definitions,
  userId: boundUserId,
  authorizationTimeoutMs,
  onAuthorizationRequired,
  includeAuthorizationUrl,
  onError,
  session = createToolgrantSession(),
}: ToLangChainToolsOptions): LangChainTool[] {
  return toToolEntries(definitions).map(([name, definition]: [string, AnyToolDefinition]) => {
    if (isMcpToolDefinition(definition)) {
      return toLangChainMcpTool({
        definition,
        session,
        onAuthorizationRequired,
        includeAuthorizationUrl,
        onError,
      });
    }
    if (client === undefined) {
      throw new TypeError(
        `toLangChainTools needs the client to build the engine's tool ${definition.qualified_name}.`,
      );
    }
    const qualifiedName = definition.qualified_name;

    const execute = async (
      input: unknown,
      config: ToolRunnableConfig,
    ): Promise<[string, LangChainToolArtifact]> => {
      const userId = resolveUserId({
        definition,
        userId: boundUserId,
        fromContext: [config.configurable?.[userIdConfigKey]],
        howToPass: {
          createFunction: 'createLangChainTools',
          perCall: `set '${userIdConfigKey}' when invoking: agent.invoke(input, { configurable: { ${userIdConfigKey}: yourUserId } })`,
        },
      });
      const call = { client, session, definition, input, userId, signal: config.signal, onError };
      const respond = (outcome: RunOutcome): [string, LangChainToolArtifact] => [
        toModelOutput({ outcome }),
        outcome,
      ];

      const outcome = await runTool(call);
      if (outcome.type !== 'authorization_required') return respond(outcome);
      const { authorization } = outcome;
      const pause = toAuthorizationPause({ toolName: name, definition, authorization });

      // The first time, `interrupt` throws LangGraph's GraphInterrupt, which pauses the run; it
      // must reach the graph untouched. Resumed, the tool runs again from the top and gets the
      // app's resume value; then core's rule for a resumed call. A run that cannot pause
      // (no graph, or no checkpointer) tells the model instead.
      const interrupted = await interruptForAuthorization({
        ...pause,
        toolCallId: config.toolCall?.id,
      });
      if (!interrupted.resumed) {
        onAuthorizationRequired?.({ toolName: name, qualifiedName, authorization });
        return [toModelOutput({ outcome, includeAuthorizationUrl }), outcome];
      }
      return respond(
        await runResumedTool({
          ...call,
          authorization,
          declined: isDeclined(interrupted.value),
          timeoutMs: authorizationTimeoutMs,
        }),
      );
    };

    const fields = {
      name,
      description: definition.description ?? qualifiedName,
      schema: toZodSchema(definition),
      responseFormat: 'content_and_artifact',
      metadata: { toolgrantQualifiedName: qualifiedName },
    } as const;
    // `tool()` wraps `execute` the way LangChain runs tool functions (the run's config where
    // LangGraph's `interrupt()` finds it, the abort signal); the subclass checks with core first.
    return new ToolgrantStructuredTool({ ...fields, definition, func: tool(execute, fields).func });
  });
}
