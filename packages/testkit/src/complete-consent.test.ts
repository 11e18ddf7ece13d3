import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeConsent } from './complete-consent.js';
import { ConsentFlowError } from './consent-flow-error.js';
import { createPkce } from './create-pkce.js';
import { type OAuthProvider, startOAuthProvider } from './start-oauth-provider.js';

// The client side here is a small HTTP server standing in for the engine: its callback route
// records what the provider sent, and its /start route redirects to the provider, as an
// engine-hosted authorization link might.

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('completeConsent', () => {
  let provider: OAuthProvider;
  let clientServer: Server;
  let clientUrl: string;
  let redirectUri: string;
  const callbacks: URL[] = [];
  const callbackCookies: (string | undefined)[] = [];

  beforeAll(async () => {
    // The provider starts first; the client's port is known only afterwards.
    provider = await startOAuthProvider();
    clientServer = createServer((request, response) => {
      const url = new URL(request.url ?? '/', clientUrl);
      if (url.pathname === '/v1/oauth/callback') {
        callbacks.push(url);
        callbackCookies.push(request.headers.cookie);
        response.writeHead(302, { location: '/done' }).end();
        return;
      }
      if (url.pathname === '/start') {
        response
          .writeHead(302, {
            location: authorizationUrl('from-start'),
            'set-cookie': 'client_binding=started-here; Path=/v1/oauth; HttpOnly; SameSite=Lax',
          })
          .end();
        return;
      }
      response.writeHead(404).end();
    });
    clientUrl = await listen(clientServer);
    redirectUri = `${clientUrl}/v1/oauth/callback`;
    provider.addClient({
      clientId: 'late-client',
      clientSecret: 'late-client-secret',
      redirectUris: [redirectUri],
      name: 'Late Engine',
    });
  });
  afterAll(async () => {
    clientServer.close();
    await provider.close();
  });

  function authorizationUrl(state: string, overrides: Record<string, string> = {}): string {
    const url = new URL(provider.authorizationEndpoint);
    const parameters = {
      response_type: 'code',
      client_id: 'late-client',
      redirect_uri: redirectUri,
      scope: 'inbox.read',
      state,
      code_challenge: createPkce().challenge,
      code_challenge_method: 'S256',
      ...overrides,
    };
    for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
    return url.href;
  }

  it("follows the provider's redirect to the client's callback and returns its answer", async () => {
    const result = await completeConsent({
      authorizationUrl: authorizationUrl('state-1'),
      username: 'alice',
      password: 'alice-password',
    });
    expect(result.code).toEqual(expect.any(String));
    expect(result.state).toBe('state-1');
    expect(result.callback).toEqual({
      status: 302,
      location: '/done',
      contentType: undefined,
      body: '',
    });
    const received = callbacks.at(-1);
    expect(received?.searchParams.get('code')).toBe(result.code);
    expect(received?.searchParams.get('state')).toBe('state-1');
    expect(received?.searchParams.get('iss')).toBe(provider.issuer);
  });

  it('starts from a client URL that redirects to the provider', async () => {
    const result = await completeConsent({
      authorizationUrl: `${clientUrl}/start`,
      username: 'bob',
      password: 'bob-password',
      followCallback: false,
    });
    expect(result.state).toBe('from-start');
    expect(result.code).toEqual(expect.any(String));
    expect(result.callback).toBeUndefined();
    // The jar holds the cookie the client set at /start, for a callback loaded by hand.
    expect(result.cookieJar.headerFor(new URL(result.redirectUrl))).toBe(
      'client_binding=started-here',
    );
  });

  it('continues the jar it is given, and sends its cookies to the callback', async () => {
    const first = await completeConsent({
      authorizationUrl: `${clientUrl}/start`,
      username: 'bob',
      password: 'bob-password',
      followCallback: false,
    });
    const callbacksBefore = callbacks.length;
    const second = await completeConsent({
      authorizationUrl: authorizationUrl('same-browser'),
      username: 'bob',
      password: 'bob-password',
      cookieJar: first.cookieJar,
    });
    expect(second.cookieJar).toBe(first.cookieJar);
    expect(second.callback?.status).toBe(302);
    expect(callbacks.length).toBe(callbacksBefore + 1);
    expect(callbackCookies.at(-1)).toBe('client_binding=started-here');
  });

  it('delivers a denial to the callback as access_denied', async () => {
    const before = callbacks.length;
    const result = await completeConsent({
      authorizationUrl: authorizationUrl('state-deny'),
      username: 'alice',
      password: 'alice-password',
      approve: false,
    });
    expect(result.error).toBe('access_denied');
    expect(result.callback?.status).toBe(302);
    expect(callbacks.length).toBe(before + 1);
    expect(callbacks.at(-1)?.searchParams.get('error')).toBe('access_denied');
  });

  it('fails with ConsentFlowError naming the user when the password is wrong', async () => {
    const failure = await completeConsent({
      authorizationUrl: authorizationUrl('s'),
      username: 'alice',
      password: 'not-her-password',
    }).catch((error: unknown) => error);
    expect(ConsentFlowError.isInstance(failure)).toBe(true);
    expect((failure as ConsentFlowError).status).toBe(401);
    expect((failure as Error).message).toContain("login of 'alice'");
    expect((failure as Error).message).toContain('Wrong username or password');
    expect((failure as Error).message).not.toContain('not-her-password');
  });

  it("fails with the provider's reason when the redirect URI is not registered", async () => {
    const failure = await completeConsent({
      authorizationUrl: authorizationUrl('s', { redirect_uri: `${clientUrl}/elsewhere` }),
      username: 'alice',
      password: 'alice-password',
    }).catch((error: unknown) => error);
    expect(ConsentFlowError.isInstance(failure)).toBe(true);
    expect((failure as ConsentFlowError).status).toBe(400);
    expect((failure as Error).message).toContain('redirect_uri');
  });

  it('recognises an immediate error redirect to the client as the landing', async () => {
    // prompt=none with no session: the provider answers login_required without any page.
    const result = await provider.completeConsent({
      authorizationUrl: authorizationUrl('s-none', { prompt: 'none' }),
      username: 'alice',
      password: 'alice-password',
      followCallback: false,
    });
    expect(result.error).toBe('login_required');
    expect(result.state).toBe('s-none');
  });
});
