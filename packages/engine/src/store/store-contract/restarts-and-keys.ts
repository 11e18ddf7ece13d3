import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EncryptionKeyMismatchError } from '../encryption-key-mismatch-error.js';
import { migrations } from '../migrations.js';
import { flowInput, tokens } from './fixtures.js';
import type { StoreUnderTest } from './store-under-test.js';

/** The Store contract on data kept across restarts, and a store refusing another key. */
export function describeRestartsAndKeys(subject: StoreUnderTest): void {
  describe('restarts and keys', () => {
    it('keeps flows, connections and secrets across a restart; a pending flow completes after it', async () => {
      const flow = await subject.store.createFlow(flowInput);
      await subject.store.saveConnection({
        userId: 'user-b',
        providerId: 'testkit',
        providerType: 'oauth2',
        scopes: ['a'],
        accessToken: tokens.accessToken,
      });
      await subject.store.setSecret({ key: 'S', value: tokens.secret });
      const restarted = await subject.reopen();

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
      const applied = await subject.location.runSql('SELECT version FROM schema_migrations');
      expect(applied.map((row) => Number(row.version))).toEqual(
        migrations.map((migration) => migration.version),
      );
    });

    it('refuses to open with another key, naming the database and the fingerprint, and changes nothing', async () => {
      await subject.store.setSecret({ key: 'S', value: tokens.secret });
      await subject.store.close();
      const otherKey = randomBytes(32);
      const opening = subject.open(otherKey);
      await expect(opening).rejects.toSatisfy(EncryptionKeyMismatchError.isInstance);
      await expect(opening).rejects.toThrow(
        /^The database at .+ was encrypted with another TOOLGRANT_ENCRYPTION_KEY \(fingerprint [0-9a-f]{8}…; the key given has [0-9a-f]{8}…\); start with the original key or point to a new data directory/,
      );
      const message = await opening.catch((error: Error) => error.message);
      expect(message).not.toContain(Buffer.from(otherKey).toString('base64'));
      expect(message).not.toContain(Buffer.from(subject.encryptionKey).toString('base64'));

      subject.store = await subject.open();
      expect(await subject.store.getSecret({ key: 'S' })).toBe(tokens.secret);
    });
  });
}
