import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import {
  authorizeAndConsent,
  type BrokerFixture,
  inboxRequirement,
  readInbox,
  startBrokerFixture,
} from '../../test/broker-fixture.js';
import { describeWithPostgres } from '../../test/describe-with-postgres.js';
import { PostgresStore } from '../store/postgres-store.js';

// Two engine processes on one PostgreSQL database: two stores (own pools, own LISTEN
// connections) on one schema, each with its broker and HTTP server, as behind a load balancer.

describeWithPostgres('createBroker on PostgreSQL', (url) => {
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** Two engines sharing one fresh schema, dropped afterwards. */
  async function startTwoEngines(options: { accessTokenTtlSeconds?: number } = {}) {
    const schema = `toolgrant_test_${randomBytes(6).toString('hex')}`;
    const encryptionKey = randomBytes(32);
    const open = () => PostgresStore.open({ databaseUrl: url, schema, encryptionKey });
    const stores = [await open(), await open()];
    cleanups.push(async () => {
      await Promise.all(stores.map((store) => store.close()));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    });
    const fixture: BrokerFixture = await startBrokerFixture({ stores, ...options });
    cleanups.push(() => fixture.close());
    return {
      fixture,
      stores,
      open,
      a: fixture.engines[0]!.broker,
      b: fixture.engines[1]!.broker,
    };
  }

  it('wakes a long-poll on one engine when the callback lands on the other', async () => {
    const { fixture, a, b } = await startTwoEngines();
    const authorization = await a.authorize({ userId: 'alice', requirement: inboxRequirement() });
    expect(authorization.url?.startsWith(fixture.engines[0]!.url)).toBe(true);
    let answeredAt = 0;
    const waiting = b.getStatus({ id: authorization.id, waitSeconds: 59 }).then((status) => {
      answeredAt = Date.now();
      return status;
    });
    await fixture.provider.completeConsent({
      authorizationUrl: authorization.url!,
      username: 'alice',
      password: 'alice-password',
    });
    const callbackDoneAt = Date.now();
    expect((await waiting).status).toBe('completed');
    expect(answeredAt - callbackDoneAt).toBeLessThan(1000);

    const credential = await b.getCredential({
      userId: 'alice',
      requirement: inboxRequirement(),
    });
    if (credential.type !== 'token') throw new Error('expected a token');
    expect((await readInbox(fixture.provider, credential.token)).body.user?.id).toBe('alice');
  });

  it('refreshes exactly once for 50 concurrent callers spread over both engines', async () => {
    const { fixture, stores, a, b } = await startTwoEngines({ accessTokenTtlSeconds: 1 });
    await authorizeAndConsent({ fixture, userId: 'alice' });
    const before = await stores[0]!.getCredential({ userId: 'alice', providerId: 'testkit' });
    const remaining = before!.expiresAt!.getTime() - Date.now() + 50;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, remaining)));
    fixture.provider.resetCounts();

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        (index % 2 === 0 ? a : b).getCredential({
          userId: 'alice',
          requirement: inboxRequirement(),
        }),
      ),
    );
    expect(fixture.provider.counts.refresh).toBe(1);
    expect(fixture.provider.counts.refreshFailures).toBe(0);
    const tokens = new Set(results.map((result) => (result.type === 'token' ? result.token : '')));
    expect(tokens.size).toBe(1);
    const [token] = tokens;
    expect(token).not.toBe(before!.accessToken);
    expect((await readInbox(fixture.provider, token!)).status).toBe(200);
  });

  it('answers a callback replayed at the other engine with 400, changing nothing', async () => {
    const { fixture, b } = await startTwoEngines();
    const { consent } = await authorizeAndConsent({ fixture, userId: 'alice' });
    const connectionsBefore = await b.listConnections({});
    const replay = await fetch(
      consent.redirectUrl.replace(fixture.engines[0]!.url, fixture.engines[1]!.url),
      { redirect: 'manual' },
    );
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('already handled');
    expect(await b.listConnections({})).toEqual(connectionsBefore);
  });

  it('completes a flow started before a restart of the engine that started it', async () => {
    const { fixture, stores, open } = await startTwoEngines();
    const authorization = await fixture.engines[0]!.broker.authorize({
      userId: 'bob',
      requirement: inboxRequirement(),
    });
    await stores[0]!.close();
    stores[0] = await open();
    const restarted = fixture.createEngineBroker({ store: stores[0], index: 0 });
    await fixture.provider.completeConsent({
      authorizationUrl: authorization.url!,
      username: 'bob',
      password: 'bob-password',
    });
    const credential = await restarted.getCredential({
      userId: 'bob',
      requirement: inboxRequirement(),
    });
    if (credential.type !== 'token') throw new Error('expected a token');
    expect((await readInbox(fixture.provider, credential.token)).body.user?.id).toBe('bob');
  });
});
