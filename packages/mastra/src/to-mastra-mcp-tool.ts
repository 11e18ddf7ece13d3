import { createTool } from '@mastra/core/tools';
import {
  runMcpTool,
  type ToolInputStandardSchema,
  toMcpStandardSchema,
  toModelOutput,
} from '@toolgrant/core';
import {
  authorizationNotCompleted,
  type McpAdapterToolOptions,
  toAuthorizationPause,
} from '@toolgrant/core/internal';
import { authorizationResumeDataSchema } from './authorization-resume-data.js';
import {
  authorizationSuspendPayloadSchema,
  isAuthorizationSuspendPayload,
} from './authorization-suspend-payload.js';
import { toMastraResult } from './to-mastra-result.js';
import type { MastraTool } from './to-mastra-tools.js';
import { z } from './zod.js';

// An MCP server's tool as a Mastra tool. A consent request suspends the run with the
// authorization, like an Arcade authorization. Resumed (`resumeGenerate` / `resumeStream`), the
// tool retries the paused call with the user's answer and the `requestState` from the suspend
// payload, which Mastra keeps in its own storage: the app's resume data says only whether the
// user declined.

const anyOutput = z.unknown();

/** An MCP tool as a Mastra tool that suspends the run for consent. */
export function toMastraMcpTool({
  definition,
  session,
  onAuthorizationRequired,
  includeAuthorizationUrl,
  onError,
}: McpAdapterToolOptions): MastraTool {
  const validator = session.mcp.validator(definition);
  const standard = toMcpStandardSchema({ definition, validator })['~standard'];
  const inputSchema: ToolInputStandardSchema = {
    '~standard': {
      ...standard,
      validate(value: unknown) {
        const result = validator(value);
        if (result.success) return { value: result.input };
        return {
          issues: result.issues.map(({ keys, message }) =>
            keys.length === 0 ? { message } : { message, path: keys },
          ),
        };
      },
    },
  };
  return createTool({
    id: definition.toolName,
    description: definition.description ?? definition.qualifiedName,
    // The server's JSON Schema; Mastra writes each issue as `- <path>: <message>`.
    inputSchema,
    outputSchema: anyOutput,
    suspendSchema: authorizationSuspendPayloadSchema,
    resumeSchema: authorizationResumeDataSchema,
    execute: async (input, context) => {
      const suspension = context.agent ?? context.workflow;
      const call = { definition, session, input, signal: context.abortSignal, onError };
      if (suspension?.resumeData !== undefined) {
        const { suspendPayload, resumeData } = suspension;
        if (!isAuthorizationSuspendPayload(suspendPayload)) {
          return toMastraResult(
            authorizationNotCompleted('The run was resumed without the consent it paused for.'),
          );
        }
        return toMastraResult(
          await runMcpTool({
            ...call,
            consent: {
              authorization: {
                ...suspendPayload.authorization,
                url: suspendPayload.authorization.url,
                providerId: suspendPayload.authorization.providerId,
              },
              answer: resumeData.declined === true ? 'decline' : 'accept',
            },
          }),
        );
      }
      const outcome = await runMcpTool(call);
      if (outcome.type !== 'authorization_required') return toMastraResult(outcome);
      const pause = toAuthorizationPause({
        toolName: definition.toolName,
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
  }) as MastraTool;
}
