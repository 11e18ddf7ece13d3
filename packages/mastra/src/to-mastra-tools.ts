import { createTool, type Tool, type ToolExecutionContext } from '@mastra/core/tools';
import {
  type AuthorizationRequiredEvent,
  createToolgrantSession,
  isMcpToolDefinition,
  type McpToolDefinition,
  runTool,
  type ToolClient,
  type ToolDefinition,
  type ToolErrorReport,
  type ToolgrantSession,
  toModelOutput,
} from '@toolgrant/core';
import {
  resolveUserId,
  runResumedTool,
  toAuthorizationPause,
  toToolEntries,
} from '@toolgrant/core/internal';
import {
  type AuthorizationResumeData,
  authorizationResumeDataSchema,
} from './authorization-resume-data.js';
import {
  type AuthorizationSuspendPayload,
  authorizationSuspendPayloadSchema,
  isAuthorizationSuspendPayload,
} from './authorization-suspend-payload.js';
import { toMastraInputSchema } from './to-mastra-input-schema.js';
import { toMastraMcpTool } from './to-mastra-mcp-tool.js';
import { toMastraResult } from './to-mastra-result.js';
import { userIdContextKey } from './user-id-context-key.js';
import { z } from './zod.js';

// Toolgrant definitions as Mastra tools. A tool whose user has not authorized it suspends the
// agent run (or workflow step) with the authorization; resumed, it waits for the engine to see
// the approval, then runs by core's rule for a resumed call. Everything else is core's runTool
// and toModelOutput.

const anyOutput = z.unknown();

/** The execution context a Toolgrant Mastra tool receives. */
export type MastraToolContext = ToolExecutionContext<
  AuthorizationSuspendPayload,
  AuthorizationResumeData
>;

/** A Toolgrant tool as a Mastra tool, suspending for authorization. */
export type MastraTool = Tool<
  Record<string, unknown>,
  unknown,
  AuthorizationSuspendPayload,
  AuthorizationResumeData,
  MastraToolContext
>;

/** Options of `toMastraTools`. */
export interface ToMastraToolsOptions {
  /** The Arcade client; needed for engine definitions, not for MCP tools. */
  client?: ToolClient;
  /**
   * Definitions already loaded: the engine's (core's `loadTools`) and MCP servers' tools (core's
   * `loadMcpTools`), side by side.
   */
  definitions: readonly (ToolDefinition | McpToolDefinition)[];
  /** The end user the tools act for. Without it, each call reads `userId` from the request context. */
  userId?: string;
  /** How long a resumed tool waits for the engine to see the user's approval; ten minutes unless given. */
  authorizationTimeoutMs?: number;
  /**
   * Called outside an agent run or workflow, where a tool cannot suspend: the model then reads
   * that the user must authorize, and this callback gets the authorization to show.
   */
  onAuthorizationRequired?: (event: AuthorizationRequiredEvent) => void;
  /** Put the authorization URL in the model's text where a tool cannot suspend. */
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

/** Definitions already loaded, as Mastra tools; authorization suspends the run. */
export function toMastraTools({
  client,
  definitions,
  userId: boundUserId,
  authorizationTimeoutMs,
  onAuthorizationRequired,
  includeAuthorizationUrl,
  onError,
  session = createToolgrantSession(),
}: ToMastraToolsOptions): Record<string, MastraTool> {
  const tools: Record<string, MastraTool> = {};
  for (const [name, definition] of toToolEntries(definitions)) {
    if (isMcpToolDefinition(definition)) {
      tools[name] = toMastraMcpTool({
        definition,
        session,
        onAuthorizationRequired,
        includeAuthorizationUrl,
        onError,
      });
      continue;
    }
    if (client === undefined) {
      throw new TypeError(
        `toMastraTools needs the client to build the engine's tool ${definition.qualified_name}.`,
      );
    }
    tools[name] = createTool({
      id: name,
      description: definition.description ?? definition.qualified_name,
      inputSchema: toMastraInputSchema(definition),
      // The tool's value, or the message the model reads for a failure. A workflow step needs one.
      outputSchema: anyOutput,
      suspendSchema: authorizationSuspendPayloadSchema,
      resumeSchema: authorizationResumeDataSchema,
      execute: async (input, context) => {
        const userId = resolveUserId({
          definition,
          userId: boundUserId,
          fromContext: [context.requestContext?.get(userIdContextKey)],
          howToPass: {
            createFunction: 'createMastraTools',
            perCall: `set '${userIdContextKey}' in the request context: requestContext.set('${userIdContextKey}', yourUserId)`,
          },
        });
        const suspension = context.agent ?? context.workflow;
        const call = {
          client,
          session,
          definition,
          input,
          userId,
          signal: context.abortSignal,
          onError,
        };

        if (suspension?.resumeData !== undefined) {
          const { suspendPayload, resumeData } = suspension;
          return toMastraResult(
            await runResumedTool({
              ...call,
              // Without the suspended authorization, running the tool tells whether the user approved.
              authorization: isAuthorizationSuspendPayload(suspendPayload)
                ? suspendPayload.authorization
                : undefined,
              declined: resumeData.declined ?? false,
              timeoutMs: authorizationTimeoutMs,
            }),
          );
        }

        const outcome = await runTool(call);
        if (outcome.type !== 'authorization_required') return toMastraResult(outcome);
        const pause = toAuthorizationPause({
          toolName: name,
          definition,
          authorization: outcome.authorization,
        });
        if (suspension) {
          await suspension.suspend(pause);
          return undefined;
        }
        const { type: _type, ...event } = pause;
        onAuthorizationRequired?.(event);
        return toModelOutput({ outcome, includeAuthorizationUrl });
      },
    });
  }
  return tools;
}
