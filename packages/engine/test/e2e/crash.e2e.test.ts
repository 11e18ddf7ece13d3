import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import Arcade, { PermissionDeniedError } from '@arcadeai/arcadejs';
import { type ConsentResult, type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore, sqliteFileName } from '../../src/store/sqlite-store.js';
import { describeWithPostgres } from '../describe-with-postgres.js';
import { authorizeAndConsent } from './authorize-and-consent.js';
import { browserCookie } from './browser-cookie.js';
import { connectUser } from './connect-user.js';
import type { EngineProcessSettings } from './engine-process.js';
import { createEngineProcessSettings } from './engine-process-settings.js';
import { clientId, clientSecret, inboxOf, waitUntil } from './engine-under-test.js';
import { type ServerProcess, spawnServerProcess } from './spawn-server-process.js';
import { useScratchDatabase } from './use-scratch-database.js';

// The engine is SIGKILLed while the provider holds its answer to a code exchange or a refresh
// (the code is already spent, the refresh token already rotated), then started again on the
// same SQLite store, as a supervisor would restart it.

type Crashable = { settings: EngineProcessSettings; directory: string; engines: ServerProcess[] };

async function createCrashable(provider: OAuthProvider): Promise<Crashable> {
  const directory = await mkdtemp(path.join(tmpdir(), 'toolgrant-crash-'));
  return {
    directory,
    engines: [],
    settings: createEngineProcessSettings({ provider, dataDirectory: directory }),
  };
}

/** Starts an engine process on the store; its redirect URI joins the registered ones. */
async function startEngine(
  crashable: Crashable,
  provider: OAuthProvider,
): Promise<{ engine: ServerProcess; client: Arcade }> {
  const engine = await spawnServerProcess({ settings: crashable.settings });
  crashable.engines.push(engine);
  provider.addClient({
    clientId,
    clientSecret,
    redirectUris: crashable.engines.map((each) => `${each.url}/v1/oauth/callback`),
  });
  return {
    engine,
    client: new Arcade({ apiKey: crashable.settings.apiKey, baseURL: engine.url, maxRetries: 0 }),
  };
}

async function kill(engine: ServerProcess): Promise<void> {
  const exited = new Promise((resolve) => engine.child.once('exit', resolve));
  engine.child.kill('SIGKILL');
  await exited;
}

/** The store's rows as they are on disk, read behind the engine's back. */
function rows(crashable: Crashable, sql: string): Record<string, unknown>[] {
  const database = new DatabaseSync(path.join(crashable.directory, sqliteFileName), {
    readOnly: true,
  });
  try {
    return database.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    database.close();
  }
}

async function readCredential(crashable: Crashable, userId: string) {
  const store = await SqliteStore.open({
    dataDirectory: crashable.directory,
    encryptionKey: crashable.settings.encryptionKey,
  });
  try {
    const credential = await store.getCredential({ userId, providerId: 'testkit' });
    if (credential === undefined) throw new Error(`No credential stored for ${userId}.`);
    return credential;
  } finally {
    await store.close();
  }
}

/**
 * Loads the consent's callback in the consenting browser and resolves once the provider holds
 * the answer to its code exchange; `callback` settles with the response or the error.
 */
async function loadCallbackHeldAtExchange(provider: OAuthProvider, consent: ConsentResult) {
  const hold = provider.holdTokenResponse({ grantType: 'authorization_code' });
  const callback = fetch(consent.redirectUrl, {
    redirect: 'manual',
    headers: browserCookie(consent),
  }).catch((error: unknown) => error);
  await hold.held;
  return { hold, callback };
}

/** After the cut-off flow: a fresh authorization gets a new flow, completes, and the tool runs. */
async function expectFreshAuthorizationWorks({
  client,
  completionClient = client,
  provider,
  cutOffId,
}: {
  client: Arcade;
  /** The process that waits for completion and runs the tool (default: `client`'s). */
  completionClient?: Arcade;
  provider: OAuthProvider;
  cutOffId: string | undefined;
}) {
  const fresh = await connectUser({ client, provider, userId: 'alice', completionClient });
  expect(fresh.id).not.toBe(cutOffId);
  const result = await completionClient.tools.execute({
    tool_name: 'Inbox.ListMessages',
    user_id: 'alice',
  });
  expect(inboxOf(result).user.id).toBe('alice');
}

async function untilAccessTokenExpired(crashable: Crashable, userId: string): Promise<void> {
  const { expiresAt } = await readCredential(crashable, userId);
  const remaining = (expiresAt?.getTime() ?? Date.now()) - Date.now() + 50;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, remaining)));
}

/** Kills the engine while the provider holds the answer to the refresh it made. */
async function killDuringRefresh(
  crashable: Crashable,
  provider: OAuthProvider,
  running: { engine: ServerProcess; client: Arcade },
  userId: string,
) {
  await untilAccessTokenExpired(crashable, userId);
  const before = await readCredential(crashable, userId);
  const hold = provider.holdTokenResponse({ grantType: 'refresh_token' });
  const execution = running.client.tools
    .execute({ tool_name: 'Inbox.ListMessages', user_id: userId })
    .catch((error: unknown) => error);
  await hold.held;
  await kill(running.engine);
  hold.release();
  expect(await execution).toBeInstanceOf(Error);
  // The provider rotated; the store still has the old refresh token, and the attempt.
  const [connection] = rows(crashable, `SELECT * FROM connections WHERE user_id = '${userId}'`);
  expect(connection?.refresh_started_at).toEqual(expect.any(Number));
  expect((await readCredential(crashable, userId)).refreshToken).toBe(before.refreshToken);
  return before;
}

describe('an engine SIGKILLed mid-exchange and mid-refresh, restarted on its SQLite store', () => {
  let provider: OAuthProvider;
  const crashables: Crashable[] = [];

  beforeAll(async () => {
    provider = await startOAuthProvider({
      accessTokenTtlSeconds: 1,
      refreshTokenReuseGraceSeconds: 60,
    });
  });

  afterEach(async () => {
    for (const crashable of crashables.splice(0)) {
      await Promise.all(crashable.engines.map((engine) => engine.stop()));
      await rm(crashable.directory, { recursive: true, force: true });
    }
  });

  afterAll(async () => {
    await provider.close();
  });

  it('fails the flow whose code exchange was cut off, answers the wait with failed, and authorizes afresh', async () => {
    const crashable = await createCrashable(provider);
    crashables.push(crashable);
    const first = await startEngine(crashable, provider);
    const { authorization: authResponse, consent } = await authorizeAndConsent({
      client: first.client,
      provider,
      userId: 'alice',
      followCallback: false,
    });
    const waitingOnFirst = first.client.auth
      .status({ id: authResponse.id ?? '', wait: 59 })
      .catch((error: unknown) => error);
    const { hold, callback } = await loadCallbackHeldAtExchange(provider, consent);
    await kill(first.engine);
    hold.release();
    expect(await callback).toBeInstanceOf(TypeError);
    expect(await waitingOnFirst).toBeInstanceOf(Error);
    // The state is spent and the exchange marked; nothing was saved.
    const [cutOff] = rows(crashable, 'SELECT * FROM auth_flows');
    expect(cutOff).toMatchObject({
      id: authResponse.id,
      status: 'pending',
      consumed_at: expect.any(Number),
      exchange_started_at: expect.any(Number),
      held_credential_encrypted: null,
    });
    expect(rows(crashable, 'SELECT * FROM connections')).toEqual([]);

    // The application waits again, now on the restarted engine, and is told at once.
    const second = await startEngine(crashable, provider);
    const status = await second.client.auth.status({ id: authResponse.id ?? '', wait: 59 });
    expect(status.status).toBe('failed');
    expect(status.url).toBeUndefined();
    const [failed] = rows(crashable, 'SELECT * FROM auth_flows');
    expect(failed).toMatchObject({
      status: 'failed',
      failure_reason: 'code_exchange_interrupted',
      settled_at: expect.any(Number),
    });
    // The replayed callback is refused; the store stays as it is.
    const replay = await fetch(consent.redirectUrl.replace(first.engine.url, second.engine.url));
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('already handled');
    expect(rows(crashable, 'SELECT * FROM auth_flows')).toEqual([failed]);

    await expectFreshAuthorizationWorks({
      client: second.client,
      provider,
      cutOffId: authResponse.id,
    });
  }, 60_000);

  it('recovers a refresh cut off after the provider rotated: no re-authorization, the next call succeeds', async () => {
    const crashable = await createCrashable(provider);
    crashables.push(crashable);
    const first = await startEngine(crashable, provider);
    await connectUser({ client: first.client, provider, userId: 'alice' });
    const before = await killDuringRefresh(crashable, provider, first, 'alice');

    provider.resetCounts();
    const second = await startEngine(crashable, provider);
    // At start-up, while the provider's reuse grace lasts, not on the connection's next use.
    await waitUntil(
      () =>
        rows(crashable, "SELECT * FROM connections WHERE user_id = 'alice'")[0]
          ?.refresh_started_at === null,
      { description: 'the restarted engine recovered the interrupted refresh' },
    );
    // The stored, rotated-out refresh token was accepted within the provider's reuse grace.
    expect(provider.counts.refresh).toBe(1);
    expect(provider.counts.refreshFailures).toBe(0);
    const after = await readCredential(crashable, 'alice');
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.status).toBe('active');

    const result = await second.client.tools.execute({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
    });
    expect(inboxOf(result).user.id).toBe('alice');
    // And the chain goes on: the token saved is the provider's current one.
    await untilAccessTokenExpired(crashable, 'alice');
    const later = await second.client.tools.execute({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
    });
    expect(inboxOf(later).user.id).toBe('alice');
    expect(provider.counts.refreshFailures).toBe(0);
  });
});

describe('an engine SIGKILLed mid-refresh at a provider without a reuse grace', () => {
  let provider: OAuthProvider;
  let crashable: Crashable;

  beforeAll(async () => {
    provider = await startOAuthProvider({ accessTokenTtlSeconds: 1 });
    crashable = await createCrashable(provider);
  });

  afterAll(async () => {
    await Promise.all(crashable.engines.map((engine) => engine.stop()));
    await rm(crashable.directory, { recursive: true, force: true });
    await provider.close();
  }, 60_000);

  it('answers authorization required, marks the connection, and a new authorization works', async () => {
    const first = await startEngine(crashable, provider);
    await connectUser({ client: first.client, provider, userId: 'bob' });
    await killDuringRefresh(crashable, provider, first, 'bob');

    const second = await startEngine(crashable, provider);
    const refused = await second.client.tools
      .execute({ tool_name: 'Inbox.ListMessages', user_id: 'bob' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PermissionDeniedError);
    expect((refused as PermissionDeniedError).status).toBe(403);
    expect((refused as PermissionDeniedError).message).toContain('authoriz');
    const [connection] = rows(crashable, "SELECT * FROM connections WHERE user_id = 'bob'");
    expect(connection).toMatchObject({
      status: 'needs_reauthorization',
      refresh_started_at: null,
    });

    await connectUser({ client: second.client, provider, userId: 'bob' });
    await waitUntil(async () => (await readCredential(crashable, 'bob')).status === 'active', {
      description: "bob's connection is active again",
    });
    const result = await second.client.tools.execute({
      tool_name: 'Inbox.ListMessages',
      user_id: 'bob',
    });
    expect(inboxOf(result).user.id).toBe('bob');
  });
});

describeWithPostgres(
  'an engine SIGKILLed mid-exchange beside another on PostgreSQL',
  (databaseUrl) => {
    const database = useScratchDatabase({ serverUrl: databaseUrl, namePrefix: 'toolgrant_crash' });
    let provider: OAuthProvider;
    let crashable: Crashable;

    beforeAll(async () => {
      provider = await startOAuthProvider();
      crashable = await createCrashable(provider);
      crashable.settings = { ...crashable.settings, databaseUrl: database.url };
    }, 60_000);

    afterAll(async () => {
      await Promise.all(crashable.engines.map((engine) => engine.stop()));
      await rm(crashable.directory, { recursive: true, force: true });
      await provider?.close();
    });

    it('wakes a long-poll waiting on the other process with failed, and the restarted engine authorizes afresh', async () => {
      const a = await startEngine(crashable, provider);
      const b = await startEngine(crashable, provider);
      const { authorization: authResponse, consent } = await authorizeAndConsent({
        client: a.client,
        provider,
        userId: 'alice',
        followCallback: false,
      });
      const { hold, callback } = await loadCallbackHeldAtExchange(provider, consent);
      // B waits on the flow while A exchanges its code: pending, for now.
      let answered = false;
      const waitingOnB = b.client.auth
        .status({ id: authResponse.id ?? '', wait: 59 })
        .finally(() => {
          answered = true;
        });
      expect((await b.client.auth.status({ id: authResponse.id ?? '' })).status).toBe('pending');
      expect(answered).toBe(false);

      await kill(a.engine);
      hold.release();
      expect(await callback).toBeInstanceOf(TypeError);
      // Told by B itself, before A comes back: its lock died with its connection.
      const status = await waitingOnB;
      expect(status.status).toBe('failed');
      const flows = await database.query(
        'SELECT status, failure_reason FROM auth_flows WHERE id = $1',
        [authResponse.id],
      );
      expect(flows).toEqual([{ status: 'failed', failure_reason: 'code_exchange_interrupted' }]);

      const restarted = await startEngine(crashable, provider);
      expect((await restarted.client.auth.status({ id: authResponse.id ?? '' })).status).toBe(
        'failed',
      );
      await expectFreshAuthorizationWorks({
        client: restarted.client,
        completionClient: b.client,
        provider,
        cutOffId: authResponse.id,
      });
    }, 60_000);
  },
);
