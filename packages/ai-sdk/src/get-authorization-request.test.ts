import { parseToolDefinition, type RequiredAuthorization } from '@toolgrant/core';
import { describe, expect, it } from 'vitest';
import { toAuthorizationApprovalReason } from './authorization-approval-reason.js';
import { getAuthorizationRequest } from './get-authorization-request.js';

const authorization: RequiredAuthorization = {
  id: 'auth-1',
  url: 'https://engine.example/v1/oauth/start/auth-1',
  providerId: 'google',
  scopes: ['gmail.readonly'],
  status: 'pending',
};
const definition = parseToolDefinition({
  name: 'ListEmails',
  qualified_name: 'Gmail.ListEmails',
  toolkit: { name: 'Gmail', version: '4.1.0' },
  input: { parameters: [] },
});
const reason = toAuthorizationApprovalReason({
  toolName: 'Gmail_ListEmails',
  definition,
  authorization,
});

describe('getAuthorizationRequest', () => {
  it('reads a tool output, a useChat part awaiting approval and a tool-approval-request', () => {
    expect(
      getAuthorizationRequest({ output: { status: 'authorization_required', authorization } }),
    ).toEqual(authorization);
    expect(
      getAuthorizationRequest({
        type: 'tool-Gmail_ListEmails',
        state: 'approval-requested',
        approval: { id: 'approval-1', requestReason: reason },
      }),
    ).toEqual(authorization);
    expect(
      getAuthorizationRequest({ type: 'tool-approval-request', approvalId: 'a', reason }),
    ).toEqual(authorization);
  });

  it('ignores answered approvals, other reasons and other outputs', () => {
    expect(
      getAuthorizationRequest({
        approval: { id: 'approval-1', approved: true, requestReason: reason },
      }),
    ).toBeUndefined();
    expect(
      getAuthorizationRequest({ type: 'tool-approval-request', reason: 'Deletes a file' }),
    ).toBeUndefined();
    expect(
      getAuthorizationRequest({
        type: 'tool-approval-request',
        reason: '{"type":"toolgrant/authorization_required"',
      }),
    ).toBeUndefined();
    expect(getAuthorizationRequest({ output: { status: 'completed', value: 1 } })).toBeUndefined();
    expect(getAuthorizationRequest(undefined)).toBeUndefined();
  });
});
