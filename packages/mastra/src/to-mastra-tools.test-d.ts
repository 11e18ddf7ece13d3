import type { Agent } from '@mastra/core/agent';
import type { RequiredAuthorization } from '@toolgrant/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { AuthorizationSuspendPayload } from './authorization-suspend-payload.js';
import type { MastraTool, toMastraTools } from './to-mastra-tools.js';

type AgentTools = NonNullable<ConstructorParameters<typeof Agent>[0]['tools']>;

describe('toMastraTools types', () => {
  it("returns a record an Agent's tools option takes", () => {
    expectTypeOf<ReturnType<typeof toMastraTools>>().toEqualTypeOf<Record<string, MastraTool>>();
    expectTypeOf<Record<string, MastraTool>>().toExtend<AgentTools>();
  });

  it("carries core's RequiredAuthorization in the suspend payload", () => {
    expectTypeOf<RequiredAuthorization>().toExtend<AuthorizationSuspendPayload['authorization']>();
    expectTypeOf<
      AuthorizationSuspendPayload['type']
    >().toEqualTypeOf<'toolgrant/authorization_required'>();
  });
});
