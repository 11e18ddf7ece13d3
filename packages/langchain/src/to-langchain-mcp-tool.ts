import type { ToolRunnableConfig } from '@langchain/core/tools';
import { tool } from '@langchain/core/tools';
import { type McpConsentAnswer, type RunOutcome, runMcpTool, toModelOutput } from '@toolgrant/core';
import {
  authorizationNotCompleted,
  type McpAdapterToolOptions,
  toAuthorizationPause,
} from '@toolgrant/core/internal';
import { interruptForAuthorization } from './interrupt-for-authorization.js';
import type { LangChainTool, LangChainToolArtifact } from './to-langchain-tools.js';
import { ToolgrantStructuredTool } from './toolgrant-structured-tool.js';

// An MCP server's tool as a LangChain tool. A consent request pauses the run with LangGraph's
// `interrupt()`, like an Arcade authorization. LangGraph re-runs a resumed tool from the top, so
// the paused call's consent request is kept in the session by tool call id: the resumed run
// retries that call (with the `requestState` the server minted) instead of calling the server
// again. Without it (resumed in another process), the call is made again and its fresh request
// is answered. The resume value says only accept (`{}`) or decline (`{ declined: true }`):
// nothing in it reaches the server but that answer.

/** What the app may resume an MCP consent interrupt with. */
function answerOf(resume: unknown): McpConsentAnswer | undefined {
  if (typeof resume !== 'object' || resume === null || Array.isArray(resume)) return undefined;
  const { declined } = resume as { declined?: unknown };
  if (declined === undefined || declined === false) return 'accept';
  return declined === true ? 'decline' : undefined;
}

/** An MCP tool as a LangChain structured tool that pauses a LangGraph run for consent. */
export function toLangChainMcpTool({
  definition,
  session,
  onAuthorizationRequired,
  includeAuthorizationUrl,
  onError,
}: McpAdapterToolOptions): LangChainTool {
  const { toolName: name, qualifiedName } = definition;
  const respond = (outcome: RunOutcome): [string, LangChainToolArtifact] => [
    toModelOutput({ outcome }),
    outcome,
  ];
  const execute = async (
    input: unknown,
    config: ToolRunnableConfig,
  ): Promise<[string, LangChainToolArtifact]> => {
    const toolCallId = config.toolCall?.id;
    const pendingKey = toolCallId === undefined ? undefined : `${qualifiedName}:${toolCallId}`;
    const call = { definition, session, input, signal: config.signal, onError };
    const paused = pendingKey ? session.mcp.peekPending(pendingKey)?.outcome : undefined;
    let authorization =
      paused?.type === 'authorization_required' ? paused.authorization : undefined;
    if (!authorization) {
      const outcome = await runMcpTool(call);
      if (outcome.type !== 'authorization_required') return respond(outcome);
      authorization = outcome.authorization;
      if (pendingKey) session.mcp.rememberPending(pendingKey, { outcome });
    }
    const pause = toAuthorizationPause({ toolName: name, definition, authorization });
    const interrupted = await interruptForAuthorization({ ...pause, toolCallId });
    if (pendingKey) session.mcp.takePending(pendingKey);
    if (!interrupted.resumed) {
      onAuthorizationRequired?.({ toolName: name, qualifiedName, authorization });
      const outcome: RunOutcome = { type: 'authorization_required', authorization };
      return [toModelOutput({ outcome, includeAuthorizationUrl }), outcome];
    }
    const answer = answerOf(interrupted.value);
    if (answer === undefined) {
      return respond(
        authorizationNotCompleted(
          'The app resumed this call with a value that is neither an approval nor a decline.',
        ),
      );
    }
    return respond(await runMcpTool({ ...call, consent: { authorization, answer } }));
  };
  const fields = {
    name,
    description: definition.description ?? qualifiedName,
    // The server's JSON Schema, unchanged.
    schema: definition.inputSchema,
    responseFormat: 'content_and_artifact',
    metadata: { toolgrantQualifiedName: qualifiedName },
  } as const;
  return new ToolgrantStructuredTool({
    ...fields,
    validate: (input) => session.mcp.validator(definition)(input),
    func: tool(execute, fields).func,
  });
}
