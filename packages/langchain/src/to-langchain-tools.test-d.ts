import type { StructuredToolInterface } from '@langchain/core/tools';
import type { ToolClient, ToolDefinition } from '@toolgrant/core';
import { createAgent, fakeModel } from 'langchain';
import { describe, expectTypeOf, it } from 'vitest';
import { getAuthorizationInterrupts } from './get-authorization-interrupts.js';
import { toLangChainTools } from './to-langchain-tools.js';

declare const client: ToolClient;
declare const definitions: ToolDefinition[];

describe('toLangChainTools types', () => {
  it('returns LangChain structured tools that createAgent accepts', () => {
    const tools = toLangChainTools({ client, definitions });
    expectTypeOf(tools).toExtend<StructuredToolInterface[]>();
    createAgent({ model: fakeModel(), tools });
  });

  it('types the pending authorizations for UI code', () => {
    const [pending] = getAuthorizationInterrupts({});
    expectTypeOf(pending?.authorization.url).toEqualTypeOf<string | undefined>();
    expectTypeOf(pending?.type).toEqualTypeOf<'toolgrant/authorization_required' | undefined>();
    expectTypeOf(pending?.interruptId).toEqualTypeOf<string | undefined>();
  });

  it('rejects options that are not there', () => {
    // @ts-expect-error `opts` is not an option; options are spelled out
    toLangChainTools({ client, definitions, opts: {} });
  });
});
