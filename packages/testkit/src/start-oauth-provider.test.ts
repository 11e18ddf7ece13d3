import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeConsent } from './complete-consent.js';
import { createPkce } from './create-pkce.js';
import { type OAuthProvider, startOAuthProvider } from './start-oauth-provider.js';

// These tests act as the OAuth client themselves, with plain fetch, against the real provider.

const client = {
  clientId: 'engine',
  clientSecret: 'engine-secret-value',
  redirectUris: ['http://127.0.0.1:9/v1/oauth/callback'],
};
const redirectUri = 'http://127.0.0.1:9/v1/oauth/callback';

type TokenResponse = {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
  token_type?: string;
  error?: string;
  error_description?: string;
};

function authorizationUrl(
  provider: OAuthProvider,
  { challenge, scope, state }: { challenge?: string; scope: string; state: string },
): string {
  const url = new URL(provider.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', scope);
  url.searchParams.set('state', state);
  if (challenge) {
    url.searchParams.set('code_challenge', challenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return url.href;
}

async function tokenRequest(
  provider: OAuthProvider,
  parameters: Record<string, string>,
  { authentication = 'basic' }: { authentication?: 'basic' | 'post' } = {},
): Promise<{ status: number; body: TokenResponse }> {
  const body = new URLSearchParams(parameters);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (authentication === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
  } else {
    body.set('client_id', client.clientId);
    body.set('client_secret', client.clientSecret);
  }
  const response = await fetch(provider.tokenEndpoint, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as TokenResponse };
}

async function authorize(
  provider: OAuthProvider,
  { username, scope = 'inbox.read inbox.send' }: { username: string; scope?: string },
): Promise<TokenResponse> {
  const pkce = createPkce();
  const consent = await provider.completeConsent({
    authorizationUrl: authorizationUrl(provider, { challenge: pkce.challenge, scope, state: 's1' }),
    username,
    password: `${username}-password`,
    followCallback: false,
  });
  const { status, body } = await tokenRequest(provider, {
    grant_type: 'authorization_code',
    code: consent.code ?? '',
    redirect_uri: redirectUri,
    code_verifier: pkce.verifier,
  });
  expect(status).toBe(200);
  return body;
}

async function getInbox(provider: OAuthProvider, accessToken?: string) {
  const response = await fetch(provider.inboxUrl, {
    headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
  });
  return {
    status: response.status,
    wwwAuthenticate: response.headers.get('www-authenticate'),
    body: (await response.json()) as {
      user?: { id: string };
      messages?: { subject: string }[];
      error?: string;
    },
  };
}

describe('startOAuthProvider', () => {
  let provider: OAuthProvider;
  beforeAll(async () => {
    provider = await startOAuthProvider({ clients: [client] });
  });
  afterAll(() => provider.close());

  it('publishes OpenID discovery for its loopback issuer', async () => {
    expect(provider.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${provider.issuer}/.well-known/openid-configuration`);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: provider.issuer,
      authorization_endpoint: provider.authorizationEndpoint,
      token_endpoint: provider.tokenEndpoint,
      revocation_endpoint: provider.revocationEndpoint,
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery.scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'offline_access', 'inbox.read', 'inbox.send']),
    );
  });

  it('runs the authorization-code flow with PKCE; the inbox serves that user their own data', async () => {
    const pkce = createPkce();
    const consent = await completeConsent({
      authorizationUrl: authorizationUrl(provider, {
        challenge: pkce.challenge,
        scope: 'inbox.read',
        state: 'state-alice',
      }),
      username: 'alice',
      password: 'alice-password',
      followCallback: false,
    });
    expect(consent.redirectUrl.startsWith(`${redirectUri}?`)).toBe(true);
    expect(consent.state).toBe('state-alice');
    expect(consent.error).toBeUndefined();
    expect(consent.code).toEqual(expect.any(String));

    const before = provider.counts.codeExchanges;
    const { status, body } = await tokenRequest(provider, {
      grant_type: 'authorization_code',
      code: consent.code ?? '',
      redirect_uri: redirectUri,
      code_verifier: pkce.verifier,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'inbox.read', expires_in: 3600 });
    expect(body.access_token).toEqual(expect.any(String));
    expect(body.refresh_token).toEqual(expect.any(String));
    expect(provider.counts.codeExchanges).toBe(before + 1);

    const alice = await getInbox(provider, body.access_token);
    expect(alice.status).toBe(200);
    expect(alice.body.user?.id).toBe('alice');
    expect(alice.body.messages?.map((message) => message.subject)).toContain('Lunch on Thursday?');

    const bobTokens = await authorize(provider, { username: 'bob' });
    const bob = await getInbox(provider, bobTokens.access_token);
    expect(bob.body.user?.id).toBe('bob');
    expect(bob.body.messages?.map((message) => message.subject)).toEqual([
      'Quarterly report draft',
    ]);
  });

  it('lists granted OpenID scopes beside the API scopes, issues an ID token, and drops unknown scopes', async () => {
    const openid = await authorize(provider, {
      username: 'alice',
      scope: 'openid offline_access inbox.read inbox.delete',
    });
    // offline_access survives only with prompt=consent (OpenID Connect Core 11); a refresh
    // token is issued regardless.
    expect(openid.scope).toBe('openid inbox.read');
    expect((openid as { id_token?: string }).id_token).toEqual(expect.any(String));
    expect(openid.refresh_token).toEqual(expect.any(String));

    const refreshed = await tokenRequest(provider, {
      grant_type: 'refresh_token',
      refresh_token: openid.refresh_token ?? '',
    });
    expect(refreshed.body.scope).toBe('openid inbox.read');
  });

  it('rejects a code exchange without the PKCE verifier, and a request without a challenge', async () => {
    const pkce = createPkce();
    const consent = await provider.completeConsent({
      authorizationUrl: authorizationUrl(provider, {
        challenge: pkce.challenge,
        scope: 'inbox.read',
        state: 's',
      }),
      username: 'alice',
      password: 'alice-password',
      followCallback: false,
    });
    const exchange = await tokenRequest(provider, {
      grant_type: 'authorization_code',
      code: consent.code ?? '',
      redirect_uri: redirectUri,
    });
    expect(exchange.status).toBe(400);
    expect(exchange.body.error).toBe('invalid_grant');

    const withoutChallenge = await provider.completeConsent({
      authorizationUrl: authorizationUrl(provider, { scope: 'inbox.read', state: 's' }),
      username: 'alice',
      password: 'alice-password',
      followCallback: false,
    });
    expect(withoutChallenge.error).toBe('invalid_request');
    expect(withoutChallenge.code).toBeUndefined();
  });

  it('accepts client_secret_basic and client_secret_post, logging which one was used', async () => {
    for (const authentication of ['basic', 'post'] as const) {
      const pkce = createPkce();
      const consent = await provider.completeConsent({
        authorizationUrl: authorizationUrl(provider, {
          challenge: pkce.challenge,
          scope: 'inbox.read',
          state: 's',
        }),
        username: 'alice',
        password: 'alice-password',
        followCallback: false,
      });
      const exchange = await tokenRequest(
        provider,
        {
          grant_type: 'authorization_code',
          code: consent.code ?? '',
          redirect_uri: redirectUri,
          code_verifier: pkce.verifier,
        },
        { authentication },
      );
      expect(exchange.status).toBe(200);
      expect(provider.tokenRequestLog.at(-1)?.authenticationMethod).toBe(
        authentication === 'basic' ? 'client_secret_basic' : 'client_secret_post',
      );
    }
  });

  it('rejects a wrong client secret with invalid_client', async () => {
    const response = await fetch(provider.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: 'whatever',
        client_id: client.clientId,
        client_secret: 'wrong-secret',
      }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as TokenResponse).error).toBe('invalid_client');
  });

  it('takes new redirect URIs for a client registered again with addClient', async () => {
    const laterUri = 'http://127.0.0.1:10/v1/oauth/callback';
    provider.addClient({ ...client, redirectUris: [laterUri] });
    try {
      const url = new URL(
        authorizationUrl(provider, {
          challenge: createPkce().challenge,
          scope: 'inbox.read',
          state: 'later',
        }),
      );
      const old = await provider
        .completeConsent({
          authorizationUrl: url.href,
          username: 'alice',
          password: 'alice-password',
          followCallback: false,
        })
        .catch((error: unknown) => error);
      expect((old as Error).message).toContain('invalid_redirect_uri');

      url.searchParams.set('redirect_uri', laterUri);
      const later = await provider.completeConsent({
        authorizationUrl: url.href,
        username: 'alice',
        password: 'alice-password',
        followCallback: false,
      });
      expect(later.redirectUrl.startsWith(`${laterUri}?`)).toBe(true);
      expect(later.code).toEqual(expect.any(String));
    } finally {
      provider.addClient(client);
    }
  });

  it('refreshes, counting each refresh request, and rotates the refresh token', async () => {
    const tokens = await authorize(provider, { username: 'alice' });
    const before = provider.counts.refresh;
    const refreshed = await tokenRequest(provider, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(tokens.access_token);
    expect(refreshed.body.refresh_token).not.toBe(tokens.refresh_token);
    expect(provider.counts.refresh).toBe(before + 1);
    expect(provider.tokenRequestLog.at(-1)).toEqual({
      grantType: 'refresh_token',
      clientId: 'engine',
      authenticationMethod: 'client_secret_basic',
      status: 200,
      error: undefined,
    });
    expect((await getInbox(provider, refreshed.body.access_token)).status).toBe(200);

    // Reusing the rotated-out token is refused and counted as a failed refresh.
    const reused = await tokenRequest(provider, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });
    expect(reused.body.error).toBe('invalid_grant');
    expect(provider.counts.refresh).toBe(before + 2);
    expect(provider.counts.refreshFailures).toBeGreaterThanOrEqual(1);
  });

  it("answers invalid_grant once a user's refresh tokens are revoked, leaving other users alone", async () => {
    const alice = await authorize(provider, { username: 'alice' });
    const bob = await authorize(provider, { username: 'bob' });
    expect(provider.revokeRefreshTokens({ userId: 'alice' })).toBeGreaterThanOrEqual(1);

    const aliceRefresh = await tokenRequest(provider, {
      grant_type: 'refresh_token',
      refresh_token: alice.refresh_token ?? '',
    });
    expect(aliceRefresh.status).toBe(400);
    expect(aliceRefresh.body.error).toBe('invalid_grant');

    const bobRefresh = await tokenRequest(provider, {
      grant_type: 'refresh_token',
      refresh_token: bob.refresh_token ?? '',
    });
    expect(bobRefresh.status).toBe(200);
  });

  it("fails a pending code exchange, refreshes and API calls once the user's grants are revoked", async () => {
    const tokens = await authorize(provider, { username: 'alice' });
    const pkce = createPkce();
    const pending = await provider.completeConsent({
      authorizationUrl: authorizationUrl(provider, {
        challenge: pkce.challenge,
        scope: 'inbox.read',
        state: 'pending',
      }),
      username: 'alice',
      password: 'alice-password',
      followCallback: false,
    });
    const bob = await authorize(provider, { username: 'bob' });

    expect(provider.revokeGrants({ userId: 'alice' })).toBeGreaterThanOrEqual(2);

    const exchange = await tokenRequest(provider, {
      grant_type: 'authorization_code',
      code: pending.code ?? '',
      redirect_uri: redirectUri,
      code_verifier: pkce.verifier,
    });
    expect(exchange.body.error).toBe('invalid_grant');
    const refresh = await tokenRequest(provider, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });
    expect(refresh.body.error).toBe('invalid_grant');
    expect((await getInbox(provider, tokens.access_token)).status).toBe(401);
    expect((await getInbox(provider, bob.access_token)).status).toBe(200);
  });

  it('rejects a missing or unknown token with 401 and a token without the scope with 403', async () => {
    const missing = await getInbox(provider);
    expect(missing.status).toBe(401);
    expect(missing.wwwAuthenticate).toBe('Bearer realm="toolgrant-testkit"');

    const unknown = await getInbox(provider, 'not-a-token');
    expect(unknown.status).toBe(401);
    expect(unknown.wwwAuthenticate).toContain('error="invalid_token"');

    const sendOnly = await authorize(provider, { username: 'alice', scope: 'inbox.send' });
    const wrongScope = await getInbox(provider, sendOnly.access_token);
    expect(wrongScope.status).toBe(403);
    expect(wrongScope.body.error).toBe('insufficient_scope');
    expect(wrongScope.wwwAuthenticate).toContain('scope="inbox.read"');
  });

  it('sends mail with inbox.send into the recipient inbox', async () => {
    const alice = await authorize(provider, { username: 'alice' });
    const bob = await authorize(provider, { username: 'bob' });
    const sent = await fetch(provider.sendUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${alice.access_token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ to: 'bob@example.test', subject: 'Hello Bob', body: 'Hi!' }),
    });
    expect(sent.status).toBe(201);
    const bobInbox = await getInbox(provider, bob.access_token);
    expect(bobInbox.body.messages?.map((message) => message.subject)).toContain('Hello Bob');
  });

  it('gives access_denied when the user presses Deny', async () => {
    const consent = await provider.completeConsent({
      authorizationUrl: authorizationUrl(provider, {
        challenge: createPkce().challenge,
        scope: 'inbox.read',
        state: 'deny-state',
      }),
      username: 'bob',
      password: 'bob-password',
      approve: false,
      followCallback: false,
    });
    expect(consent.error).toBe('access_denied');
    expect(consent.state).toBe('deny-state');
    expect(consent.code).toBeUndefined();
  });
});

describe('startOAuthProvider with 1-second access tokens', () => {
  let provider: OAuthProvider;
  beforeAll(async () => {
    provider = await startOAuthProvider({ clients: [client], accessTokenTtlSeconds: 1 });
  });
  afterAll(() => provider.close());

  it('expires access tokens after the configured lifetime; a refresh gives a working one', async () => {
    const tokens = await authorize(provider, { username: 'alice' });
    expect(tokens.expires_in).toBe(1);
    expect((await getInbox(provider, tokens.access_token)).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await getInbox(provider, tokens.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe('invalid_token');
    expect(expired.wwwAuthenticate).toContain('error="invalid_token"');

    const refreshed = await tokenRequest(provider, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });
    expect(refreshed.status).toBe(200);
    expect(provider.counts.refresh).toBe(1);
    expect((await getInbox(provider, refreshed.body.access_token)).status).toBe(200);
  });
});

describe('startOAuthProvider without refresh-token rotation', () => {
  let provider: OAuthProvider;
  beforeAll(async () => {
    provider = await startOAuthProvider({ clients: [client], rotateRefreshTokens: false });
  });
  afterAll(() => provider.close());

  it('counts each of many concurrent refresh and API requests, and resets the counts', async () => {
    const tokens = await authorize(provider, { username: 'bob' });
    provider.resetCounts();
    expect(provider.counts.tokenRequests).toBe(0);

    const refreshes = await Promise.all(
      Array.from({ length: 10 }, () =>
        tokenRequest(provider, {
          grant_type: 'refresh_token',
          refresh_token: tokens.refresh_token ?? '',
        }),
      ),
    );
    expect(refreshes.map((refresh) => refresh.status)).toEqual(Array(10).fill(200));
    expect(refreshes.every((refresh) => refresh.body.refresh_token === tokens.refresh_token)).toBe(
      true,
    );
    expect(provider.counts).toMatchObject({
      tokenRequests: 10,
      refresh: 10,
      refreshFailures: 0,
      tokenRequestsByGrantType: { refresh_token: 10 },
    });

    const inboxes = await Promise.all(
      Array.from({ length: 50 }, () => getInbox(provider, refreshes[0]?.body.access_token)),
    );
    expect(inboxes.every((inbox) => inbox.body.user?.id === 'bob')).toBe(true);
    expect(provider.counts.api).toEqual({ requests: 50, byStatus: { 200: 50 } });

    provider.resetCounts();
    expect(provider.counts.refresh).toBe(0);
    expect(provider.counts.api.requests).toBe(0);
    expect(provider.tokenRequestLog).toEqual([]);
  });
});

describe('startOAuthProvider test hooks', () => {
  let provider: OAuthProvider;
  beforeAll(async () => {
    provider = await startOAuthProvider({ clients: [client], refreshTokenReuseGraceSeconds: 60 });
  });
  afterAll(() => provider.close());

  it('accepts a rotated-out refresh token within the reuse grace as the token that replaced it', async () => {
    const tokens = await authorize(provider, { username: 'alice' });
    const refreshed = await tokenRequest(provider, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(tokens.refresh_token);

    const again = await tokenRequest(provider, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });
    expect(again.status).toBe(200);
    expect(again.body.refresh_token).not.toBe(refreshed.body.refresh_token);
    expect((await getInbox(provider, again.body.access_token)).status).toBe(200);
    // The grant survived the reuse, and the chain goes on from the newest token.
    const next = await tokenRequest(provider, {
      grant_type: 'refresh_token',
      refresh_token: again.body.refresh_token ?? '',
    });
    expect(next.status).toBe(200);
    expect((await getInbox(provider, next.body.access_token)).status).toBe(200);
    expect(provider.counts.refreshFailures).toBe(0);
  });

  it('holds a processed token answer until released', async () => {
    const tokens = await authorize(provider, { username: 'bob' });
    const hold = provider.holdTokenResponse({ grantType: 'refresh_token' });
    let answered = false;
    const request = tokenRequest(provider, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    }).finally(() => {
      answered = true;
    });
    await hold.held;
    expect(answered).toBe(false);
    hold.release();
    const refreshed = await request;
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(tokens.refresh_token);
  });

  it('in hostile mode echoes the request body and Authorization header in error_description', async () => {
    provider.setHostileTokenEndpoint(true);
    try {
      const refused = await tokenRequest(
        provider,
        { grant_type: 'refresh_token', refresh_token: 'echoed-refresh-token-1234' },
        { authentication: 'post' },
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invalid_request');
      expect(refused.body.error_description).toContain('refresh_token=echoed-refresh-token-1234');
      expect(refused.body.error_description).toContain(`client_secret=${client.clientSecret}`);
      const basic = await tokenRequest(provider, { grant_type: 'refresh_token' });
      expect(basic.body.error_description).toContain(
        Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64'),
      );
    } finally {
      provider.setHostileTokenEndpoint(false);
    }
  });
});
