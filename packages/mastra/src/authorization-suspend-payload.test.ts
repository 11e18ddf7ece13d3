import { describe, expect, it } from 'vitest';
import {
  authorizationSuspendType,
  isAuthorizationSuspendPayload,
} from './authorization-suspend-payload.js';

const payload = {
  type: authorizationSuspendType,
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

describe('isAuthorizationSuspendPayload', () => {
  it("recognises a Toolgrant tool's suspend payload", () => {
    expect(isAuthorizationSuspendPayload(payload)).toBe(true);
    expect(authorizationSuspendType).toBe('toolgrant/authorization_required');
  });

  it('accepts an authorization without a URL or provider (API-key requirements)', () => {
    const { url: _url, providerId: _providerId, ...bare } = payload.authorization;
    expect(isAuthorizationSuspendPayload({ ...payload, authorization: bare })).toBe(true);
  });

  it("rejects other tools' suspend payloads and malformed ones", () => {
    expect(isAuthorizationSuspendPayload({ question: 'Which city?' })).toBe(false);
    expect(isAuthorizationSuspendPayload({ ...payload, type: 'approval' })).toBe(false);
    expect(
      isAuthorizationSuspendPayload({
        ...payload,
        authorization: { ...payload.authorization, id: 1 },
      }),
    ).toBe(false);
    expect(isAuthorizationSuspendPayload(undefined)).toBe(false);
  });
});
