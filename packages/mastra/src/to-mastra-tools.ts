import { createTool, type Tool, type ToolExecutionContext } from '@mastra/core/tools';
import {
  awaitResumedAuthorization,
  type RequiredAuthorization,
  runTool,
  type ToolClient,
  type ToolDefinition,
  type ToolErrorReport,
  toModelOutput,
  toToolNames,
  UserIdRequiredError,
} from '@toolgrant/core';
import { z } from 'zod/v4';
import {
  type AuthorizationResumeData,
  authorizationResumeDataSchema,
} from './authorization-resume-data.js';
import {
  type AuthorizationSuspendPayload,
  authorizationSuspendPayloadSchema,
  authorizationSuspendType,
  isAuthorizationSuspendPayload,
} from './authorization-suspend-payload.js';
import { toMastraInputSchema } from './to-mastra-input-schema.js';
import { userIdContextKey } from './user-id-context-key.js';

// Toolgrant definitions as Mastra tools. A tool whose user has not authorized it suspends the
// agent run (or workflow step) with the authorization; resumed, it waits for the engine to see
// the approval, then runs. Everything else is core's runTool and toModelOutput.

const anyOutput = z.unknown();

export type MastraToolContext = ToolExecutionContext<
  AuthorizationSuspendPayload,
  AuthorizationResumeData
>;

export type MastraTool = Tool<
  Record<string, unknown>,
  unknown,
  AuthorizationSuspendPayload,
  AuthorizationResumeData,
  MastraToolContext
>;

export interface ToMastraToolsOptions {
  client: ToolClient;
  /** Definitions already loaded, for example with core's `loadTools`. */
  definitions: readonly ToolDefinition[];
  /** The end user the tools act for. Without it, each call reads `userId` from the request context. */
  userId?: string;
  /** How long a resumed tool waits for the engine to see the user's approval; ten minutes unless given. */
  authorizationTimeoutMs?: number;
  /**
   * Called outside an agent run or workflow, where a tool cannot suspend: the model then reads
   * that the user must authorize, and this callback gets the authorization to show.
   */
  onAuthorizationRequired?: (event: {
    toolName: string;
    authorization: RequiredAuthorization;
  }) => void;
  /** Put the authorization URL in the model's text where a tool cannot suspend. */
  includeAuthorizationUrl?: boolean;
  /** Receives the developer-only details of a failed tool call; the model never sees them. */
  onError?: (report: ToolErrorReport) => void;
}

export function toMastraTools({
  client,
  definitions,
  userId: boundUserId,
  authorizationTimeoutMs,
  onAuthorizationRequired,
  includeAuthorizationUrl,
  onError,
}: ToMastraToolsOptions): Record<string, MastraTool> {
  const tools: Record<string, MastraTool> = {};
  for (const [name, definition] of toToolNames(definitions)) {
    const toolName = definition.qualified_name;
    const needsAuthorization = Boolean(definition.requirements?.authorization);

    tools[name] = createTool({
      id: name,
      description: definition.description ?? toolName,
      inputSchema: toMastraInputSchema(definition),
      // The tool's value, or the message the model reads for a failure. A workflow step needs one.
      outputSchema: anyOutput,
      suspendSchema: authorizationSuspendPayloadSchema,
      resumeSchema: authorizationResumeDataSchema,
      execute: async (input, context) => {
        const given = context.requestContext?.get(userIdContextKey);
        const userId =
          boundUserId ?? (typeof given === 'string' && given !== '' ? given : undefined);
        if (needsAuthorization && userId === undefined) {
          throw new UserIdRequiredError({
            toolName,
            howToFix: `Pass userId to createMastraTools, or set '${userIdContextKey}' in the request context: requestContext.set('${userIdContextKey}', yourUserId).`,
          });
        }
        const suspension = context.agent ?? context.workflow;
        const signal = context.abortSignal;

        if (suspension?.resumeData !== undefined) {
          const { suspendPayload, resumeData } = suspension;
          // Without the suspended authorization, running the tool tells whether the user approved.
          const refusal = await awaitResumedAuthorization({
            client,
            authorization: isAuthorizationSuspendPayload(suspendPayload)
              ? suspendPayload.authorization
              : undefined,
            declined: resumeData.declined ?? false,
            providerId: definition.requirements?.authorization?.provider_id,
            timeoutMs: authorizationTimeoutMs,
            signal,
          });
          if (refusal) return toModelOutput({ outcome: refusal });
        }

        const outcome = await runTool({ client, definition, input, userId, signal, onError });
        if (outcome.type === 'completed') return outcome.value ?? toModelOutput({ outcome });
        if (outcome.type === 'error') return toModelOutput({ outcome });

        const { authorization } = outcome;
        if (suspension) {
          await suspension.suspend({ type: authorizationSuspendType, toolName, authorization });
          return undefined;
        }
        onAuthorizationRequired?.({ toolName, authorization });
        return toModelOutput({ outcome, includeAuthorizationUrl });
      },
    });
  }
  return tools;
}
