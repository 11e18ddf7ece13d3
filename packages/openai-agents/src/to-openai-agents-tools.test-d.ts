import type { Agent, AgentOptions, Tool } from '@openai/agents';
import type { AuthorizationPause } from '@toolgrant/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { AuthorizationInterruption } from './get-authorization-interruptions.js';
import { type OpenAIAgentsTool, toOpenAIAgentsTools } from './to-openai-agents-tools.js';
import type { ToolgrantRunContext } from './toolgrant-run-context.js';

interface AppContext {
  accountId: number;
}

describe('toOpenAIAgentsTools types', () => {
  it("returns tools an Agent takes, whatever the app's context type", () => {
    expectTypeOf<ReturnType<typeof toOpenAIAgentsTools<AppContext>>>().toEqualTypeOf<
      OpenAIAgentsTool<AppContext>[]
    >();
    // Assignability is the assertion: these compile only if an Agent's `tools` take the tools.
    const forAppAgent = (
      tools: OpenAIAgentsTool<AppContext>[],
    ): AgentOptions<AppContext>['tools'] => tools;
    const forAnyAgent = (tools: OpenAIAgentsTool[]): Agent['tools'] => tools;
    const inferred = (options: Parameters<typeof toOpenAIAgentsTools>[0]): Tool<AppContext>[] =>
      toOpenAIAgentsTools(options);
    expectTypeOf(forAppAgent).returns.toEqualTypeOf<AgentOptions<AppContext>['tools']>();
    expectTypeOf(forAnyAgent).returns.toEqualTypeOf<Agent['tools']>();
    expectTypeOf(inferred).returns.toEqualTypeOf<Tool<AppContext>[]>();
  });

  it("carries core's authorization pause in an interruption", () => {
    expectTypeOf<AuthorizationInterruption>().toExtend<AuthorizationPause>();
    expectTypeOf<AuthorizationInterruption['toolCallId']>().toEqualTypeOf<string>();
    expectTypeOf<
      NonNullable<ToolgrantRunContext['toolgrantAuthorizations']>[string]
    >().toEqualTypeOf<AuthorizationPause>();
  });
});
