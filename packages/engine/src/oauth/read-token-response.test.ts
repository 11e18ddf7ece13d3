import { describe, expect, it } from 'vitest';
import { OAuthRequestError } from './oauth-request-error.js';
import { OAuthTokenError } from './oauth-token-error.js';
import { readTokenResponse } from './read-token-response.js';

const receivedAt = new Date('2026-01-01T00:00:00Z');
const base = {
  providerId: 'acme',
  operation: 'code_exchange' as const,
  url: 'https://auth.acme.test/token?x=1',
  requestedScopes: ['read', 'write'],
  receivedAt,
  secrets: ['the-authorization-code', 'the-client-secret'],
};

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('readTokenResponse', () => {
  it('reads an RFC 6749 token response', () => {
    expect(
      readTokenResponse({
        ...base,
        status: 200,
        fields: {
          access_token: 'at',
          refresh_token: 'rt',
          expires_in: 3600,
          scope: 'read',
          token_type: 'Bearer',
        },
      }),
    ).toEqual({
      accessToken: 'at',
      refreshToken: 'rt',
      expiresAt: new Date('2026-01-01T01:00:00Z'),
      scopes: ['read'],
      tokenType: 'Bearer',
    });
  });

  it('takes the requested scopes as granted when the response lists none', () => {
    const tokens = readTokenResponse({ ...base, status: 200, fields: { access_token: 'at' } });
    expect(tokens.scopes).toEqual(['read', 'write']);
    expect(tokens.refreshToken).toBeUndefined();
    expect(tokens.expiresAt).toBeUndefined();
    expect(tokens.tokenType).toBe('Bearer');
  });

  it("reads GitHub's comma-separated scopes and string fields of a form-encoded answer", () => {
    const tokens = readTokenResponse({
      ...base,
      status: 200,
      fields: {
        access_token: 'gho_x',
        scope: 'repo,gist',
        token_type: 'bearer',
        expires_in: '28800',
      },
    });
    expect(tokens.scopes).toEqual(['gist', 'repo']);
    expect(tokens.expiresAt).toEqual(new Date('2026-01-01T08:00:00Z'));
  });

  it("reads Slack's user token from authed_user", () => {
    const tokens = readTokenResponse({
      ...base,
      status: 200,
      fields: {
        ok: true,
        app_id: 'A1',
        authed_user: {
          id: 'U1',
          scope: 'chat:write,channels:read',
          access_token: 'xoxp-user',
          token_type: 'user',
        },
        team: { id: 'T1' },
      },
    });
    expect(tokens).toMatchObject({
      accessToken: 'xoxp-user',
      scopes: ['channels:read', 'chat:write'],
      tokenType: 'user',
    });
  });

  it('turns an OAuth error answer into OAuthTokenError with its code', () => {
    const error = thrown(() =>
      readTokenResponse({
        ...base,
        operation: 'refresh',
        status: 400,
        fields: { error: 'invalid_grant', error_description: 'grant request is invalid' },
      }),
    );
    expect(OAuthTokenError.isInstance(error)).toBe(true);
    const tokenError = error as OAuthTokenError;
    expect(tokenError).toMatchObject({
      code: 'invalid_grant',
      status: 400,
      providerId: 'acme',
      operation: 'refresh',
    });
    expect(tokenError.message).toBe(
      "Provider 'acme' rejected the token refresh with 'invalid_grant' (grant request is invalid): the code or refresh token is invalid, expired, revoked or was issued to another client; the user has to authorize again.",
    );
  });

  it("recognises errors answered with HTTP 200 (GitHub's error, Slack's ok: false)", () => {
    for (const fields of [
      { error: 'bad_verification_code', error_description: 'The code passed is incorrect.' },
      { ok: false, error: 'invalid_code' },
    ]) {
      const error = thrown(() => readTokenResponse({ ...base, status: 200, fields }));
      expect(OAuthTokenError.isInstance(error)).toBe(true);
      expect((error as OAuthTokenError).code).toBe(fields.error);
    }
  });

  it('removes request secrets that a provider echoes in its description', () => {
    const error = thrown(() =>
      readTokenResponse({
        ...base,
        status: 400,
        fields: {
          error: 'invalid_grant',
          error_description: 'code the-authorization-code for the-client-secret is not valid',
        },
      }),
    ) as OAuthTokenError;
    expect(error.message).not.toContain('the-authorization-code');
    expect(error.message).not.toContain('the-client-secret');
    expect(error.description).toBe('code [redacted] for [redacted] is not valid');
  });

  it('shortens a long description', () => {
    const error = thrown(() =>
      readTokenResponse({
        ...base,
        status: 400,
        fields: { error: 'invalid_request', error_description: 'x'.repeat(1000) },
      }),
    ) as OAuthTokenError;
    expect(error.description?.length).toBeLessThanOrEqual(201);
  });

  it('reports a server failure without an OAuth error as a retryable request error', () => {
    const error = thrown(() =>
      readTokenResponse({ ...base, status: 503, fields: undefined }),
    ) as OAuthRequestError;
    expect(OAuthRequestError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('server_error');
    expect(error.status).toBe(503);
    expect(error.message).toBe(
      "The authorization code exchange at provider 'acme' (https://auth.acme.test/token) failed with HTTP 503: the provider failed on its side. Try again later.",
    );
  });

  it('rejects a success without an access token', () => {
    const error = thrown(() =>
      readTokenResponse({ ...base, status: 200, fields: { token_type: 'Bearer' } }),
    ) as OAuthRequestError;
    expect(error.reason).toBe('unexpected_response');
    expect(error.message).toContain('the answer has no access_token');
  });

  it('rejects a 4xx that is not an OAuth error', () => {
    const error = thrown(() =>
      readTokenResponse({ ...base, status: 404, fields: undefined }),
    ) as OAuthRequestError;
    expect(error.reason).toBe('unexpected_response');
    expect(error.status).toBe(404);
  });
});
