import {
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
  toStandardSchema,
} from '@toolgrant/core';
import { runResumedTool, toToolEntries } from '@toolgrant/core/internal';
import { isApprovedAuthorization } from './is-approved-authorization.js';
import { toAISDKMcpTool } from './to-ai-sdk-mcp-tool.js';
import { rememberToolOrigin, takeHandedOverUser } from './tool-origin.js';
import type { ToolgrantTool, ToolgrantToolOutput, ToolgrantToolSet } from './toolgrant-tool.js';
import { userIdOf } from './user-id-of.js';

/** Options of `toAISDKTools`. */
export interface ToAISDKToolsOptions {
  /** The Arcade client; needed for engine definitions, not for MCP tools. */
  client?: ToolClient;
  /**
   * Definitions already loaded: the engine's (core's `loadTools`) and MCP servers' tools (core's
   * `loadMcpTools`), side by side.
   */
  definitions: readonly (ToolDefinition | McpToolDefinition)[];
  /** The end user the tools act for; else each run's context names them. */
  userId?: string;
  /** Put the authorization URL in what the model reads, for apps that show only its reply. */
  includeAuthorizationUrl?: boolean;
  /** Receives developer-only details of failed tool calls. */
  onError?: (report: ToolErrorReport) => void;
  /**
   * What the tools remember between calls (which users authorized which tools); a new one
   * unless given. Pass one session to every call, for example one per server process, so an
   * authorized call is one request across requests.
   */
  session?: ToolgrantSession;
}

/** AI SDK tools for definitions already loaded; `createAISDKTools` loads them first. */
export function toAISDKTools({
  client,
  definitions,
  userId: boundUserId,
  includeAuthorizationUrl = false,
  onError,
  session = createToolgrantSession(),
}: ToAISDKToolsOptions): ToolgrantToolSet {
  const tools: ToolgrantToolSet = {};
  for (const [name, definition] of toToolEntries(definitions)) {
    if (isMcpToolDefinition(definition)) {
      tools[name] = toAISDKMcpTool({
        definition,
        session,
        includeAuthorizationUrl,
        onError,
        toToolOutput,
        toOutcome,
      });
      continue;
    }
    if (client === undefined) {
      throw new TypeError(
        `toAISDKTools needs the client to build the engine's tool ${definition.qualified_name}.`,
      );
    }
    const tool: ToolgrantTool = {
      description: definition.description ?? '',
      // Core's checks, run by the AI SDK before `execute`: strict-mode nulls are removed, and
      // bad arguments reach the model in core's words.
      inputSchema: toStandardSchema(definition),
      async execute(input, { toolCallId, abortSignal, context, experimental_context, messages }) {
        const userId = userIdOf({
          name,
          definition,
          userId: boundUserId,
          contexts: [context, experimental_context],
          approvedUserId: takeHandedOverUser({ tool, toolCallId }),
        });
        const call = { client, session, definition, input, userId, signal: abortSignal, onError };
        // An approved authorization request is a resume; the approval step has just asked the
        // engine, so there is nothing to wait for.
        const outcome = isApprovedAuthorization({ messages, toolCallId })
          ? await runResumedTool({ ...call, authorization: undefined })
          : await runTool(call);
        return toToolOutput(outcome);
      },
      toModelOutput: ({ output }) => ({
        type: 'text',
        value: toModelOutput({ outcome: toOutcome(output), includeAuthorizationUrl }),
      }),
    };
    rememberToolOrigin(tool, { client, definition, userId: boundUserId, session });
    tools[name] = tool;
  }
  return tools;
}

function toToolOutput(outcome: RunOutcome): ToolgrantToolOutput {
  switch (outcome.type) {
    case 'completed':
      return { status: 'completed', value: outcome.value };
    case 'authorization_required':
      return { status: 'authorization_required', authorization: outcome.authorization };
    case 'error':
      return { status: 'error', error: outcome.error };
  }
}

function toOutcome(output: ToolgrantToolOutput): RunOutcome {
  switch (output.status) {
    case 'completed':
      return { type: 'completed', value: output.value };
    case 'authorization_required':
      return { type: 'authorization_required', authorization: output.authorization };
    case 'error':
      return { type: 'error', error: output.error };
  }
}
