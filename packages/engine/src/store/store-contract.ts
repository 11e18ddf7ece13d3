// The behaviour every `Store` must have, run against each implementation by its own test file.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DecryptionFailedError } from '../crypto/decryption-failed-error.js';
import { EncryptionKeyMismatchError } from './encryption-key-mismatch-error.js';
import { FlowNotPendingError } from './flow-not-pending-error.js';
import { migrations } from './migrations.js';
import type { CreateAuthFlowInput, RuntimeWorker, Store } from './store.js';
import { UnstorableTextError } from './unstorable-text-error.js';

export type StoreContractLocation = {
  open(options: { encryptionKey: Uint8Array }): Promise<Store>;
  /** Every stored row (and for a file, every byte) as text, to search for plaintext. */
  readRaw(): Promise<string>;
  /** Runs SQL on the database directly, behind the store's back. */
  runSql(sql: string): Promise<Record<string, unknown>[]>;
  destroy(): Promise<void>;
};

export type StoreContractHarness = {
  /** A new, empty database. */
  createLocation(): Promise<StoreContractLocation>;
  /** Two stores opened on one location act like two engine processes (PostgreSQL). */
  sharedAcrossProcesses: boolean;
};

const flowInput: CreateAuthFlowInput = {
  userId: 'user-a@example.com',
  providerId: 'testkit',
  providerType: 'oauth2',
  scopes: ['inbox.read'],
  pkceVerifier: 'pkce-verifier-7f3a9c2e1b4d6f8a0c2e4b6d8f0a1c3e5b7d9f1a3c5e',
  redirectUri: 'http://127.0.0.1:9099/v1/oauth/callback',
  nextUri: 'http://app.example/done',
};

const tokens = {
  accessToken: 'access-token-PLAINTEXT-5d1f0c',
  refreshToken: 'refresh-token-PLAINTEXT-9b2e7a',
  apiKey: 'api-key-PLAINTEXT-3c8d4f',
  secret: 'secret-value-PLAINTEXT-6e0a2b',
  workerSecret: 'worker-secret-PLAINTEXT-8a4c1e',
};

const runtimeWorker: RuntimeWorker = {
  id: 'github-tools',
  url: 'http://127.0.0.1:8002',
  secret: tokens.workerSecret,
  timeoutMs: 30_000,
  retry: { attempts: 3, backoffMs: 100 },
  healthCheckIntervalMs: 10_000,
  enabled: true,
  toolkits: ['github'],
};

export function describeStoreContract(name: string, harness: StoreContractHarness): void {
  describe(`${name} — Store contract`, () => {
    let location: StoreContractLocation;
    let encryptionKey: Uint8Array;
    let store: Store;
    const opened: Store[] = [];

    async function open(key: Uint8Array = encryptionKey): Promise<Store> {
      const next = await location.open({ encryptionKey: key });
      opened.push(next);
      return next;
    }

    async function reopen(): Promise<Store> {
      await store.close();
      store = await open();
      return store;
    }

    beforeEach(async () => {
      location = await harness.createLocation();
      encryptionKey = randomBytes(32);
      store = await open();
    });

    afterEach(async () => {
      for (const each of opened.splice(0)) await each.close().catch(() => {});
      await location.destroy();
    });

    describe('authorization flows', () => {
      it('creates a pending flow that expires in ten minutes and finds it by id', async () => {
        const before = Date.now();
        const flow = await store.createFlow(flowInput);
        expect(flow).toMatchObject({
          ...flowInput,
          status: 'pending',
          failureReason: undefined,
          consumedAt: undefined,
          awaitingConfirmation: false,
          browserBindingHash: undefined,
          settledAt: undefined,
        });
        expect(flow.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(flow.expiresAt.getTime() - before).toBeGreaterThanOrEqual(10 * 60 * 1000 - 50);
        expect(flow.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60 * 1000);
        expect(await store.findFlow(flow.id)).toEqual(flow);
        expect(await store.findFlow('no-such-flow')).toBeUndefined();
      });

      it('gives every flow its own id and state', async () => {
        const flows = await Promise.all(
          Array.from({ length: 20 }, () => store.createFlow(flowInput)),
        );
        expect(new Set(flows.map((flow) => flow.id)).size).toBe(20);
        expect(new Set(flows.map((flow) => flow.state)).size).toBe(20);
      });

      it('runs a flow from pending through a consumed state to completed with a connection', async () => {
        const flow = await store.createFlow(flowInput);
        const result = await store.consumeState(flow.state);
        expect(result.outcome).toBe('consumed');
        if (result.outcome !== 'consumed') return;
        expect(result.flow.id).toBe(flow.id);
        expect(result.flow.pkceVerifier).toBe(flowInput.pkceVerifier);
        expect(result.flow.consumedAt).toBeInstanceOf(Date);

        const connection = await store.completeFlow({
          flowId: flow.id,
          credential: {
            scopes: ['inbox.read'],
            accessToken: tokens.accessToken,
            refreshToken: tokens.refreshToken,
            tokenType: 'Bearer',
            expiresAt: new Date(Date.now() + 3_600_000),
          },
        });
        expect(connection).toMatchObject({
          userId: flowInput.userId,
          providerId: 'testkit',
          scopes: ['inbox.read'],
          status: 'active',
          hasRefreshToken: true,
        });
        const completed = await store.findFlow(flow.id);
        expect(completed?.status).toBe('completed');
        expect(completed?.settledAt).toBeInstanceOf(Date);
        const credential = await store.getCredential(flowInput);
        expect(credential?.accessToken).toBe(tokens.accessToken);
        expect(credential?.refreshToken).toBe(tokens.refreshToken);
      });

      it('accepts a state once: a replay changes nothing', async () => {
        const flow = await store.createFlow(flowInput);
        await store.consumeState(flow.state);
        const afterFirst = await store.findFlow(flow.id);
        expect(await store.consumeState(flow.state)).toEqual({
          outcome: 'already_used',
          flowId: flow.id,
        });
        expect(await store.findFlow(flow.id)).toEqual(afterFirst);
      });

      it('lets exactly one of 25 concurrent callbacks with one state consume it', async () => {
        const flow = await store.createFlow(flowInput);
        const results = await Promise.all(
          Array.from({ length: 25 }, () => store.consumeState(flow.state)),
        );
        expect(results.filter((result) => result.outcome === 'consumed')).toHaveLength(1);
        expect(results.filter((result) => result.outcome === 'already_used')).toHaveLength(24);
      });

      it('refuses an expired state and leaves the flow as it was', async () => {
        const flow = await store.createFlow({ ...flowInput, expiresAt: new Date(Date.now() - 1) });
        expect(await store.consumeState(flow.state)).toEqual({
          outcome: 'expired',
          flowId: flow.id,
        });
        expect(await store.findFlow(flow.id)).toEqual(flow);
      });

      it('answers unknown for a state it never issued', async () => {
        await store.createFlow(flowInput);
        expect(await store.consumeState('forged-state')).toEqual({ outcome: 'unknown' });
        expect(await store.consumeState('')).toEqual({ outcome: 'unknown' });
      });

      it('fails a pending flow once, and a failed flow neither completes nor accepts its state', async () => {
        const flow = await store.createFlow(flowInput);
        expect(await store.failFlow({ flowId: flow.id, reason: 'access_denied' })).toBe(true);
        expect(await store.failFlow({ flowId: flow.id, reason: 'again' })).toBe(false);
        const failed = await store.findFlow(flow.id);
        expect(failed).toMatchObject({ status: 'failed', failureReason: 'access_denied' });
        expect(await store.consumeState(flow.state)).toEqual({
          outcome: 'already_used',
          flowId: flow.id,
        });
        const completing = store.completeFlow({
          flowId: flow.id,
          credential: { scopes: [], accessToken: tokens.accessToken },
        });
        await expect(completing).rejects.toSatisfy(
          (error) => FlowNotPendingError.isInstance(error) && error.status === 'failed',
        );
        expect(await store.findFlow(flow.id)).toEqual(failed);
        expect(await store.listConnections({ userId: flowInput.userId })).toEqual([]);
      });

      it('refuses to complete a flow it does not know, naming it', async () => {
        await expect(
          store.completeFlow({ flowId: 'missing', credential: { scopes: [], accessToken: 'x' } }),
        ).rejects.toThrow(/no authorization flow 'missing'/);
      });

      it('holds a credential until confirmation and stores it only on completion', async () => {
        const flow = await store.createFlow(flowInput);
        await store.consumeState(flow.state);
        await store.holdFlowCredential({
          flowId: flow.id,
          credential: { scopes: ['inbox.read'], accessToken: tokens.accessToken },
        });
        expect((await store.findFlow(flow.id))?.awaitingConfirmation).toBe(true);
        expect(await store.getCredential(flowInput)).toBeUndefined();
        expect(await location.readRaw()).not.toContain(tokens.accessToken);

        await store.completeFlow({ flowId: flow.id });
        expect((await store.findFlow(flow.id))?.awaitingConfirmation).toBe(false);
        expect((await store.getCredential(flowInput))?.accessToken).toBe(tokens.accessToken);
      });

      it('drops a held credential when the flow fails (a user mismatch stores nothing)', async () => {
        const flow = await store.createFlow(flowInput);
        await store.holdFlowCredential({
          flowId: flow.id,
          credential: { scopes: ['inbox.read'], accessToken: tokens.accessToken },
        });
        await store.failFlow({ flowId: flow.id, reason: 'user mismatch' });
        expect(await store.findFlow(flow.id)).toMatchObject({
          status: 'failed',
          awaitingConfirmation: false,
        });
        expect(await store.listConnections({})).toEqual([]);
        await expect(
          store.holdFlowCredential({
            flowId: flow.id,
            credential: { scopes: [], accessToken: 'x' },
          }),
        ).rejects.toSatisfy(FlowNotPendingError.isInstance);
      });

      it('binds a flow to the first browser only; a later binding never replaces it', async () => {
        const flow = await store.createFlow(flowInput);
        const first = 'a'.repeat(64);
        const second = 'b'.repeat(64);
        expect(
          await store.bindFlowToBrowser({ flowId: flow.id, browserBindingHash: first }),
        ).toMatchObject({ id: flow.id, status: 'pending', browserBindingHash: first });
        expect(
          await store.bindFlowToBrowser({ flowId: flow.id, browserBindingHash: second }),
        ).toMatchObject({ browserBindingHash: first });
        expect((await store.findFlow(flow.id))?.browserBindingHash).toBe(first);
        // Kept through the callback's consumption and across a restart.
        await store.consumeState(flow.state);
        expect(
          (await reopen().then((reopened) => reopened.findFlow(flow.id)))?.browserBindingHash,
        ).toBe(first);
        expect(
          await store.bindFlowToBrowser({ flowId: 'no-such-flow', browserBindingHash: first }),
        ).toBeUndefined();
      });

      it('lets exactly one of 10 concurrent bindings win, and binds no settled flow', async () => {
        const flow = await store.createFlow(flowInput);
        const hashes = Array.from({ length: 10 }, (_, index) => String(index).repeat(64));
        const results = await Promise.all(
          hashes.map((hash) =>
            store.bindFlowToBrowser({ flowId: flow.id, browserBindingHash: hash }),
          ),
        );
        const winners = new Set(results.map((result) => result?.browserBindingHash));
        expect(winners.size).toBe(1);
        expect((await store.findFlow(flow.id))?.browserBindingHash).toBe([...winners][0]);

        const failed = await store.createFlow(flowInput);
        await store.failFlow({ flowId: failed.id, reason: 'test' });
        expect(
          await store.bindFlowToBrowser({ flowId: failed.id, browserBindingHash: hashes[0] ?? '' }),
        ).toBeUndefined();
        expect((await store.findFlow(failed.id))?.browserBindingHash).toBeUndefined();
      });

      it('prunes flows that expired before a date', async () => {
        const old = await store.createFlow({
          ...flowInput,
          expiresAt: new Date(Date.now() - 60_000),
        });
        const fresh = await store.createFlow(flowInput);
        expect(await store.pruneFlows({ before: new Date() })).toBe(1);
        expect(await store.findFlow(old.id)).toBeUndefined();
        expect(await store.findFlow(fresh.id)).toBeDefined();
      });
    });

    describe('flow-settled notifications', () => {
      it('wakes a listener when its flow completes or fails, and not after unsubscribing', async () => {
        const completed = await store.createFlow(flowInput);
        const failed = await store.createFlow(flowInput);
        const calls: string[] = [];
        const stop = store.onFlowSettled(completed.id, () => calls.push('completed'));
        store.onFlowSettled(failed.id, () => calls.push('failed'));
        const woken = waitForSettled(store, completed.id);
        await store.completeFlow({
          flowId: completed.id,
          credential: { scopes: [], accessToken: tokens.accessToken },
        });
        await woken;
        const wokenAgain = waitForSettled(store, failed.id);
        await store.failFlow({ flowId: failed.id, reason: 'access_denied' });
        await wokenAgain;
        expect(calls).toEqual(['completed', 'failed']);

        stop();
        const other = waitForSettled(store, completed.id);
        await store.notifyFlowSettled(completed.id);
        await other;
        expect(calls).toEqual(['completed', 'failed']);
      });
    });

    describe('connections', () => {
      const key = { userId: 'user-a@example.com', providerId: 'testkit' };

      it('accumulates scopes and keeps the refresh token when a grant brings none', async () => {
        await store.saveConnection({
          ...key,
          providerType: 'oauth2',
          scopes: ['inbox.read'],
          accessToken: 'first-access',
          refreshToken: tokens.refreshToken,
        });
        const updated = await store.saveConnection({
          ...key,
          providerType: 'oauth2',
          scopes: ['inbox.send', 'inbox.read'],
          accessToken: tokens.accessToken,
        });
        expect(updated.scopes).toEqual(['inbox.read', 'inbox.send']);
        const credential = await store.getCredential(key);
        expect(credential).toMatchObject({
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          scopes: ['inbox.read', 'inbox.send'],
          hasRefreshToken: true,
        });
        expect(credential!.updatedAt.getTime()).toBeGreaterThanOrEqual(
          credential!.createdAt.getTime(),
        );
        await store.saveConnection({
          ...key,
          providerType: 'oauth2',
          scopes: [],
          accessToken: 'third-access',
          refreshToken: 'rotated-refresh',
        });
        expect((await store.getCredential(key))?.refreshToken).toBe('rotated-refresh');
      });

      it('adds the flow scopes to the connection when a flow completes', async () => {
        await store.saveConnection({
          ...key,
          providerType: 'oauth2',
          scopes: ['a'],
          accessToken: 'x',
        });
        const flow = await store.createFlow({ ...flowInput, ...key, scopes: ['a', 'b'] });
        const connection = await store.completeFlow({
          flowId: flow.id,
          credential: { scopes: ['c'], accessToken: 'y' },
        });
        expect(connection.scopes).toEqual(['a', 'b', 'c']);
      });

      it('marks a connection for re-authorization until it is saved again', async () => {
        expect(await store.markNeedsReauthorization(key)).toBe(false);
        await store.saveConnection({
          ...key,
          providerType: 'oauth2',
          scopes: ['a'],
          accessToken: 'x',
        });
        expect(await store.markNeedsReauthorization(key)).toBe(true);
        expect((await store.getCredential(key))?.status).toBe('needs_reauthorization');
        expect((await store.listConnections({ userId: key.userId }))[0]?.status).toBe(
          'needs_reauthorization',
        );
        await store.saveConnection({
          ...key,
          providerType: 'oauth2',
          scopes: [],
          accessToken: 'y',
        });
        expect((await store.getCredential(key))?.status).toBe('active');
      });

      it('stores API keys as connections of api_key providers', async () => {
        await store.saveConnection({
          userId: key.userId,
          providerId: 'weather',
          providerType: 'api_key',
          scopes: [],
          accessToken: tokens.apiKey,
        });
        expect(
          await store.getCredential({ userId: key.userId, providerId: 'weather' }),
        ).toMatchObject({
          providerType: 'api_key',
          accessToken: tokens.apiKey,
          refreshToken: undefined,
          hasRefreshToken: false,
          expiresAt: undefined,
        });
      });

      it('lists connections without any secret', async () => {
        const expiresAt = new Date(Date.now() + 60_000);
        await store.saveConnection({
          ...key,
          providerType: 'oauth2',
          scopes: ['a'],
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          tokenType: 'Bearer',
          expiresAt,
        });
        await store.saveConnection({
          userId: 'user-b',
          providerId: 'testkit',
          providerType: 'oauth2',
          scopes: ['a'],
          accessToken: 'b-token',
        });
        const listed = await store.listConnections({ userId: key.userId });
        expect(listed).toEqual([
          {
            ...key,
            providerType: 'oauth2',
            scopes: ['a'],
            status: 'active',
            tokenType: 'Bearer',
            expiresAt,
            hasRefreshToken: true,
            createdAt: expect.any(Date),
            updatedAt: expect.any(Date),
          },
        ]);
        expect(JSON.stringify(listed)).not.toContain('PLAINTEXT');
        expect((await store.listConnections({})).map((each) => each.userId)).toEqual([
          'user-a@example.com',
          'user-b',
        ]);
        expect(await store.listConnections({ providerId: 'other' })).toEqual([]);
      });

      it("deletes one connection or all of a user's, leaving other users' alone", async () => {
        for (const providerId of ['one', 'two', 'three']) {
          await store.saveConnection({
            userId: key.userId,
            providerId,
            providerType: 'oauth2',
            scopes: [],
            accessToken: 'x',
          });
        }
        await store.saveConnection({
          userId: 'user-b',
          providerId: 'one',
          providerType: 'oauth2',
          scopes: [],
          accessToken: 'y',
        });
        expect(await store.deleteConnection({ userId: key.userId, providerId: 'one' })).toBe(true);
        expect(await store.deleteConnection({ userId: key.userId, providerId: 'one' })).toBe(false);
        expect(await store.deleteConnections({ userId: key.userId })).toBe(2);
        expect(await store.listConnections({ userId: key.userId })).toEqual([]);
        expect(await store.listConnections({ userId: 'user-b' })).toHaveLength(1);
      });
    });

    describe('ids kept exactly', () => {
      it("refuses ids it could not keep exactly, so no id reads another user's row", async () => {
        // 'victim\uFFFD' is a real, well-formed id; 'victim\uD800' would be stored as it.
        const victim = { userId: 'victim\uFFFD', providerId: 'testkit' };
        await store.saveConnection({
          ...victim,
          providerType: 'oauth2',
          scopes: [],
          accessToken: tokens.accessToken,
        });
        const before = await location.runSql('SELECT * FROM connections ORDER BY user_id');
        for (const userId of ['victim\uD800', 'victim\uDFFF', 'victim\u0000']) {
          const key = { userId, providerId: 'testkit' };
          await expect(store.getCredential(key)).rejects.toSatisfy(UnstorableTextError.isInstance);
          await expect(
            store.saveConnection({ ...key, providerType: 'oauth2', scopes: [], accessToken: 'x' }),
          ).rejects.toThrow(/could not be kept exactly as given/);
          await expect(store.createFlow({ ...flowInput, userId })).rejects.toSatisfy(
            UnstorableTextError.isInstance,
          );
          await expect(store.listConnections({ userId })).rejects.toSatisfy(
            UnstorableTextError.isInstance,
          );
          await expect(store.findFlow(userId)).rejects.toSatisfy(UnstorableTextError.isInstance);
        }
        expect(await location.runSql('SELECT * FROM connections ORDER BY user_id')).toEqual(before);
        expect(await location.runSql('SELECT * FROM auth_flows')).toEqual([]);
        expect((await store.getCredential(victim))?.accessToken).toBe(tokens.accessToken);
      });
    });

    describe('secrets', () => {
      it('sets, overwrites, lists, reads and deletes engine-wide and per-user secrets apart', async () => {
        await store.setSecret({ key: 'WEATHER_API_KEY', value: 'first' });
        await store.setSecret({ key: 'WEATHER_API_KEY', value: tokens.secret });
        await store.setSecret({ key: 'WEATHER_API_KEY', value: 'users-own', userId: 'user-a' });
        await store.setSecret({ key: 'A_FIRST', value: 'a' });

        expect(await store.getSecret({ key: 'WEATHER_API_KEY' })).toBe(tokens.secret);
        expect(await store.getSecret({ key: 'WEATHER_API_KEY', userId: 'user-a' })).toBe(
          'users-own',
        );
        expect(await store.getSecret({ key: 'WEATHER_API_KEY', userId: 'user-b' })).toBeUndefined();
        expect((await store.listSecretKeys({})).map((secret) => secret.key)).toEqual([
          'A_FIRST',
          'WEATHER_API_KEY',
        ]);
        expect(await store.listSecretKeys({ userId: 'user-a' })).toEqual([
          { key: 'WEATHER_API_KEY', userId: 'user-a', updatedAt: expect.any(Date) },
        ]);

        expect(await store.deleteSecret({ key: 'WEATHER_API_KEY' })).toBe(true);
        expect(await store.deleteSecret({ key: 'WEATHER_API_KEY' })).toBe(false);
        expect(await store.getSecret({ key: 'WEATHER_API_KEY' })).toBeUndefined();
        expect(await store.getSecret({ key: 'WEATHER_API_KEY', userId: 'user-a' })).toBe(
          'users-own',
        );
      });
    });

    describe('encryption at rest', () => {
      it('never writes a token, API key, secret, PKCE verifier or state in plaintext', async () => {
        const flow = await store.createFlow(flowInput);
        const pending = await store.createFlow({ ...flowInput, userId: 'user-c' });
        await store.holdFlowCredential({
          flowId: pending.id,
          credential: { scopes: [], accessToken: `${tokens.accessToken}-held` },
        });
        await store.completeFlow({
          flowId: flow.id,
          credential: {
            scopes: ['a'],
            accessToken: tokens.accessToken,
            refreshToken: tokens.refreshToken,
          },
        });
        await store.saveConnection({
          userId: 'user-b',
          providerId: 'weather',
          providerType: 'api_key',
          scopes: [],
          accessToken: tokens.apiKey,
        });
        await store.setSecret({ key: 'SLACK_BOT_TOKEN', value: tokens.secret });
        await store.setSecret({ key: 'USER_SECRET', value: tokens.secret, userId: 'user-b' });
        await store.saveRuntimeWorker({ worker: runtimeWorker });

        const raw = await location.readRaw();
        expect(raw).toContain('user-b'); // the dump holds the rows
        for (const plaintext of [
          tokens.accessToken,
          tokens.refreshToken,
          tokens.apiKey,
          tokens.secret,
          tokens.workerSecret,
          flowInput.pkceVerifier!,
          flow.state,
          pending.state,
        ]) {
          expect(raw).not.toContain(plaintext);
        }
        expect(raw).not.toContain('PLAINTEXT');
      });

      it('refuses a ciphertext moved to another row instead of returning its plaintext', async () => {
        await store.setSecret({ key: 'ONE', value: tokens.secret });
        await store.setSecret({ key: 'TWO', value: 'two' });
        await location.runSql(
          "UPDATE secrets SET value_encrypted = (SELECT value_encrypted FROM secrets WHERE key = 'ONE') WHERE key = 'TWO'",
        );
        const reading = store.getSecret({ key: 'TWO' });
        await expect(reading).rejects.toSatisfy(DecryptionFailedError.isInstance);
        await expect(reading).rejects.toThrow(/secrets\.value.*could not be decrypted/);
      });
    });

    describe('runtime workers', () => {
      it('saves a worker with its secret and lists it after a restart, oldest first', async () => {
        const saved = await store.saveRuntimeWorker({ worker: runtimeWorker });
        expect(saved).toMatchObject({ outcome: 'saved', worker: runtimeWorker });
        const other = { ...runtimeWorker, id: 'slack-tools', toolkits: ['slack', 'slack2'] };
        await store.saveRuntimeWorker({ worker: other });
        const restarted = await reopen();
        const listed = await restarted.listRuntimeWorkers();
        expect(listed.map(({ id }) => id)).toEqual(['github-tools', 'slack-tools']);
        expect(listed[0]).toMatchObject(runtimeWorker);
        expect(listed[1]).toMatchObject(other);
        expect(listed[0]?.revision).not.toBe(listed[1]?.revision);
      });

      it('refuses an id in use, a toolkit another worker holds and an unknown replaces, changing nothing', async () => {
        await store.saveRuntimeWorker({ worker: runtimeWorker });
        const before = await location.runSql('SELECT * FROM runtime_workers');
        expect(
          await store.saveRuntimeWorker({ worker: { ...runtimeWorker, toolkits: ['other'] } }),
        ).toEqual({ outcome: 'id_taken' });
        expect(
          await store.saveRuntimeWorker({
            worker: { ...runtimeWorker, id: 'hostile', toolkits: ['new', 'github'] },
          }),
        ).toEqual({ outcome: 'toolkit_taken', toolkit: 'github', workerId: 'github-tools' });
        expect(
          await store.saveRuntimeWorker({
            worker: { ...runtimeWorker, id: 'hostile', toolkits: ['github'] },
            replaces: 'no-such-worker',
          }),
        ).toEqual({ outcome: 'replaced_not_found' });
        expect(await location.runSql('SELECT * FROM runtime_workers')).toEqual(before);
      });

      it('replaces a worker explicitly, under its own id or another, and deletes one', async () => {
        const first = await store.saveRuntimeWorker({ worker: runtimeWorker });
        const sameId = await store.saveRuntimeWorker({
          worker: { ...runtimeWorker, url: 'http://127.0.0.1:8003', secret: 'rotated' },
          replaces: 'github-tools',
        });
        expect(sameId).toMatchObject({ outcome: 'saved', worker: { secret: 'rotated' } });
        if (first.outcome !== 'saved' || sameId.outcome !== 'saved') return;
        expect(sameId.worker.revision).not.toBe(first.worker.revision);
        expect(sameId.worker.createdAt).toEqual(first.worker.createdAt);

        const renamed = await store.saveRuntimeWorker({
          worker: { ...runtimeWorker, id: 'github-tools-v2' },
          replaces: 'github-tools',
        });
        expect(renamed.outcome).toBe('saved');
        expect((await store.listRuntimeWorkers()).map(({ id, url }) => ({ id, url }))).toEqual([
          { id: 'github-tools-v2', url: runtimeWorker.url },
        ]);
        expect(await store.deleteRuntimeWorker('github-tools-v2')).toBe(true);
        expect(await store.deleteRuntimeWorker('github-tools-v2')).toBe(false);
        expect(await store.listRuntimeWorkers()).toEqual([]);
      });

      it('refuses a worker secret moved to another row instead of returning its plaintext', async () => {
        await store.saveRuntimeWorker({ worker: runtimeWorker });
        await store.saveRuntimeWorker({
          worker: { ...runtimeWorker, id: 'other', secret: 'other', toolkits: ['other'] },
        });
        await location.runSql(
          "UPDATE runtime_workers SET secret_encrypted = (SELECT secret_encrypted FROM runtime_workers WHERE id = 'github-tools') WHERE id = 'other'",
        );
        const reading = store.listRuntimeWorkers();
        await expect(reading).rejects.toSatisfy(DecryptionFailedError.isInstance);
        await expect(reading).rejects.toThrow(/runtime_workers\.secret.*could not be decrypted/);
      });
    });

    describe('MCP tokens and consent states', () => {
      const tokenHash = 'a'.repeat(64);

      it('keeps a token by its hash with user, toolkits and expiry, and revokes it once', async () => {
        const expiresAt = new Date(Date.now() + 60_000);
        const created = await store.createMcpToken({
          tokenHash,
          userId: 'user-a@example.com',
          toolkits: ['gmail', 'github'],
          expiresAt,
        });
        expect(created).toMatchObject({
          userId: 'user-a@example.com',
          toolkits: ['gmail', 'github'],
          expiresAt,
          revokedAt: undefined,
        });
        const all = await store.createMcpToken({
          tokenHash: 'b'.repeat(64),
          userId: 'user-b',
          toolkits: undefined,
          expiresAt,
        });
        expect(all.toolkits).toBeUndefined();
        expect(await (await reopen()).findMcpToken(tokenHash)).toEqual(created);
        expect(await store.findMcpToken('c'.repeat(64))).toBeUndefined();

        expect(await store.revokeMcpToken(created.id)).toBe(true);
        expect(await store.revokeMcpToken(created.id)).toBe(false);
        expect(await store.revokeMcpToken('no-such-token')).toBe(false);
        expect((await store.findMcpToken(tokenHash))?.revokedAt).toBeInstanceOf(Date);
        expect((await store.findMcpToken('b'.repeat(64)))?.revokedAt).toBeUndefined();
      });

      it('spends a consent state once, and prunes what expired', async () => {
        const later = new Date(Date.now() + 60_000);
        const earlier = new Date(Date.now() - 1_000);
        expect(await store.spendMcpRequestState({ id: 'state-1', expiresAt: later })).toBe(true);
        expect(await store.spendMcpRequestState({ id: 'state-1', expiresAt: later })).toBe(false);
        expect(await store.spendMcpRequestState({ id: 'state-2', expiresAt: earlier })).toBe(true);
        await store.createMcpToken({
          tokenHash,
          userId: 'u',
          toolkits: undefined,
          expiresAt: earlier,
        });

        expect(await store.pruneMcpRecords({ before: new Date() })).toBe(2);
        expect(await store.findMcpToken(tokenHash)).toBeUndefined();
        expect(await store.spendMcpRequestState({ id: 'state-1', expiresAt: later })).toBe(false);
      });
    });

    describe('refresh lock', () => {
      const key = { userId: 'user-a', providerId: 'testkit' };

      it('runs one refresh for 50 concurrent callers and gives each its result', async () => {
        let runs = 0;
        const refresh = async () => {
          runs += 1;
          await delay(30);
          return `token-${runs}`;
        };
        const results = await Promise.all(
          Array.from({ length: 50 }, () => store.withRefreshLock(key, refresh)),
        );
        expect(runs).toBe(1);
        expect(new Set(results)).toEqual(new Set(['token-1']));
        expect(await store.withRefreshLock(key, refresh)).toBe('token-2');
      });

      it('keeps users and providers apart', async () => {
        // Each refresh holds its lock until all three are inside theirs (or 5 s pass, as they
        // would if the locks were shared): concurrency is observed, not inferred from timing.
        let running = 0;
        let most = 0;
        let allInside!: () => void;
        const inside = new Promise<void>((resolve) => {
          allInside = resolve;
        });
        const refresh = async () => {
          running += 1;
          most = Math.max(most, running);
          if (running === 3) allInside();
          await Promise.race([inside, delay(5_000)]);
          running -= 1;
        };
        await Promise.all([
          store.withRefreshLock(key, refresh),
          store.withRefreshLock({ ...key, userId: 'user-b' }, refresh),
          store.withRefreshLock({ ...key, providerId: 'other' }, refresh),
        ]);
        expect(most).toBe(3);
      });

      it('hands a failed refresh to every waiting caller and frees the key', async () => {
        const failing = Promise.all(
          Array.from({ length: 5 }, () =>
            store.withRefreshLock(key, async () => {
              await delay(10);
              throw new Error('invalid_grant');
            }),
          ),
        );
        await expect(failing).rejects.toThrow('invalid_grant');
        expect(await store.withRefreshLock(key, async () => 'recovered')).toBe('recovered');
      });
    });

    describe('flow reuse and crash recovery', () => {
      // Built when a test runs: a date fixed when the suite was collected can pass while slower
      // tests before it run, and a flow expiring in 30 s would then count as reusable.
      const reuseInput = () => ({ ...flowInput, reusableUntil: new Date(Date.now() + 60_000) });

      it('reuses a pending flow whose scopes cover the request, else creates one', async () => {
        const { flow: first, reused } = await store.findOrCreateFlow(reuseInput());
        expect(reused).toBe(false);
        const again = await store.findOrCreateFlow({ ...reuseInput(), scopes: [] });
        expect(again).toEqual({ flow: first, reused: true });
        const wider = await store.findOrCreateFlow({
          ...reuseInput(),
          scopes: ['inbox.read', 'inbox.send'],
        });
        expect(wider.reused).toBe(false);
        expect(wider.flow.id).not.toBe(first.id);
        // The newest covering flow is the one handed out from now on.
        expect((await store.findOrCreateFlow(reuseInput())).flow.id).toBe(wider.flow.id);
        const otherNext = await store.findOrCreateFlow({ ...reuseInput(), nextUri: undefined });
        expect(otherNext.reused).toBe(false);
      });

      it('never reuses a consumed, settled, soon-expiring or already opened flow', async () => {
        const consumed = await store.createFlow(flowInput);
        await store.consumeState(consumed.state);
        const failed = await store.createFlow(flowInput);
        await store.failFlow({ flowId: failed.id, reason: 'access_denied' });
        await store.createFlow({ ...flowInput, expiresAt: new Date(Date.now() + 30_000) });
        const opened = await store.createFlow(flowInput);
        await store.bindFlowToBrowser({ flowId: opened.id, browserBindingHash: 'a'.repeat(64) });
        const { flow, reused } = await store.findOrCreateFlow(reuseInput());
        expect(reused).toBe(false);
        expect((await store.findOrCreateFlow(reuseInput())).flow.id).toBe(flow.id);
      });

      it('gives 20 concurrent callers one flow', async () => {
        const other = harness.sharedAcrossProcesses ? await open() : store;
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            (index % 2 === 0 ? store : other).findOrCreateFlow(reuseInput()),
          ),
        );
        expect(new Set(results.map((result) => result.flow.id)).size).toBe(1);
        expect(results.filter((result) => !result.reused)).toHaveLength(1);
        const rows = await location.runSql('SELECT id FROM auth_flows');
        expect(rows).toHaveLength(1);
      });

      it('fails a flow whose exchange outlived its process, and tells its listeners', async () => {
        const running = await store.createFlow(flowInput);
        const interrupted = await store.createFlow(flowInput);
        let finish: () => void = () => {};
        const exchange = store.withCodeExchange(running.id, async () => {
          await new Promise<void>((resolve) => {
            finish = resolve;
          });
          return 'exchanged';
        });
        await expect
          .poll(async () => (await store.findFlow(running.id))?.exchangeStartedAt)
          .toBeInstanceOf(Date);
        // A process that died mid-exchange left its mark and no lock.
        await location.runSql(
          `UPDATE auth_flows SET exchange_started_at = ${Date.now()} WHERE id = '${interrupted.id}'`,
        );
        const checker = harness.sharedAcrossProcesses ? await open() : store;
        const woken = waitForSettled(checker, interrupted.id);

        expect(await checker.failInterruptedExchanges()).toEqual([interrupted.id]);
        await woken;
        expect(await store.findFlow(interrupted.id)).toMatchObject({
          status: 'failed',
          failureReason: 'code_exchange_interrupted',
        });
        // The running exchange is left alone, until it ends without settling its flow.
        expect((await store.findFlow(running.id))?.status).toBe('pending');
        finish();
        expect(await exchange).toBe('exchanged');
        expect(await checker.failInterruptedExchanges({ flowId: running.id })).toEqual([
          running.id,
        ]);
        expect(await checker.failInterruptedExchanges()).toEqual([]);
      });

      it('records a refresh attempt until tokens are saved, it ends, or the grant is lost', async () => {
        const key = { userId: 'user-a@example.com', providerId: 'testkit' };
        await store.saveConnection({ ...key, providerType: 'oauth2', scopes: [], ...tokens });
        expect((await store.getCredential(key))?.refreshStartedAt).toBeUndefined();
        await store.beginRefreshAttempt(key);
        const marked = await store.getCredential(key);
        expect(marked?.refreshStartedAt).toBeInstanceOf(Date);
        expect(marked?.refreshToken).toBe(tokens.refreshToken);
        const [listed] = await store.listConnections({ userId: key.userId });
        expect(listed?.refreshStartedAt).toEqual(marked?.refreshStartedAt);

        await store.saveConnection({
          ...key,
          providerType: 'oauth2',
          scopes: [],
          accessToken: 'access-token-2',
          refreshToken: 'refresh-token-2',
        });
        expect(await store.getCredential(key)).toMatchObject({
          refreshStartedAt: undefined,
          refreshToken: 'refresh-token-2',
        });
        await store.beginRefreshAttempt(key);
        await store.endRefreshAttempt(key);
        expect((await store.getCredential(key))?.refreshStartedAt).toBeUndefined();
        await store.beginRefreshAttempt(key);
        await store.markNeedsReauthorization(key);
        expect(await store.getCredential(key)).toMatchObject({
          status: 'needs_reauthorization',
          refreshStartedAt: undefined,
        });
      });
    });

    describe('restarts and keys', () => {
      it('keeps flows, connections and secrets across a restart; a pending flow completes after it', async () => {
        const flow = await store.createFlow(flowInput);
        await store.saveConnection({
          userId: 'user-b',
          providerId: 'testkit',
          providerType: 'oauth2',
          scopes: ['a'],
          accessToken: tokens.accessToken,
        });
        await store.setSecret({ key: 'S', value: tokens.secret });
        const restarted = await reopen();

        expect(await restarted.findFlow(flow.id)).toEqual(flow);
        const consumed = await restarted.consumeState(flow.state);
        expect(consumed.outcome).toBe('consumed');
        await restarted.completeFlow({
          flowId: flow.id,
          credential: { scopes: ['a'], accessToken: 'after-restart' },
        });
        expect((await restarted.getCredential(flowInput))?.accessToken).toBe('after-restart');
        expect(
          (await restarted.getCredential({ userId: 'user-b', providerId: 'testkit' }))?.accessToken,
        ).toBe(tokens.accessToken);
        expect(await restarted.getSecret({ key: 'S' })).toBe(tokens.secret);
        const applied = await location.runSql('SELECT version FROM schema_migrations');
        expect(applied.map((row) => Number(row.version))).toEqual(
          migrations.map((migration) => migration.version),
        );
      });

      it('refuses to open with another key, naming the database and the fingerprint, and changes nothing', async () => {
        await store.setSecret({ key: 'S', value: tokens.secret });
        await store.close();
        const otherKey = randomBytes(32);
        const opening = open(otherKey);
        await expect(opening).rejects.toSatisfy(EncryptionKeyMismatchError.isInstance);
        await expect(opening).rejects.toThrow(
          /^The database at .+ was encrypted with another TOOLGRANT_ENCRYPTION_KEY \(fingerprint [0-9a-f]{8}…; the key given has [0-9a-f]{8}…\); start with the original key or point to a new data directory/,
        );
        const message = await opening.catch((error: Error) => error.message);
        expect(message).not.toContain(Buffer.from(otherKey).toString('base64'));
        expect(message).not.toContain(Buffer.from(encryptionKey).toString('base64'));

        store = await open();
        expect(await store.getSecret({ key: 'S' })).toBe(tokens.secret);
      });
    });

    if (harness.sharedAcrossProcesses) {
      describe('two engine processes on one database', () => {
        it('lets exactly one of two processes consume a state', async () => {
          const other = await open();
          const flow = await store.createFlow(flowInput);
          const results = await Promise.all(
            Array.from({ length: 20 }, (_, index) =>
              (index % 2 === 0 ? store : other).consumeState(flow.state),
            ),
          );
          expect(results.filter((result) => result.outcome === 'consumed')).toHaveLength(1);
        });

        it('never runs two refreshes for one key at once across processes', async () => {
          const other = await open();
          const key = { userId: 'user-a', providerId: 'testkit' };
          let running = 0;
          let most = 0;
          let runs = 0;
          const refresh = async () => {
            runs += 1;
            running += 1;
            most = Math.max(most, running);
            await delay(50);
            running -= 1;
            return runs;
          };
          await Promise.all(
            Array.from({ length: 20 }, (_, index) =>
              (index % 2 === 0 ? store : other).withRefreshLock(key, refresh),
            ),
          );
          expect(most).toBe(1);
          // One run per process: callers within a process share theirs.
          expect(runs).toBe(2);
        });

        it('admits one of 20 concurrent registrations of one toolkit across two processes', async () => {
          const other = await open();
          const results = await Promise.all(
            Array.from({ length: 20 }, (_, index) =>
              (index % 2 === 0 ? store : other).saveRuntimeWorker({
                worker: { ...runtimeWorker, id: `claimant-${index}` },
              }),
            ),
          );
          expect(results.filter((result) => result.outcome === 'saved')).toHaveLength(1);
          expect(await other.listRuntimeWorkers()).toHaveLength(1);
        });

        it('lets exactly one of two processes spend a consent state', async () => {
          const other = await open();
          const expiresAt = new Date(Date.now() + 60_000);
          const results = await Promise.all(
            Array.from({ length: 20 }, (_, index) =>
              (index % 2 === 0 ? store : other).spendMcpRequestState({ id: 'state', expiresAt }),
            ),
          );
          expect(results.filter(Boolean)).toHaveLength(1);
        });

        it('wakes a listener on one process when the flow settles on the other', async () => {
          const other = await open();
          const flow = await store.createFlow(flowInput);
          const woken = waitForSettled(other, flow.id);
          const started = performance.now();
          await store.completeFlow({
            flowId: flow.id,
            credential: { scopes: [], accessToken: tokens.accessToken },
          });
          await woken;
          expect(performance.now() - started).toBeLessThan(2_000);
          expect((await other.findFlow(flow.id))?.status).toBe('completed');
        });
      });
    }
  });
}

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

function waitForSettled(store: Store, flowId: string, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`No settled notification for flow ${flowId} within ${timeoutMs} ms.`));
    }, timeoutMs);
    const stop = store.onFlowSettled(flowId, () => {
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}
