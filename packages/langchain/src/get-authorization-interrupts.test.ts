import { describe, expect, it } from 'vitest';
import { authorizationInterruptType } from './authorization-interrupt.js';
import { getAuthorizationInterrupts } from './get-authorization-interrupts.js';

const value = {
  type: authorizationInterruptType,
  toolName: 'Gmail_ListEmails',
  qualifiedName: 'Gmail.ListEmails',
  toolCallId: 'call-1',
  authorization: {
    id: 'auth-1',
    url: 'https://engine.example/v1/oauth/start/auth-1',
    providerId: 'google',
    scopes: ['gmail.readonly'],
    status: 'pending' as const,
  },
};
const expected = { ...value, interruptId: 'interrupt-1' };

describe('getAuthorizationInterrupts', () => {
  it('reads them from an invoke result', () => {
    const result = { messages: [], __interrupt__: [{ id: 'interrupt-1', value }] };
    expect(getAuthorizationInterrupts(result)).toEqual([expected]);
  });

  it('reads them from an updates chunk and from [mode, chunk] and [namespace, mode, chunk] tuples', () => {
    const chunk = { __interrupt__: [{ id: 'interrupt-1', value }] };
    expect(getAuthorizationInterrupts(chunk)).toEqual([expected]);
    expect(getAuthorizationInterrupts(['updates', chunk])).toEqual([expected]);
    expect(getAuthorizationInterrupts([['tools:1'], 'updates', chunk])).toEqual([expected]);
  });

  it("skips other interrupts and keeps each of several Toolgrant ones, with LangGraph's ids", () => {
    const second = {
      ...value,
      toolCallId: 'call-2',
      authorization: { ...value.authorization, id: 'auth-2' },
    };
    const result = {
      __interrupt__: [
        { id: 'hitl', value: { actionRequests: [] } },
        { id: 'interrupt-1', value },
        { id: 'broken', value: { type: authorizationInterruptType, toolName: 'X' } },
        { value: second },
      ],
    };
    expect(getAuthorizationInterrupts(result)).toEqual([
      expected,
      { ...second, interruptId: undefined },
    ]);
  });

  it('returns none for a finished run, a message chunk or nothing', () => {
    expect(getAuthorizationInterrupts({ messages: [] })).toEqual([]);
    expect(getAuthorizationInterrupts(['messages', [{ content: 'hi' }, {}]])).toEqual([]);
    expect(getAuthorizationInterrupts(undefined)).toEqual([]);
    expect(getAuthorizationInterrupts({ __interrupt__: 'not a list' })).toEqual([]);
  });
});
