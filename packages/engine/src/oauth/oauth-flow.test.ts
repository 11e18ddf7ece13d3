import { type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildAuthorizationUrl } from './build-authorization-url.js';
import { createPkcePair } from './create-pkce-pair.js';
import { createState } from './create-state.js';
import { exchangeAuthorizationCode } from './exchange-authorization-code.js';
import { mergeScopes } from './merge-scopes.js';
import { OAuthTokenError } from './oauth-token-error.js';
import type { OAuthTokens } from './oauth-tokens.js';
import type { ClientAuthentication } from './oauth2-provider-settings.js';
import { type OAuth2ProviderConfig, parseProviderConfig } from './provider-config.js';
import { refreshAccessToken } from './refresh-access-token.js';
import { revokeToken } from './revoke-token.js';
import { scopesCover } from './scopes-cover.js';

// The whole client side of the authorization-code flow against a real OAuth 2.0 provider
// (oidc-provider in the testkit), over HTTP: nothing here is faked.

const redirectUri = 'http://127.0.0.1:9/v1/oauth/callback';
const clients = {
  client_secret_basic: { clientId: 'engine-basic', clientSecret: 'basic-client-secret-0123' },
  client_secret_post: { clientId: 'engine-post', clientSecret: 'post-client-secret-4567' },
};

let provider: OAuthProvider;

beforeAll(async () => {
  provider = await startOAuthProvider({
    clients: Object.entries(clients).map(([method, client]) => ({
      ...client,
      redirectUris: [redirectUri],
      tokenEndpointAuthMethod: method as ClientAuthentication,
    })),
  });
});

afterAll(async () => {
  await provider?.close();
});

beforeEach(() => {
  provider.resetCounts();
});

function configFor(
  clientAuthentication: ClientAuthentication,
  overrides: Record<string, unknown> = {},
): OAuth2ProviderConfig {
  const config = parseProviderConfig({
    id: 'testkit',
    ...clients[clientAuthentication],
    clientAuthentication,
    authorizeUrl: provider.authorizationEndpoint,
    tokenUrl: provider.tokenEndpoint,
    revokeUrl: provider.revocationEndpoint,
    ...overrides,
  });
  if (config.type !== 'oauth2') throw new Error('expected an oauth2 provider');
  return config;
}

async function authorize({
  config,
  scopes,
  username = 'alice',
  approve = true,
}: {
  config: OAuth2ProviderConfig;
  scopes: string[];
  username?: string;
  approve?: boolean;
}) {
  const pkce = createPkcePair();
  const state = createState();
  const consent = await provider.completeConsent({
    authorizationUrl: buildAuthorizationUrl({
      provider: config,
      redirectUri,
      scopes,
      state,
      codeChallenge: pkce.codeChallenge,
    }),
    username,
    password: `${username}-password`,
    approve,
    followCallback: false,
  });
  return { consent, state, codeVerifier: pkce.codeVerifier };
}

async function connect({
  config,
  scopes,
  username = 'alice',
}: {
  config: OAuth2ProviderConfig;
  scopes: string[];
  username?: string;
}): Promise<OAuthTokens> {
  const { consent, state, codeVerifier } = await authorize({ config, scopes, username });
  expect(consent.state).toBe(state);
  return exchangeAuthorizationCode({
    provider: config,
    code: consent.code as string,
    redirectUri,
    codeVerifier,
    scopes,
  });
}

async function readInbox(accessToken: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(provider.inboxUrl, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return { status: response.status, body: await response.json() };
}

async function rejection(promise: Promise<unknown>): Promise<OAuthTokenError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!OAuthTokenError.isInstance(error)) {
    throw new Error(`expected an OAuthTokenError, got ${String(error)}`);
  }
  return error;
}

describe.each(['client_secret_basic', 'client_secret_post'] as const)(
  'the authorization-code flow with %s',
  (clientAuthentication) => {
    it("exchanges the code (with PKCE) for tokens that read the user's inbox", async () => {
      const tokens = await connect({
        config: configFor(clientAuthentication),
        scopes: ['inbox.read'],
      });
      expect(tokens.tokenType).toBe('Bearer');
      expect(tokens.scopes).toEqual(['inbox.read']);
      expect(tokens.refreshToken).toEqual(expect.any(String));
      expect(tokens.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 3500_000);
      expect(provider.tokenRequestLog).toEqual([
        expect.objectContaining({
          grantType: 'authorization_code',
          clientId: clients[clientAuthentication].clientId,
          authenticationMethod: clientAuthentication,
          status: 200,
        }),
      ]);

      const inbox = await readInbox(tokens.accessToken);
      expect(inbox.status).toBe(200);
      expect(inbox.body).toMatchObject({ user: { id: 'alice' } });
    });

    it('refreshes the access token, and a revoked refresh token is invalid_grant', async () => {
      const config = configFor(clientAuthentication);
      const tokens = await connect({ config, scopes: ['inbox.read'] });
      const refreshed = await refreshAccessToken({
        provider: config,
        refreshToken: tokens.refreshToken as string,
        scopes: tokens.scopes,
      });
      expect(refreshed.accessToken).not.toBe(tokens.accessToken);
      expect(refreshed.scopes).toEqual(['inbox.read']);
      // The testkit rotates refresh tokens.
      expect(refreshed.refreshToken).toEqual(expect.any(String));
      expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
      expect((await readInbox(refreshed.accessToken)).status).toBe(200);
      expect(provider.counts.refresh).toBe(1);
      expect(provider.tokenRequestLog.at(-1)).toMatchObject({
        grantType: 'refresh_token',
        authenticationMethod: clientAuthentication,
      });

      expect(provider.revokeRefreshTokens({ userId: 'alice' })).toBeGreaterThan(0);
      const error = await rejection(
        refreshAccessToken({ provider: config, refreshToken: refreshed.refreshToken as string }),
      );
      expect(error).toMatchObject({
        code: 'invalid_grant',
        operation: 'refresh',
        providerId: 'testkit',
        status: 400,
      });
      expect(error.message).toContain(
        "Provider 'testkit' rejected the token refresh with 'invalid_grant'",
      );
    });
  },
);

describe('the authorization-code flow', () => {
  it('rejects a code used twice with invalid_grant', async () => {
    const config = configFor('client_secret_basic');
    const { consent, codeVerifier } = await authorize({ config, scopes: ['inbox.read'] });
    const exchange = () =>
      exchangeAuthorizationCode({
        provider: config,
        code: consent.code as string,
        redirectUri,
        codeVerifier,
        scopes: ['inbox.read'],
      });
    await exchange();
    const error = await rejection(exchange());
    expect(error.code).toBe('invalid_grant');
    expect(error.operation).toBe('code_exchange');
  });

  it('refuses to exchange a PKCE code without the verifier, before calling the provider', async () => {
    const config = configFor('client_secret_basic');
    const { consent } = await authorize({ config, scopes: ['inbox.read'] });
    provider.resetCounts();
    await expect(
      exchangeAuthorizationCode({
        provider: config,
        code: consent.code as string,
        redirectUri,
        scopes: ['inbox.read'],
      }),
    ).rejects.toThrow("Provider 'testkit' has PKCE on, but no codeVerifier was given");
    expect(provider.counts.tokenRequests).toBe(0);
  });

  it('rejects the code with a verifier that does not match the challenge', async () => {
    const config = configFor('client_secret_basic');
    const { consent } = await authorize({ config, scopes: ['inbox.read'] });
    const error = await rejection(
      exchangeAuthorizationCode({
        provider: config,
        code: consent.code as string,
        redirectUri,
        codeVerifier: createPkcePair().codeVerifier,
        scopes: ['inbox.read'],
      }),
    );
    expect(error.code).toBe('invalid_grant');
  });

  it('reports a wrong client secret as invalid_client, with advice', async () => {
    const config = configFor('client_secret_basic');
    const { consent, codeVerifier } = await authorize({ config, scopes: ['inbox.read'] });
    const error = await rejection(
      exchangeAuthorizationCode({
        provider: { ...config, clientSecret: 'not-the-client-secret' },
        code: consent.code as string,
        redirectUri,
        codeVerifier,
        scopes: ['inbox.read'],
      }),
    );
    expect(error.code).toBe('invalid_client');
    expect(error.status).toBe(401);
    expect(error.message).toContain('check clientId, clientSecret and clientAuthentication');
  });

  it("brings the user's denial back as access_denied with the flow's state", async () => {
    const { consent, state } = await authorize({
      config: configFor('client_secret_basic'),
      scopes: ['inbox.read'],
      approve: false,
    });
    expect(consent).toMatchObject({ error: 'access_denied', state, code: undefined });
    expect(provider.counts.tokenRequests).toBe(0);
  });

  it('accumulates scopes: a second consent for more scopes keeps the first ones', async () => {
    const config = configFor('client_secret_basic');
    const first = await connect({ config, scopes: ['inbox.read'], username: 'bob' });
    expect(scopesCover({ granted: first.scopes, requested: ['inbox.send'] })).toBe(false);

    const second = await connect({
      config,
      scopes: mergeScopes(first.scopes, ['inbox.send']),
      username: 'bob',
    });
    expect(second.scopes).toEqual(['inbox.read', 'inbox.send']);
    expect(scopesCover({ granted: second.scopes, requested: ['inbox.read', 'inbox.send'] })).toBe(
      true,
    );
    expect((await readInbox(second.accessToken)).status).toBe(200);
  });

  it('reports only the granted scopes when the provider drops some', async () => {
    const tokens = await connect({
      config: configFor('client_secret_post'),
      scopes: ['inbox.read', 'inbox.delete'],
    });
    expect(tokens.scopes).toEqual(['inbox.read']);
  });

  it('works with PKCE off when the provider does not require it', async () => {
    const relaxed = await startOAuthProvider({
      requirePkce: false,
      clients: [{ ...clients.client_secret_basic, redirectUris: [redirectUri] }],
    });
    try {
      const config = parseProviderConfig({
        id: 'relaxed',
        ...clients.client_secret_basic,
        authorizeUrl: relaxed.authorizationEndpoint,
        tokenUrl: relaxed.tokenEndpoint,
        pkce: false,
      }) as OAuth2ProviderConfig;
      const state = createState();
      const authorizationUrl = buildAuthorizationUrl({
        provider: config,
        redirectUri,
        scopes: ['inbox.read'],
        state,
      });
      expect(new URL(authorizationUrl).searchParams.has('code_challenge')).toBe(false);
      const consent = await relaxed.completeConsent({
        authorizationUrl,
        username: 'alice',
        password: 'alice-password',
        followCallback: false,
      });
      const tokens = await exchangeAuthorizationCode({
        provider: config,
        code: consent.code as string,
        redirectUri,
        scopes: ['inbox.read'],
      });
      expect(tokens.accessToken).toEqual(expect.any(String));
    } finally {
      await relaxed.close();
    }
  });
});

describe('revokeToken', () => {
  it('revokes a refresh token at the provider, so refreshing it fails', async () => {
    const config = configFor('client_secret_post');
    const tokens = await connect({ config, scopes: ['inbox.read'] });
    const refreshToken = tokens.refreshToken as string;
    await expect(
      revokeToken({ provider: config, token: refreshToken, tokenTypeHint: 'refresh_token' }),
    ).resolves.toBe(true);
    expect(provider.counts.revocations).toBe(1);
    const error = await rejection(refreshAccessToken({ provider: config, refreshToken }));
    expect(error.code).toBe('invalid_grant');
  });

  it('revokes an access token, which the API then refuses', async () => {
    const config = configFor('client_secret_basic');
    const tokens = await connect({ config, scopes: ['inbox.read'] });
    await expect(
      revokeToken({ provider: config, token: tokens.accessToken, tokenTypeHint: 'access_token' }),
    ).resolves.toBe(true);
    expect((await readInbox(tokens.accessToken)).status).toBe(401);
  });

  it('sends nothing and answers false for a provider without a revocation endpoint', async () => {
    const config = configFor('client_secret_basic', { revokeUrl: undefined });
    await expect(revokeToken({ provider: config, token: 'some-token-value' })).resolves.toBe(false);
    expect(provider.counts.revocations).toBe(0);
  });

  it('reports a wrong client secret as invalid_client', async () => {
    const config = configFor('client_secret_basic');
    const error = await rejection(
      revokeToken({
        provider: { ...config, clientSecret: 'not-the-client-secret' },
        token: 'some-token-value',
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_client', operation: 'revocation' });
  });
});

describe('secret scan', () => {
  it('puts no code, verifier, token or client secret in any error message', async () => {
    const secrets: string[] = Object.values(clients).map((client) => client.clientSecret);
    const failures: unknown[] = [];
    const record = (promise: Promise<unknown>) =>
      promise.then(
        () => {
          throw new Error('expected a failure');
        },
        (error: unknown) => failures.push(error),
      );

    for (const clientAuthentication of ['client_secret_basic', 'client_secret_post'] as const) {
      const config = configFor(clientAuthentication);
      const { consent, codeVerifier } = await authorize({ config, scopes: ['inbox.read'] });
      const code = consent.code as string;
      secrets.push(code, codeVerifier);
      const tokens = await exchangeAuthorizationCode({
        provider: config,
        code,
        redirectUri,
        codeVerifier,
        scopes: ['inbox.read'],
      });
      secrets.push(tokens.accessToken, tokens.refreshToken as string);

      const wrongSecret = { ...config, clientSecret: `wrong-${config.clientSecret}` };
      secrets.push(wrongSecret.clientSecret);
      await record(
        exchangeAuthorizationCode({
          provider: config,
          code,
          redirectUri,
          codeVerifier,
          scopes: [],
        }),
      );
      await record(
        refreshAccessToken({ provider: wrongSecret, refreshToken: tokens.refreshToken as string }),
      );
      await record(revokeToken({ provider: wrongSecret, token: tokens.accessToken }));
      provider.revokeRefreshTokens({ userId: 'alice' });
      await record(
        refreshAccessToken({ provider: config, refreshToken: tokens.refreshToken as string }),
      );
      const unreachable = { ...config, tokenUrl: 'http://127.0.0.1:9/token' };
      await record(
        exchangeAuthorizationCode({
          provider: unreachable,
          code,
          redirectUri,
          codeVerifier,
          scopes: [],
        }),
      );
    }

    expect(failures).toHaveLength(10);
    for (const failure of failures) {
      const error = failure as Error;
      const text = [error.message, String(error), JSON.stringify(error), error.stack].join('\n');
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});
