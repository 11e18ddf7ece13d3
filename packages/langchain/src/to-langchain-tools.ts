import type { ToolRunnableConfig } from '@langchain/core/tools';
import { type DynamicStructuredTool, tool } from '@langchain/core/tools';
import {
  authorizationNotCompleted,
  awaitResumedAuthorization,
  type RequiredAuthorization,
  type RunOutcome,
  runTool,
  type ToolClient,
  type ToolDefinition,
  type ToolErrorReport,
  toModelOutput,
  toToolNames,
  toZodSchema,
  UserIdRequiredError,
} from '@toolgrant/core';
import {
  type AuthorizationInterrupt,
  authorizationInterruptType,
} from './authorization-interrupt.js';
import { isDeclined } from './authorization-resume-value.js';
import { loadLangGraph } from './load-langgraph.js';
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

export type LangChainTool = DynamicStructuredTool;

export interface ToLangChainToolsOptions {
  client: ToolClient;
  /** Definitions already loaded, for example with core's `loadTools`. */
  definitions: readonly ToolDefinition[];
  /** The end user the tools act for. Without it, each call reads `config.configurable.user_id`. */
  userId?: string;
  /** How long a resumed tool waits for the engine to see the user's approval; ten minutes unless given. */
  authorizationTimeoutMs?: number;
  /**
   * Called where a tool cannot interrupt (no LangGraph run, or one without a checkpointer): the
   * model then reads that the user must authorize, and this callback gets the authorization.
   */
  onAuthorizationRequired?: (event: {
    toolName: string;
    qualifiedName: string;
    authorization: RequiredAuthorization;
  }) => void;
  /** Put the authorization URL in the model's text where a tool cannot interrupt. */
  includeAuthorizationUrl?: boolean;
  /** Receives the developer-only details of a failed tool call; the model never sees them. */
  onError?: (report: ToolErrorReport) => void;
}

// The key LangGraph sets in `configurable` when the run has a checkpointer; without one,
// `interrupt()` cannot pause the run.
const checkpointerConfigKey = '__pregel_checkpointer';

export function toLangChainTools({
  client,
  definitions,
  userId: boundUserId,
  authorizationTimeoutMs,
  onAuthorizationRequired,
  includeAuthorizationUrl,
  onError,
}: ToLangChainToolsOptions): LangChainTool[] {
  return [...toToolNames(definitions)].map(([name, definition]) => {
    const qualifiedName = definition.qualified_name;
    const needsAuthorization = Boolean(definition.requirements?.authorization);

    const execute = async (
      input: unknown,
      config: ToolRunnableConfig,
    ): Promise<[string, LangChainToolArtifact]> => {
      const given: unknown = config.configurable?.[userIdConfigKey];
      const userId = boundUserId ?? (typeof given === 'string' && given !== '' ? given : undefined);
      if (needsAuthorization && userId === undefined) {
        throw new UserIdRequiredError({
          toolName: qualifiedName,
          howToFix: `Pass userId to createLangChainTools, or set '${userIdConfigKey}' when invoking: agent.invoke(input, { configurable: { ${userIdConfigKey}: yourUserId } }).`,
        });
      }
      const signal = config.signal;
      const respond = (outcome: RunOutcome): [string, LangChainToolArtifact] => [
        toModelOutput({ outcome }),
        outcome,
      ];

      const outcome = await runTool({ client, definition, input, userId, signal, onError });
      if (outcome.type !== 'authorization_required') return respond(outcome);
      const { authorization } = outcome;

      if (!config.configurable?.[checkpointerConfigKey]) {
        onAuthorizationRequired?.({ toolName: name, qualifiedName, authorization });
        return [toModelOutput({ outcome, includeAuthorizationUrl }), outcome];
      }

      // The first time, `interrupt` throws LangGraph's GraphInterrupt, which pauses the run; it
      // must reach the graph untouched. Resumed, the tool runs again from the top and
      // `interrupt` returns the app's resume value.
      const { interrupt } = await loadLangGraph();
      const value: AuthorizationInterrupt = {
        type: authorizationInterruptType,
        toolName: name,
        qualifiedName,
        toolCallId: config.toolCall?.id,
        authorization,
      };
      const resume: unknown = interrupt(value);

      const refusal = await awaitResumedAuthorization({
        client,
        authorization,
        declined: isDeclined(resume),
        timeoutMs: authorizationTimeoutMs,
        signal,
      });
      if (refusal) return respond(refusal);
      const afterApproval = await runTool({ client, definition, input, userId, signal, onError });
      if (afterApproval.type === 'authorization_required') {
        const provider = authorization.providerId ?? 'the service this tool uses';
        return respond(authorizationNotCompleted(`The user has still not authorized ${provider}.`));
      }
      return respond(afterApproval);
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
