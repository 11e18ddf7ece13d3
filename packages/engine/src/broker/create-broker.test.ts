import { CookieJar } from '@toolgrant/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  authorizeAndConsent,
  type BrokerFixture,
  clientSecret,
  createRecordingLogger,
  inboxRequirement,
  readInbox,
  startBrokerFixture,
  testkitProvider,
} from '../../test/broker-fixture.js';
import { createSqliteTestStore } from '../../test/sqlite-test-store.js';
import { apiErrorOf } from '../http/api-error-of.js';
import { InvalidEngineOptionsError } from '../shared/invalid-engine-options-error.js';
import type { Store } from '../store/store.js';
import { AuthorizationNotFoundError } from './authorization-not-found-error.js';
import { AuthorizationNotPendingError } from './authorization-not-pending-error.js';
import { AuthorizationNotReadyError } from './authorization-not-ready-error.js';
import { createBroker, type UserVerification } from './create-broker.js';
import { ProviderNotConfiguredError } from './provider-not-configured-error.js';
import { ProviderTypeMismatchError } from './provider-type-mismatch-error.js';
import { TokenRefreshTimeoutError } from './token-refresh-timeout-error.js';
import { UserMismatchError } from './user-mismatch-error.js';

// The broker against the real testkit provider on a SQLite store: authorization, scopes,
// refresh, re-authorization, long-poll, user verification, restart, connections and secrets.

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

describe('createBroker', () => {
  it('authorizes a user end to end: PKCE link, consent, completed, a token the inbox API accepts', async () => {
    const { broker, provider, engines } = await start();
    const authorization = await broker.authorize({
      userId: 'alice',
      requirement: inboxRequirement(),
    });
    expect(authorization).toMatchObject({
      status: 'pending',
      providerId: 'testkit',
      scopes: ['inbox.read'],
      userId: 'alice',
    });
    expect(authorization.url).toBe(`${engines[0]!.url}/v1/oauth/start/${authorization.id}`);

    // The engine link redirects to the provider with S256 PKCE and the exact redirect URI,
    // and binds the flow to this browser (its cookie jar).
    const browser = new CookieJar();
    const startLink = await fetch(authorization.url!, { redirect: 'manual' });
    browser.store({ url: new URL(authorization.url!), response: startLink });
    const providerUrl = new URL(startLink.headers.get('location')!);
    expect(providerUrl.origin + providerUrl.pathname).toBe(provider.authorizationEndpoint);
    expect(providerUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(providerUrl.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(providerUrl.searchParams.get('redirect_uri')).toBe(broker.redirectUri);
    expect(providerUrl.searchParams.get('scope')).toBe('inbox.read');

    const consent = await provider.completeConsent({
      authorizationUrl: authorization.url!,
      username: 'alice',
      password: 'alice-password',
      cookieJar: browser,
    });
    expect(consent.callback?.status).toBe(200);
    expect(consent.callback?.body).toContain('You can close this window');

    expect((await broker.getStatus({ id: authorization.id, waitSeconds: 0 })).status).toBe(
      'completed',
    );
    const credential = await broker.getCredential({
      userId: 'alice',
      requirement: inboxRequirement(),
    });
    if (credential.type !== 'token') throw new Error('expected a token');
    const inbox = await readInbox(provider, credential.token);
    expect(inbox.status).toBe(200);
    expect(inbox.body.user?.id).toBe('alice');
    expect(await broker.getTokenStatus({ userId: 'alice', requirement: inboxRequirement() })).toBe(
      'completed',
    );

    // Authorized already: completed at once, and its id answers status too.
    const again = await broker.authorize({ userId: 'alice', requirement: inboxRequirement() });
    expect(again.status).toBe('completed');
    expect(again.url).toBeUndefined();
    expect((await broker.getStatus({ id: again.id, waitSeconds: 5 })).status).toBe('completed');
  });

  it('gives a second user their own authorization and token', async () => {
    const { broker, provider } = await start();
    await authorizeAndConsent({ fixture, userId: 'alice' });
    const bobAuthorization = await broker.authorize({
      userId: 'bob',
      requirement: inboxRequirement(),
    });
    expect(bobAuthorization.status).toBe('pending');
    expect(await broker.getCredential({ userId: 'bob', requirement: inboxRequirement() })).toEqual({
      type: 'authorization_required',
    });
    await provider.completeConsent({
      authorizationUrl: bobAuthorization.url!,
      username: 'bob',
      password: 'bob-password',
    });
    const alice = await broker.getCredential({ userId: 'alice', requirement: inboxRequirement() });
    const bob = await broker.getCredential({ userId: 'bob', requirement: inboxRequirement() });
    if (alice.type !== 'token' || bob.type !== 'token') throw new Error('expected tokens');
    expect(alice.token).not.toBe(bob.token);
    expect((await readInbox(provider, alice.token)).body.user?.id).toBe('alice');
    expect((await readInbox(provider, bob.token)).body.user?.id).toBe('bob');
  });

  it('accumulates scopes: a user who granted inbox.read consents to inbox.read and inbox.send', async () => {
    const { broker, provider } = await start();
    await authorizeAndConsent({ fixture, userId: 'alice', scopes: ['inbox.read'] });
    expect(
      await broker.getCredential({
        userId: 'alice',
        requirement: inboxRequirement(['inbox.send']),
      }),
    ).toEqual({ type: 'authorization_required' });

    const wider = await broker.authorize({
      userId: 'alice',
      requirement: inboxRequirement(['inbox.send']),
    });
    expect(wider.status).toBe('pending');
    expect(wider.scopes).toEqual(['inbox.read', 'inbox.send']);
    const browser = new CookieJar();
    const startLink = await fetch(wider.url!, { redirect: 'manual' });
    browser.store({ url: new URL(wider.url!), response: startLink });
    expect(new URL(startLink.headers.get('location')!).searchParams.get('scope')).toBe(
      'inbox.read inbox.send',
    );
    await provider.completeConsent({
      authorizationUrl: wider.url!,
      username: 'alice',
      password: 'alice-password',
      cookieJar: browser,
    });

    const [connection] = await broker.listConnections({ userId: 'alice' });
    expect(connection?.scopes).toEqual(expect.arrayContaining(['inbox.read', 'inbox.send']));
    const credential = await broker.getCredential({
      userId: 'alice',
      requirement: inboxRequirement(['inbox.read', 'inbox.send']),
    });
    if (credential.type !== 'token') throw new Error('expected a token');
    expect((await readInbox(provider, credential.token)).status).toBe(200);
    const sent = await fetch(provider.sendUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: 'bob@example.com', subject: 'Hi', body: 'Both scopes' }),
    });
    expect(sent.status).toBe(201);
  });

  it('refreshes an expired token exactly once for 50 concurrent callers', async () => {
    const { broker, provider } = await start({ accessTokenTtlSeconds: 1 });
    await authorizeAndConsent({ fixture, userId: 'alice' });
    const before = await store.getCredential({ userId: 'alice', providerId: 'testkit' });
    await waitUntilExpired(before!.expiresAt!);
    provider.resetCounts();

    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        broker.getCredential({ userId: 'alice', requirement: inboxRequirement() }),
      ),
    );
    expect(provider.counts.refresh).toBe(1);
    const tokens = new Set(results.map((result) => (result.type === 'token' ? result.token : '')));
    expect(tokens.size).toBe(1);
    const [token] = tokens;
    expect(token).not.toBe(before!.accessToken);
    expect((await readInbox(provider, token!)).status).toBe(200);
  });

  it('answers 504 when the provider is slower than the caller waits, and saves its late answer', async () => {
    const { provider, engines, logger } = await start({ accessTokenTtlSeconds: 1 });
    await authorizeAndConsent({ fixture, userId: 'alice' });
    const before = await store.getCredential({ userId: 'alice', providerId: 'testkit' });
    await waitUntilExpired(before!.expiresAt!);
    const impatient = createBroker({
      store,
      providers: [testkitProvider(provider)],
      baseUrl: engines[0]!.url,
      userVerification: { mode: 'dev' },
      logger,
      refreshTimeouts: { answerMs: 50 },
    });
    provider.resetCounts();
    const hold = provider.holdTokenResponse({ grantType: 'refresh_token' });

    const refused = await impatient
      .getCredential({ userId: 'alice', requirement: inboxRequirement() })
      .catch((error: unknown) => error);
    expect(TokenRefreshTimeoutError.isInstance(refused)).toBe(true);
    expect(apiErrorOf(refused)).toMatchObject({ status: 504, code: 'provider_refresh_timeout' });
    expect((refused as TokenRefreshTimeoutError).message).toBe(
      "The provider 'testkit' did not answer the token refresh within 50 ms. The engine keeps waiting for its answer and saves it when it comes; try again in a minute.",
    );
    await hold.held;
    // The provider has rotated; its answer is still on the way, and the attempt on record.
    const during = await store.getCredential({ userId: 'alice', providerId: 'testkit' });
    expect(during?.refreshStartedAt).toBeInstanceOf(Date);
    expect(during?.refreshToken).toBe(before!.refreshToken);

    hold.release();
    await expect
      .poll(
        async () =>
          (await store.getCredential({ userId: 'alice', providerId: 'testkit' }))?.refreshToken,
      )
      .not.toBe(before!.refreshToken);
    const after = await impatient.getCredential({
      userId: 'alice',
      requirement: inboxRequirement(),
    });
    expect(after.type).toBe('token');
    expect((await readInbox(provider, after.type === 'token' ? after.token : '')).status).toBe(200);
    expect(provider.counts.refresh).toBe(1);
    expect(
      (await store.getCredential({ userId: 'alice', providerId: 'testkit' }))?.refreshStartedAt,
    ).toBeUndefined();
  });

  it('answers authorization_required and marks the connection when the provider rejects the refresh token', async () => {
    const { broker, provider } = await start({ accessTokenTtlSeconds: 1 });
    await authorizeAndConsent({ fixture, userId: 'alice' });
    const before = await store.getCredential({ userId: 'alice', providerId: 'testkit' });
    expect(provider.revokeRefreshTokens({ userId: 'alice' })).toBeGreaterThan(0);
    await waitUntilExpired(before!.expiresAt!);

    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        broker.getCredential({ userId: 'alice', requirement: inboxRequirement() }),
      ),
    );
    expect(results).toEqual(Array(5).fill({ type: 'authorization_required' }));
    expect(provider.counts.refreshFailures).toBe(1);
    const [connection] = await broker.listConnections({ userId: 'alice' });
    expect(connection?.status).toBe('needs_reauthorization');
    expect(await broker.getTokenStatus({ userId: 'alice', requirement: inboxRequirement() })).toBe(
      'not_started',
    );
    // No refresh is attempted again for a connection that needs re-authorization.
    await broker.getCredential({ userId: 'alice', requirement: inboxRequirement() });
    expect(provider.counts.refreshFailures).toBe(1);

    const again = await broker.authorize({ userId: 'alice', requirement: inboxRequirement() });
    expect(again.status).toBe('pending');
    await provider.completeConsent({
      authorizationUrl: again.url!,
      username: 'alice',
      password: 'alice-password',
    });
    expect((await broker.listConnections({ userId: 'alice' }))[0]?.status).toBe('active');
  });

  it('long-polls: status wakes the moment the callback completes the flow', async () => {
    const { broker, provider } = await start();
    const authorization = await broker.authorize({
      userId: 'alice',
      requirement: inboxRequirement(),
    });
    let answeredAt = 0;
    const waiting = broker.getStatus({ id: authorization.id, waitSeconds: 59 }).then((status) => {
      answeredAt = Date.now();
      return status;
    });
    await provider.completeConsent({
      authorizationUrl: authorization.url!,
      username: 'alice',
      password: 'alice-password',
    });
    const callbackDoneAt = Date.now();
    expect((await waiting).status).toBe('completed');
    // Event-driven: answered right after the callback, far within the 59 s wait.
    expect(answeredAt - callbackDoneAt).toBeLessThan(1000);
  });

  it('long-polls: a denied consent wakes the wait with failed', async () => {
    const { broker, provider } = await start();
    const authorization = await broker.authorize({
      userId: 'alice',
      requirement: inboxRequirement(),
    });
    const waiting = broker.getStatus({ id: authorization.id, waitSeconds: 59 });
    await provider.completeConsent({
      authorizationUrl: authorization.url!,
      username: 'alice',
      password: 'alice-password',
      approve: false,
    });
    expect((await waiting).status).toBe('failed');
  });

  it('long-polls: bounded by waitSeconds and by the abort signal', async () => {
    const { broker } = await start();
    const authorization = await broker.authorize({
      userId: 'alice',
      requirement: inboxRequirement(),
    });
    const startedAt = Date.now();
    expect((await broker.getStatus({ id: authorization.id, waitSeconds: 1 })).status).toBe(
      'pending',
    );
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);

    const controller = new AbortController();
    const abortedAt = Date.now();
    const waiting = broker.getStatus({
      id: authorization.id,
      waitSeconds: 59,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    expect((await waiting).status).toBe('pending');
    // Far sooner than the 59 s it asked for.
    expect(Date.now() - abortedAt).toBeLessThan(10_000);

    await expect(broker.getStatus({ id: 'no-such-flow', waitSeconds: 5 })).rejects.toSatisfy(
      (error) => AuthorizationNotFoundError.isInstance(error) && apiErrorOf(error)?.status === 404,
    );
  });

  it('completes a flow started before a restart: a new broker on the reopened store', async () => {
    const { provider, broker: before } = await start();
    const authorization = await before.authorize({
      userId: 'alice',
      requirement: inboxRequirement(),
    });
    await store.close();
    store = await location.open();
    const after = fixture.createEngineBroker({ store });

    await provider.completeConsent({
      authorizationUrl: authorization.url!,
      username: 'alice',
      password: 'alice-password',
    });
    expect((await after.getStatus({ id: authorization.id, waitSeconds: 0 })).status).toBe(
      'completed',
    );
    const credential = await after.getCredential({
      userId: 'alice',
      requirement: inboxRequirement(),
    });
    if (credential.type !== 'token') throw new Error('expected a token');
    expect((await readInbox(provider, credential.token)).body.user?.id).toBe('alice');
  });

  it('lists connections and deletes one, revoking its grant at the provider', async () => {
    const { broker, provider } = await start();
    await authorizeAndConsent({ fixture, userId: 'alice' });
    await authorizeAndConsent({ fixture, userId: 'bob' });
    const token = await broker.getCredential({ userId: 'alice', requirement: inboxRequirement() });
    if (token.type !== 'token') throw new Error('expected a token');

    const listed = await broker.listConnections({});
    expect(listed.map(({ userId, status }) => [userId, status])).toEqual([
      ['alice', 'active'],
      ['bob', 'active'],
    ]);
    const alice = listed.find((connection) => connection.userId === 'alice')!;
    provider.resetCounts();
    expect(await broker.deleteConnection({ id: alice.id })).toBe(true);
    expect(provider.counts.revocations).toBe(1);
    // Revoking the refresh token ended the grant: the access token no longer works either.
    expect((await readInbox(provider, token.token)).status).toBe(401);
    expect((await broker.listConnections({})).map(({ userId }) => userId)).toEqual(['bob']);
    expect(await broker.deleteConnection({ id: alice.id })).toBe(false);
    expect(await broker.deleteConnection({ id: 'not-an-id' })).toBe(false);
  });

  it('rejects an unknown provider and a provider type mismatch with errors naming them', async () => {
    const { broker } = await start();
    await expect(
      broker.authorize({
        userId: 'alice',
        requirement: { providerId: 'gitlab', providerType: 'oauth2', scopes: [] },
      }),
    ).rejects.toSatisfy(
      (error) =>
        ProviderNotConfiguredError.isInstance(error) &&
        apiErrorOf(error)?.code === 'provider_not_configured' &&
        error.message.includes("'gitlab'") &&
        error.message.includes('testkit, weather'),
    );
    await expect(
      broker.getCredential({
        userId: 'alice',
        requirement: { providerId: 'testkit', providerType: 'api_key', scopes: [] },
      }),
    ).rejects.toSatisfy(
      (error) =>
        ProviderTypeMismatchError.isInstance(error) &&
        apiErrorOf(error)?.code === 'provider_type_mismatch',
    );
  });

  it('keeps secrets: a user value over the engine-wide one, keys listed without values', async () => {
    const { broker } = await start();
    await broker.secrets.setSecret({ key: 'WEATHER_KEY', value: 'engine-wide-value' });
    const saved = await broker.secrets.setSecret({
      key: 'WEATHER_KEY',
      value: 'alice-value',
      userId: 'alice',
    });
    expect(saved).toMatchObject({ key: 'WEATHER_KEY', userId: 'alice' });
    expect(
      await broker.secrets.getSecrets({ keys: ['WEATHER_KEY', 'MISSING'], userId: 'alice' }),
    ).toEqual({
      WEATHER_KEY: 'alice-value',
      MISSING: undefined,
    });
    expect(await broker.secrets.getSecrets({ keys: ['WEATHER_KEY'], userId: 'bob' })).toEqual({
      WEATHER_KEY: 'engine-wide-value',
    });
    const listed = await broker.secrets.listSecrets({ userId: 'alice' });
    expect(listed.map(({ key, userId }) => [key, userId])).toEqual([
      ['WEATHER_KEY', undefined],
      ['WEATHER_KEY', 'alice'],
    ]);
    expect(JSON.stringify(listed)).not.toContain('value');
    expect(await broker.secrets.deleteSecret({ key: 'WEATHER_KEY', userId: 'alice' })).toBe(true);
    expect(await broker.secrets.deleteSecret({ key: 'WEATHER_KEY', userId: 'alice' })).toBe(false);
    expect(await broker.secrets.getSecrets({ keys: ['WEATHER_KEY'], userId: 'alice' })).toEqual({
      WEATHER_KEY: 'engine-wide-value',
    });
  });
});

describe('createBroker user verification', () => {
  const verifierUrl = 'https://app.example/verify?from=toolgrant';

  it('sends the browser to the verifier and completes only on confirm_user with the same user', async () => {
    const { broker, provider } = await start({ userVerification: { verifierUrl } });
    const authorization = await broker.authorize({
      userId: 'alice',
      requirement: inboxRequirement(),
      nextUri: 'https://app.example/chat',
    });
    await expect(
      broker.confirmUser({ flowId: authorization.id, userId: 'alice' }),
    ).rejects.toSatisfy(
      (error) =>
        AuthorizationNotReadyError.isInstance(error) &&
        apiErrorOf(error)?.code === 'authorization_not_ready',
    );
    const { callback } = await provider.completeConsent({
      authorizationUrl: authorization.url!,
      username: 'alice',
      password: 'alice-password',
    });
    expect(callback?.status).toBe(302);
    const verifier = new URL(callback!.location!);
    expect(verifier.origin + verifier.pathname).toBe('https://app.example/verify');
    expect(verifier.searchParams.get('from')).toBe('toolgrant');
    expect(verifier.searchParams.get('flow_id')).toBe(authorization.id);

    // Held, not usable, until the application confirms.
    expect((await broker.getStatus({ id: authorization.id, waitSeconds: 0 })).status).toBe(
      'pending',
    );
    expect(
      await broker.getCredential({ userId: 'alice', requirement: inboxRequirement() }),
    ).toEqual({ type: 'authorization_required' });
    expect(await broker.listConnections({})).toEqual([]);

    const waiting = broker.getStatus({ id: authorization.id, waitSeconds: 59 });
    expect(await broker.confirmUser({ flowId: authorization.id, userId: 'alice' })).toEqual({
      authorizationId: authorization.id,
      nextUri: 'https://app.example/chat',
    });
    expect((await waiting).status).toBe('completed');
    const credential = await broker.getCredential({
      userId: 'alice',
      requirement: inboxRequirement(),
    });
    if (credential.type !== 'token') throw new Error('expected a token');
    expect((await readInbox(provider, credential.token)).body.user?.id).toBe('alice');
  });

  it('fails the flow and stores nothing when confirm_user names another user', async () => {
    const { broker, provider } = await start({ userVerification: { verifierUrl } });
    const authorization = await broker.authorize({
      userId: 'alice',
      requirement: inboxRequirement(),
    });
    await provider.completeConsent({
      authorizationUrl: authorization.url!,
      username: 'alice',
      password: 'alice-password',
    });
    const before = location.snapshot();

    await expect(
      broker.confirmUser({ flowId: authorization.id, userId: 'mallory' }),
    ).rejects.toSatisfy(
      (error) =>
        UserMismatchError.isInstance(error) &&
        apiErrorOf(error)?.status === 400 &&
        apiErrorOf(error)?.code === 'user_mismatch' &&
        error.message.includes('nothing was stored'),
    );
    const after = location.snapshot();
    expect(after.connections).toEqual([]);
    expect(after.secrets).toEqual(before.secrets);
    const [flowBefore] = before.auth_flows;
    const [flowAfter] = after.auth_flows;
    expect(flowBefore?.held_credential_encrypted).not.toBeNull();
    expect(flowAfter).toEqual({
      ...flowBefore,
      status: 'failed',
      failure_reason: 'user_mismatch',
      settled_at: flowAfter?.settled_at,
      held_credential_encrypted: null,
    });
    expect((await broker.getStatus({ id: authorization.id, waitSeconds: 0 })).status).toBe(
      'failed',
    );
    // The right user cannot complete it afterwards either.
    await expect(
      broker.confirmUser({ flowId: authorization.id, userId: 'alice' }),
    ).rejects.toSatisfy(
      (error) =>
        AuthorizationNotPendingError.isInstance(error) &&
        apiErrorOf(error)?.code === 'authorization_not_pending',
    );
    await expect(broker.confirmUser({ flowId: 'unknown', userId: 'alice' })).rejects.toSatisfy(
      (error) => AuthorizationNotFoundError.isInstance(error) && apiErrorOf(error)?.status === 404,
    );
  });
});

describe('createBroker options', () => {
  it('warns once in dev mode and rejects a bad baseUrl or verifier URL', async () => {
    const recorded = { logLines: [] as string[], responseBodies: [] as string[] };
    const logger = createRecordingLogger(recorded);
    createBroker({
      store,
      providers: [],
      baseUrl: 'http://127.0.0.1:4100/',
      userVerification: { mode: 'dev' },
      logger,
    });
    expect(recorded.logLines.filter((line) => line.startsWith('warn'))).toHaveLength(1);
    expect(recorded.logLines[0]).toContain('dev mode');

    const verified = createBroker({
      store,
      providers: [],
      baseUrl: 'http://127.0.0.1:4100/',
      userVerification: { verifierUrl: 'https://app.example/verify' },
      logger,
    });
    expect(recorded.logLines).toHaveLength(1);
    expect(verified.redirectUri).toBe('http://127.0.0.1:4100/v1/oauth/callback');

    expect(() =>
      createBroker({
        store,
        providers: [],
        baseUrl: 'localhost:4100',
        userVerification: { mode: 'dev' },
      }),
    ).toThrow(InvalidEngineOptionsError);
    expect(() =>
      createBroker({
        store,
        providers: [],
        baseUrl: 'http://127.0.0.1:4100',
        userVerification: { verifierUrl: '/verify' },
      }),
    ).toThrow(/userVerification must be/);
  });

  it('never shows the client secret in a provider configuration error', () => {
    expect(() =>
      createBroker({
        store,
        providers: [
          {
            id: 'testkit',
            type: 'oauth2',
            clientId: 'id',
            clientSecret,
            authorizeUrl: 'ftp://nope',
            tokenUrl: 'https://example.com/token',
          },
        ],
        baseUrl: 'http://127.0.0.1:4100',
        userVerification: { verifierUrl: 'https://app.example/verify' },
      }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining(clientSecret) }));
  });
});

async function waitUntilExpired(expiresAt: Date): Promise<void> {
  const remaining = expiresAt.getTime() - Date.now() + 50;
  if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
}
