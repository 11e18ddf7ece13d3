import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  authorizeAndConsent,
  type BrokerFixture,
  clientId,
  clientSecret,
  inboxRequirement,
  startBrokerFixture,
} from '../../test/broker-fixture.js';
import { createSqliteTestStore, type StoreRows } from '../../test/sqlite-test-store.js';
import { createTestBrowser } from '../../test/test-browser.js';
import type { UserVerification } from '../broker/create-broker.js';
import type { Store } from '../store/store.js';
import { apiErrorOf } from './api-error-of.js';

// The browser side over HTTP: hostile callbacks (each answered clearly, the store unchanged
// but for the flow they identify), the API-key form, and a scan of everything the engine said
// during whole flows for tokens, keys and the client secret.

let location: Awaited<ReturnType<typeof createSqliteTestStore>>;
let store: Store;
let fixture: BrokerFixture;
const cleanups: (() => Promise<void>)[] = [];

async function start(
  options: { accessTokenTtlSeconds?: number; userVerification?: UserVerification } = {},
) {
  fixture = await startBrokerFixture({ stores: [store], ...options });
  cleanups.push(() => fixture.close());
  return fixture;
}

beforeEach(async () => {
  location = await createSqliteTestStore();
  store = await location.open();
  cleanups.push(async () => {
    await store.close();
    await location.destroy();
  });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function get(url: string, accept = 'text/html', cookie?: string) {
  const response = await fetch(url, {
    redirect: 'manual',
    headers: { accept, ...(cookie === undefined ? {} : { cookie }) },
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    cacheControl: response.headers.get('cache-control'),
    body: await response.text(),
  };
}

/** The only change: flow `flowId` failed for `reason` (and lost any held credential). */
function expectOnlyFlowFailed({
  before,
  after,
  flowId,
  reason,
}: {
  before: StoreRows;
  after: StoreRows;
  flowId: string;
  reason: string;
}) {
  expect(after.connections).toEqual(before.connections);
  expect(after.secrets).toEqual(before.secrets);
  expect(after.auth_flows.filter(({ id }) => id !== flowId)).toEqual(
    before.auth_flows.filter(({ id }) => id !== flowId),
  );
  const flowBefore = before.auth_flows.find(({ id }) => id === flowId);
  const flowAfter = after.auth_flows.find(({ id }) => id === flowId);
  expect(flowBefore?.status).toBe('pending');
  expect(flowAfter).toEqual({
    ...flowBefore,
    status: 'failed',
    failure_reason: reason,
    consumed_at: flowAfter?.consumed_at,
    settled_at: expect.any(Number),
    held_credential_encrypted: null,
    // Set only when the callback got as far as exchanging the code.
    exchange_started_at: reason.startsWith('code_exchange_failed')
      ? expect.any(Number)
      : flowBefore?.exchange_started_at,
    // Set when the browser opened the link, which may come after `before`.
    browser_binding_hash: flowAfter?.browser_binding_hash,
  });
}

describe('createOAuthRoutes: hostile callbacks', () => {
  it('answers a callback without state with 400 and changes nothing', async () => {
    const { engines } = await start();
    await authorizeAndConsent({ fixture, userId: 'alice' });
    await fixture.broker.authorize({ userId: 'bob', requirement: inboxRequirement() });
    const before = location.snapshot();
    const answer = await get(`${engines[0]!.url}/v1/oauth/callback?code=stolen-code-123456`);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('without a state parameter');
    expect(answer.body).not.toContain('stolen-code-123456');
    expect(answer.cacheControl).toBe('no-store');
    expect(location.snapshot()).toEqual(before);
  });

  it('answers an unknown state with 400 (JSON for JSON clients) and changes nothing', async () => {
    const { engines } = await start();
    await fixture.broker.authorize({ userId: 'bob', requirement: inboxRequirement() });
    const before = location.snapshot();
    const callback = `${engines[0]!.url}/v1/oauth/callback?code=stolen-code-123456&state=made-up-state`;
    const html = await get(callback);
    expect(html.status).toBe(400);
    expect(html.body).toContain('does not belong to any authorization');
    const json = await get(callback, 'application/json');
    expect(JSON.parse(json.body)).toMatchObject({ status: 400, code: 'state_unknown' });
    const withError = await get(
      `${engines[0]!.url}/v1/oauth/callback?error=access_denied&state=made-up-state`,
    );
    expect(withError.status).toBe(400);
    expect(location.snapshot()).toEqual(before);
  });

  it('answers a replayed callback with 400 and changes nothing', async () => {
    await start();
    const { consent } = await authorizeAndConsent({ fixture, userId: 'alice' });
    expect(consent.callback?.status).toBe(200);
    const before = location.snapshot();
    const replay = await get(consent.redirectUrl);
    expect(replay.status).toBe(400);
    expect(replay.body).toContain('already handled');
    expect(replay.body).not.toContain(consent.code!);
    expect(location.snapshot()).toEqual(before);
  });

  it('leaves a flow awaiting confirm_user intact when its callback is replayed', async () => {
    const { broker } = await start({ userVerification: { verifierUrl: 'https://app.example/v' } });
    const { authorization, consent } = await authorizeAndConsent({ fixture, userId: 'alice' });
    expect(consent.callback?.status).toBe(302);
    const before = location.snapshot();
    expect((await get(consent.redirectUrl)).status).toBe(400);
    expect(location.snapshot()).toEqual(before);
    await broker.confirmUser({ flowId: authorization.id, userId: 'alice' });
    expect((await broker.getStatus({ id: authorization.id, waitSeconds: 0 })).status).toBe(
      'completed',
    );
  });

  it('answers an expired state with 400 and marks only that flow failed', async () => {
    const { engines, broker } = await start();
    await authorizeAndConsent({ fixture, userId: 'bob' });
    const expired = await store.createFlow({
      userId: 'alice',
      providerId: 'testkit',
      providerType: 'oauth2',
      scopes: ['inbox.read'],
      pkceVerifier: 'v'.repeat(43),
      redirectUri: broker.redirectUri,
      expiresAt: new Date(Date.now() - 1000),
    });
    const before = location.snapshot();
    const answer = await get(
      `${engines[0]!.url}/v1/oauth/callback?code=late-code-123456&state=${encodeURIComponent(expired.state)}`,
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('has expired');
    expectOnlyFlowFailed({
      before,
      after: location.snapshot(),
      flowId: expired.id,
      reason: 'expired',
    });
    expect((await broker.getStatus({ id: expired.id, waitSeconds: 0 })).status).toBe('failed');
  });

  it("answers the provider's error parameter with 400 and marks only that flow failed", async () => {
    const { broker, provider } = await start();
    await authorizeAndConsent({ fixture, userId: 'bob' });
    const authorization = await broker.authorize({
      userId: 'alice',
      requirement: inboxRequirement(),
    });
    const before = location.snapshot();
    const consent = await provider.completeConsent({
      authorizationUrl: authorization.url!,
      username: 'alice',
      password: 'alice-password',
      approve: false,
    });
    expect(consent.error).toBe('access_denied');
    expect(consent.callback?.status).toBe(400);
    expect(consent.callback?.body).toContain('Access was not granted');
    expectOnlyFlowFailed({
      before,
      after: location.snapshot(),
      flowId: authorization.id,
      reason: 'provider_error:access_denied',
    });
  });

  it('never reflects an odd error parameter into the page', async () => {
    const { broker, engines } = await start();
    const authorization = await broker.authorize({
      userId: 'alice',
      requirement: inboxRequirement(),
    });
    const flow = await store.findFlow(authorization.id);
    // The browser opened the link, so the response that comes back in it counts.
    const browser = createTestBrowser();
    expect((await browser.get(authorization.url!)).status).toBe(302);
    const answer = await browser.get(
      `${engines[0]!.url}/v1/oauth/callback?error=${encodeURIComponent('<script>alert(1)</script>')}&state=${encodeURIComponent(flow!.state)}`,
    );
    expect(answer.status).toBe(400);
    expect(answer.body).not.toContain('<script>alert');
    expect(answer.body).toContain('unrecognized_error');
    expect((await store.findFlow(authorization.id))?.failureReason).toBe(
      'provider_error:unrecognized_error',
    );
  });

  it('answers a failing code exchange with 502 and marks only that flow failed', async () => {
    const { broker, provider } = await start();
    await authorizeAndConsent({ fixture, userId: 'bob' });
    const authorization = await broker.authorize({
      userId: 'alice',
      requirement: inboxRequirement(),
    });
    const consent = await provider.completeConsent({
      authorizationUrl: authorization.url!,
      username: 'alice',
      password: 'alice-password',
      followCallback: false,
    });
    // The grant is gone before the engine redeems its code: the provider answers invalid_grant.
    provider.revokeGrants({ userId: 'alice' });
    const before = location.snapshot();
    const answer = await get(
      consent.redirectUrl,
      'text/html',
      consent.cookieJar.headerFor(new URL(consent.redirectUrl)),
    );
    expect(answer.status).toBe(502);
    expect(answer.body).toContain('could not exchange the authorization');
    expect(answer.body).not.toContain(consent.code!);
    expect(provider.counts.codeExchanges).toBeGreaterThanOrEqual(2);
    expectOnlyFlowFailed({
      before,
      after: location.snapshot(),
      flowId: authorization.id,
      reason: 'code_exchange_failed:invalid_grant',
    });
    expect(fixture.recorded.logLines.join('\n')).toContain('invalid_grant');
  });

  it('answers an unknown or used authorization link with a page, not a redirect', async () => {
    const { engines, broker } = await start();
    const unknown = await get(`${engines[0]!.url}/v1/oauth/start/no-such-flow`);
    expect(unknown.status).toBe(404);
    const { authorization } = await authorizeAndConsent({ fixture, userId: 'alice' });
    const used = await get(`${engines[0]!.url}/v1/oauth/start/${authorization.id}`);
    expect(used.status).toBe(410);
    expect(used.body).toContain('already complete');
    expect(used.location).toBeNull();
    expect((await broker.getStatus({ id: authorization.id, waitSeconds: 0 })).status).toBe(
      'completed',
    );
  });
});

describe('createOAuthRoutes: API keys', () => {
  const apiKey = 'owm-key-5f2b9c1d7e3a4b6c8d0e';
  const weather = { providerId: 'weather', providerType: 'api_key' as const, scopes: [] };

  it('serves a form on the engine, stores the key encrypted, and completes the flow once', async () => {
    const { broker, engines } = await start();
    const authorization = await broker.authorize({ userId: 'alice', requirement: weather });
    expect(authorization.status).toBe('pending');
    expect(authorization.url).toBe(`${engines[0]!.url}/v1/oauth/api-key/${authorization.id}`);

    const browser = createTestBrowser();
    const form = await browser.get(authorization.url!);
    expect(form.status).toBe(200);
    expect(form.body).toContain('Connect OpenWeather');
    expect(form.body).toContain('openweathermap.org');
    expect(form.body).toContain('name="api_key"');
    const formToken = form.body.match(/name="form_token" value="([^"]*)"/)?.[1] ?? '';
    expect(formToken).toMatch(/^[\w-]{43}$/);

    const post = (fields: Record<string, string>) =>
      browser.post(authorization.url!, { form: { form_token: formToken, ...fields } });
    const empty = await post({ api_key: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('Enter your API key');

    const saved = await post({ api_key: apiKey });
    expect(saved.status).toBe(200);
    const savedBody = saved.body;
    expect(savedBody).toContain('You can close this window');
    expect(savedBody).not.toContain(apiKey);

    expect((await broker.getStatus({ id: authorization.id, waitSeconds: 0 })).status).toBe(
      'completed',
    );
    expect(await broker.getCredential({ userId: 'alice', requirement: weather })).toEqual({
      type: 'token',
      token: apiKey,
    });
    expect((await broker.authorize({ userId: 'alice', requirement: weather })).status).toBe(
      'completed',
    );
    expect(JSON.stringify(location.snapshot())).not.toContain(apiKey);

    const again = await post({ api_key: 'another-key-123456' });
    expect(again.status).toBe(410);
    expect(await broker.getCredential({ userId: 'alice', requirement: weather })).toEqual({
      type: 'token',
      token: apiKey,
    });
  });

  it('with a verifier, holds the key until confirm_user', async () => {
    const { broker } = await start({ userVerification: { verifierUrl: 'https://app.example/v' } });
    const authorization = await broker.authorize({ userId: 'alice', requirement: weather });
    const saved = await createTestBrowser().submitApiKey(authorization.url!, apiKey);
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`https://app.example/v?flow_id=${authorization.id}`);
    expect(await broker.getCredential({ userId: 'alice', requirement: weather })).toEqual({
      type: 'authorization_required',
    });
    await broker.confirmUser({ flowId: authorization.id, userId: 'alice' });
    expect(await broker.getCredential({ userId: 'alice', requirement: weather })).toEqual({
      type: 'token',
      token: apiKey,
    });
  });
});

describe('createOAuthRoutes: secret scan', () => {
  it('never lets a token, key or the client secret into a response, log line or error', async () => {
    const { broker, provider, engines, recorded } = await start({ accessTokenTtlSeconds: 1 });
    const secrets = new Set<string>([clientSecret]);
    const errorMessages: string[] = [];
    const collectTokens = async () => {
      for (const userId of ['alice', 'bob']) {
        for (const providerId of ['testkit', 'weather']) {
          const credential = await store.getCredential({ userId, providerId });
          if (credential?.accessToken) secrets.add(credential.accessToken);
          if (credential?.refreshToken) secrets.add(credential.refreshToken);
        }
      }
    };
    const expectError = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        errorMessages.push(String(error), apiErrorOf(error)?.code ?? '');
        return;
      }
      throw new Error('expected an error');
    };

    // Two users authorize; status long-polls and credential lookups.
    const alice = await authorizeAndConsent({ fixture, userId: 'alice' });
    await authorizeAndConsent({ fixture, userId: 'bob' });
    await collectTokens();
    errorMessages.push(
      JSON.stringify(await broker.getStatus({ id: alice.authorization.id, waitSeconds: 1 })),
    );
    const token = await broker.getCredential({ userId: 'alice', requirement: inboxRequirement() });
    expect(token.type).toBe('token');

    // A refresh, then a replayed callback and a failing exchange.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await broker.getCredential({ userId: 'alice', requirement: inboxRequirement() });
    await collectTokens();
    await get(alice.consent.redirectUrl);
    const pending = await broker.authorize({
      userId: 'bob',
      requirement: inboxRequirement(['inbox.send']),
    });
    const consent = await provider.completeConsent({
      authorizationUrl: pending.url!,
      username: 'bob',
      password: 'bob-password',
      followCallback: false,
    });
    provider.revokeGrants({ userId: 'bob' });
    await get(
      consent.redirectUrl,
      'text/html',
      consent.cookieJar.headerFor(new URL(consent.redirectUrl)),
    );

    // An API key, then errors: a refresh with a wrong client secret, a revoked refresh token.
    const weather = await broker.authorize({
      userId: 'alice',
      requirement: { providerId: 'weather', providerType: 'api_key', scopes: [] },
    });
    const apiKey = 'owm-secret-key-9a8b7c6d5e4f';
    secrets.add(apiKey);
    expect((await createTestBrowser().submitApiKey(weather.url!, apiKey)).status).toBe(200);
    await collectTokens();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    provider.addClient({
      clientId,
      clientSecret: 'a-different-secret-00000000',
      redirectUris: [`${engines[0]!.url}/v1/oauth/callback`],
    });
    await expectError(broker.getCredential({ userId: 'alice', requirement: inboxRequirement() }));
    provider.addClient({
      clientId,
      clientSecret,
      redirectUris: [`${engines[0]!.url}/v1/oauth/callback`],
    });
    provider.revokeRefreshTokens({ userId: 'alice' });
    expect(
      await broker.getCredential({ userId: 'alice', requirement: inboxRequirement() }),
    ).toEqual({ type: 'authorization_required' });
    await expectError(broker.confirmUser({ flowId: pending.id, userId: 'alice' }));
    errorMessages.push(JSON.stringify(await broker.listConnections({})));
    const [bobConnection] = await broker.listConnections({ userId: 'bob' });
    await broker.deleteConnection({ id: bobConnection!.id });
    await collectTokens();

    expect(errorMessages.some((message) => message.includes('invalid_client'))).toBe(true);
    expect(recorded.responseBodies.length).toBeGreaterThanOrEqual(8);
    expect(recorded.logLines.some((line) => line.includes('invalid_grant'))).toBe(true);
    // Ordinary-looking values would match by chance; real tokens and secrets are long.
    expect([...secrets].every((secret) => secret.length >= 20)).toBe(true);
    expect(secrets.size).toBeGreaterThanOrEqual(7);
    const said = [...recorded.responseBodies, ...recorded.logLines, ...errorMessages].join('\n');
    for (const secret of secrets) expect(said).not.toContain(secret);
  });
});
