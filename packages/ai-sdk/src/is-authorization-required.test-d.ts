import type { RequiredAuthorization } from '@toolgrant/core';
import type { generateText, InferUITools, ToolSet, UIMessage } from 'ai';
import type {
  InferUITools as InferUITools6,
  ToolSet as ToolSet6,
  UIMessage as UIMessage6,
} from 'ai-v6';
import { describe, expectTypeOf, it } from 'vitest';
import { getAuthorizationRequest } from './get-authorization-request.js';
import { isAuthorizationRequired } from './is-authorization-required.js';
import type { ToolgrantToolOutput, ToolgrantToolSet } from './toolgrant-tool.js';

type ChatMessage = UIMessage<unknown, never, InferUITools<ToolgrantToolSet>>;
type ChatMessage6 = UIMessage6<unknown, never, InferUITools6<ToolgrantToolSet>>;

describe('isAuthorizationRequired', () => {
  it('narrows a useChat message part of AI SDK 7 to one carrying the authorization', () => {
    const part = {} as ChatMessage['parts'][number];
    // @ts-expect-error not every part has an output
    void part.output;
    if (isAuthorizationRequired(part)) {
      expectTypeOf(part.output.status).toEqualTypeOf<'authorization_required'>();
      expectTypeOf(part.output.authorization.url).toEqualTypeOf<string | undefined>();
      expectTypeOf(part.state).toEqualTypeOf<'output-available'>();
    }
  });

  it('narrows a useChat message part of AI SDK 6 the same way', () => {
    const part = {} as ChatMessage6['parts'][number];
    if (isAuthorizationRequired(part)) {
      expectTypeOf(part.output.authorization).toEqualTypeOf<RequiredAuthorization>();
      expectTypeOf(part.state).toEqualTypeOf<'output-available'>();
    }
  });

  it('types the tool output in UI parts as the Toolgrant output union', () => {
    const part = {} as Extract<
      ChatMessage['parts'][number],
      { type: `tool-${string}`; state: 'output-available' }
    >;
    expectTypeOf(part.output).toEqualTypeOf<ToolgrantToolOutput>();
  });
});

describe('getAuthorizationRequest', () => {
  it('reads any part', () => {
    expectTypeOf(getAuthorizationRequest).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(getAuthorizationRequest).returns.toEqualTypeOf<
      RequiredAuthorization | undefined
    >();
  });
});

describe('the tool set', () => {
  it('is an AI SDK 6 and 7 ToolSet', () => {
    expectTypeOf<ToolgrantToolSet>().toExtend<ToolSet>();
    expectTypeOf<ToolgrantToolSet>().toExtend<ToolSet6>();
  });

  it('types the AI SDK 7 toolsContext entry of each tool', () => {
    type Options = Parameters<typeof generateText<ToolgrantToolSet>>[0];
    expectTypeOf<{ Inbox_ListMessages: { userId: string } }>().toExtend<
      NonNullable<Options['toolsContext']>
    >();
    expectTypeOf<{ Inbox_ListMessages: { userId: number } }>().not.toExtend<
      NonNullable<Options['toolsContext']>
    >();
  });
});
