import {
  type McpToolDefinition,
  type RunOutcome,
  runMcpTool,
  type ToolErrorReport,
  type ToolgrantSession,
  toMcpStandardSchema,
  toModelOutput,
} from '@toolgrant/core';
import { authorizationNotCompleted } from '@toolgrant/core/internal';
import { approvedAuthorizationOf } from './is-approved-authorization.js';
import { mcpCallKey } from './mcp-call-key.js';
import { rememberToolOrigin } from './tool-origin.js';
import type { ToolgrantTool, ToolgrantToolOutput } from './toolgrant-tool.js';

// An MCP server's tool as an AI SDK tool, offered to the model with the server's JSON Schema.
// - With `authorizationApproval` (AI SDK 7): the approval step makes the call's first request;
//   a consent request pauses the run as an approval request carrying the URL, the same card as
//   for Arcade tools. Once the user has consented and the app approves, the run continues
//   without asking the model again: the execution retries the paused call with `accept` and the
//   `requestState` the server minted (kept in the session; from the approval request in the
//   conversation only when the session does not have it, for example in another process — the
//   server must verify it either way, as the spec requires).
// - Without it: the execution calls the server and answers `authorization_required` with the
//   URL, which `stopOnAuthorizationRequired` ends the loop on; the user's next turn calls again.

/** An MCP tool as an AI SDK tool. */
export function toAISDKMcpTool({
  definition,
  session,
  includeAuthorizationUrl,
  onError,
  toToolOutput,
  toOutcome,
}: {
  definition: McpToolDefinition;
  session: ToolgrantSession;
  includeAuthorizationUrl: boolean;
  onError: ((report: ToolErrorReport) => void) | undefined;
  toToolOutput: (outcome: RunOutcome) => ToolgrantToolOutput;
  toOutcome: (output: ToolgrantToolOutput) => RunOutcome;
}): ToolgrantTool {
  const tool: ToolgrantTool = {
    description: definition.description ?? '',
    inputSchema: toMcpStandardSchema({ definition, validator: session.mcp.validator(definition) }),
    async execute(input, { toolCallId, abortSignal, messages }) {
      const call = { definition, session, input, signal: abortSignal, onError };
      const first = session.mcp.takePending(mcpCallKey({ definition, toolCallId }))?.outcome;
      const approved = approvedAuthorizationOf({ messages, toolCallId });
      if (approved !== undefined) {
        const authorization =
          first?.type === 'authorization_required' ? first.authorization : approved;
        if (authorization.mcp === undefined) {
          return toToolOutput(
            authorizationNotCompleted('The approval does not carry the consent it answers.'),
          );
        }
        return toToolOutput(
          await runMcpTool({ ...call, consent: { authorization, answer: 'accept' } }),
        );
      }
      return toToolOutput(first ?? (await runMcpTool(call)));
    },
    toModelOutput: ({ output }) => ({
      type: 'text',
      value: toModelOutput({ outcome: toOutcome(output), includeAuthorizationUrl }),
    }),
  };
  rememberToolOrigin(tool, { client: undefined, definition, userId: undefined, session });
  return tool;
}
