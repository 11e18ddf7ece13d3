import { ToolgrantError } from '@toolgrant/core';
import { describe, expect, it } from 'vitest';
import { buildAuthorizationUrl } from './build-authorization-url.js';
import { type OAuth2ProviderConfig, parseProviderConfig } from './provider-config.js';

function provider(overrides: Record<string, unknown> = {}): OAuth2ProviderConfig {
  return parseProviderConfig({
    id: 'acme',
    clientId: 'acme-client',
    clientSecret: 'acme-secret-value',
    authorizeUrl: 'https://auth.acme.test/authorize',
    tokenUrl: 'https://auth.acme.test/token',
    ...overrides,
  }) as OAuth2ProviderConfig;
}

const base = {
  redirectUri: 'https://engine.test/v1/oauth/callback',
  state: 'state-123',
  codeChallenge: 'challenge-456',
};

describe('buildAuthorizationUrl', () => {
  it('builds an authorization-code request with PKCE S256', () => {
    const url = new URL(
      buildAuthorizationUrl({ provider: provider(), scopes: ['b', 'a'], ...base }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://auth.acme.test/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'acme-client',
      redirect_uri: 'https://engine.test/v1/oauth/callback',
      scope: 'a b',
      state: 'state-123',
      code_challenge: 'challenge-456',
      code_challenge_method: 'S256',
    });
  });

  it('never puts the client secret in the URL', () => {
    const url = buildAuthorizationUrl({ provider: provider(), scopes: ['a'], ...base });
    expect(url).not.toContain('acme-secret-value');
  });

  it("joins scopes with the provider's delimiter and scope parameter", () => {
    const url = new URL(
      buildAuthorizationUrl({
        provider: provider({ scopeDelimiter: ',', scopeParameter: 'user_scope' }),
        scopes: ['chat:write', 'channels:read'],
        ...base,
      }),
    );
    expect(url.searchParams.get('user_scope')).toBe('channels:read,chat:write');
    expect(url.searchParams.has('scope')).toBe(false);
  });

  it('adds the default scopes and the extra parameters', () => {
    const url = new URL(
      buildAuthorizationUrl({
        provider: provider({
          defaultScopes: ['offline_access'],
          authorizeParameters: { prompt: 'consent', access_type: 'offline' },
        }),
        scopes: ['read'],
        ...base,
      }),
    );
    expect(url.searchParams.get('scope')).toBe('offline_access read');
    expect(url.searchParams.get('prompt')).toBe('consent');
    expect(url.searchParams.get('access_type')).toBe('offline');
  });

  it('omits the scope parameter when there are no scopes', () => {
    const url = new URL(buildAuthorizationUrl({ provider: provider(), scopes: [], ...base }));
    expect(url.searchParams.has('scope')).toBe(false);
  });

  it('keeps a query already in the authorize URL', () => {
    const url = new URL(
      buildAuthorizationUrl({
        provider: provider({ authorizeUrl: 'https://auth.acme.test/authorize?tenant=t1' }),
        scopes: ['a'],
        ...base,
      }),
    );
    expect(url.searchParams.get('tenant')).toBe('t1');
    expect(url.searchParams.get('client_id')).toBe('acme-client');
  });

  it('sends no challenge when the provider has PKCE off', () => {
    const url = new URL(
      buildAuthorizationUrl({
        provider: provider({ pkce: false }),
        scopes: ['a'],
        redirectUri: base.redirectUri,
        state: base.state,
      }),
    );
    expect(url.searchParams.has('code_challenge')).toBe(false);
    expect(url.searchParams.has('code_challenge_method')).toBe(false);
  });

  it('refuses to build a PKCE provider URL without a challenge', () => {
    const build = () =>
      buildAuthorizationUrl({
        provider: provider(),
        scopes: ['a'],
        redirectUri: base.redirectUri,
        state: base.state,
      });
    expect(build).toThrow(/Provider 'acme' has PKCE on, but no codeChallenge was given/);
    try {
      build();
    } catch (error) {
      expect(ToolgrantError.isInstance(error)).toBe(true);
    }
  });
});
