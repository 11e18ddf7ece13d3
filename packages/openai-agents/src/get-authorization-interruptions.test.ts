import { Agent, RunToolApprovalItem } from '@openai/agents';
import { type AuthorizationPause, authorizationPauseType } from '@toolgrant/core';
import { describe, expect, it } from 'vitest';
import { getAuthorizationInterruptions } from './get-authorization-interruptions.js';
import { authorizationsContextKey } from './toolgrant-run-context.js';

const agent = new Agent({ name: 'agent' });

const approvalItem = (callId: string, name: string) =>
  new RunToolApprovalItem(
    { type: 'function_call', callId, name, arguments: '{}', status: 'completed' },
    agent,
  );

const pause: AuthorizationPause = {
  type: authorizationPauseType,
  toolName: 'Gmail_ListEmails',
  qualifiedName: 'Gmail.ListEmails',
  authorization: {
    id: 'auth_1',
    url: 'https://engine.example/v1/oauth/start/auth_1',
    providerId: 'google',
    scopes: ['https://www.googleapis.com/auth/gmail.readonly'],
    status: 'pending',
  },
};

describe('getAuthorizationInterruptions', () => {
  it('pairs each Toolgrant interruption with the authorization its call keeps in the run context', () => {
    const item = approvalItem('call-1', 'Gmail_ListEmails');
    const result = {
      interruptions: [item, approvalItem('call-2', 'DeleteEverything')],
      runContext: { context: { userId: 'u', [authorizationsContextKey]: { 'call-1': pause } } },
    };
    expect(getAuthorizationInterruptions(result)).toEqual([
      { ...pause, toolCallId: 'call-1', interruption: item },
    ]);
  });

  it("ignores other tools' interruptions, and entries that are malformed or name another tool", () => {
    const interruptions = [
      approvalItem('call-1', 'Gmail_ListEmails'),
      approvalItem('call-2', 'Gmail_ListEmails'),
      approvalItem('call-3', 'Other_Tool'),
      approvalItem('__proto__', 'Gmail_ListEmails'),
    ];
    const contexts: unknown[] = [
      undefined,
      'a string context',
      { [authorizationsContextKey]: 'not a record' },
      {
        [authorizationsContextKey]: {
          'call-1': { ...pause, type: 'approval' },
          'call-2': { ...pause, authorization: { ...pause.authorization, id: 7 } },
          'call-3': pause,
        },
      },
    ];
    for (const context of contexts) {
      expect(getAuthorizationInterruptions({ interruptions, runContext: { context } })).toEqual([]);
    }
  });
});
