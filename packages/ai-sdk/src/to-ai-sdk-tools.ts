import {
  type RunOutcome,
  runTool,
  type ToolClient,
  type ToolDefinition,
  type ToolErrorReport,
  toModelOutput,
  toStandardSchema,
  toToolNames,
} from '@toolgrant/core';
import { rememberToolOrigin, takeHandedOverUser } from './tool-definitions.js';
import type { ToolgrantTool, ToolgrantToolOutput, ToolgrantToolSet } from './toolgrant-tool.js';
import { userIdFromContext, userIdRequired } from './user-id-of.js';

export interface ToAISDKToolsOptions {
  client: ToolClient;
  definitions: readonly ToolDefinition[];
  /** The end user the tools act for; else each run's context names them. */
  userId?: string;
  /** Put the authorization URL in what the model reads, for apps that show only its reply. */
  includeAuthorizationUrl?: boolean;
  /** Receives developer-only details of failed tool calls. */
  onError?: (report: ToolErrorReport) => void;
}

/** AI SDK tools for definitions already loaded; `createAISDKTools` loads them first. */
export function toAISDKTools({
  client,
  definitions,
  userId: boundUserId,
  includeAuthorizationUrl = false,
  onError,
}: ToAISDKToolsOptions): ToolgrantToolSet {
  const tools: ToolgrantToolSet = {};
  for (const [name, definition] of toToolNames(definitions)) {
    const needsAuthorization = Boolean(definition.requirements?.authorization);
    const tool: ToolgrantTool = {
      description: definition.description ?? '',
      // Core's checks, run by the AI SDK before `execute`: strict-mode nulls are removed, and
      // bad arguments reach the model in core's words.
      inputSchema: toStandardSchema(definition),
      async execute(input, { toolCallId, abortSignal, context, experimental_context }) {
        const approvedUserId = takeHandedOverUser({ tool, toolCallId });
        const userId =
          boundUserId ??
          userIdFromContext(context) ??
          userIdFromContext(experimental_context) ??
          approvedUserId;
        if (needsAuthorization && userId === undefined) {
          throw userIdRequired({ toolName: name, qualifiedName: definition.qualified_name });
        }
        const outcome = await runTool({
          client,
          definition,
          input,
          userId,
          signal: abortSignal,
          onError,
        });
        return toToolOutput(outcome);
      },
      toModelOutput: ({ output }) => ({
        type: 'text',
        value: toModelOutput({ outcome: toOutcome(output), includeAuthorizationUrl }),
      }),
    };
    rememberToolOrigin(tool, { client, definition, userId: boundUserId });
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
