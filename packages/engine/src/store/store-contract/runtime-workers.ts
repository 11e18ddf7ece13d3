import { describe, expect, it } from 'vitest';
import { DecryptionFailedError } from '../../crypto/decryption-failed-error.js';
import { runtimeWorker } from './fixtures.js';
import type { StoreUnderTest } from './store-under-test.js';

/** The Store contract on runtime workers: saved, refused, replaced, deleted. */
export function describeRuntimeWorkers(subject: StoreUnderTest): void {
  describe('runtime workers', () => {
    it('saves a worker with its secret and lists it after a restart, oldest first', async () => {
      const saved = await subject.store.saveRuntimeWorker({ worker: runtimeWorker });
      expect(saved).toMatchObject({ outcome: 'saved', worker: runtimeWorker });
      const other = { ...runtimeWorker, id: 'slack-tools', toolkits: ['slack', 'slack2'] };
      await subject.store.saveRuntimeWorker({ worker: other });
      const restarted = await subject.reopen();
      const listed = await restarted.listRuntimeWorkers();
      expect(listed.map(({ id }) => id)).toEqual(['github-tools', 'slack-tools']);
      expect(listed[0]).toMatchObject(runtimeWorker);
      expect(listed[1]).toMatchObject(other);
      expect(listed[0]?.revision).not.toBe(listed[1]?.revision);
    });

    it('refuses an id in use, a toolkit another worker holds and an unknown replaces, changing nothing', async () => {
      await subject.store.saveRuntimeWorker({ worker: runtimeWorker });
      const before = await subject.location.runSql('SELECT * FROM runtime_workers');
      expect(
        await subject.store.saveRuntimeWorker({
          worker: { ...runtimeWorker, toolkits: ['other'] },
        }),
      ).toEqual({ outcome: 'id_taken' });
      expect(
        await subject.store.saveRuntimeWorker({
          worker: { ...runtimeWorker, id: 'hostile', toolkits: ['new', 'github'] },
        }),
      ).toEqual({ outcome: 'toolkit_taken', toolkit: 'github', workerId: 'github-tools' });
      expect(
        await subject.store.saveRuntimeWorker({
          worker: { ...runtimeWorker, id: 'hostile', toolkits: ['github'] },
          replaces: 'no-such-worker',
        }),
      ).toEqual({ outcome: 'replaced_not_found' });
      expect(await subject.location.runSql('SELECT * FROM runtime_workers')).toEqual(before);
    });

    it('replaces a worker explicitly, under its own id or another, and deletes one', async () => {
      const first = await subject.store.saveRuntimeWorker({ worker: runtimeWorker });
      const sameId = await subject.store.saveRuntimeWorker({
        worker: { ...runtimeWorker, url: 'http://127.0.0.1:8003', secret: 'rotated' },
        replaces: 'github-tools',
      });
      expect(sameId).toMatchObject({ outcome: 'saved', worker: { secret: 'rotated' } });
      if (first.outcome !== 'saved' || sameId.outcome !== 'saved') return;
      expect(sameId.worker.revision).not.toBe(first.worker.revision);
      expect(sameId.worker.createdAt).toEqual(first.worker.createdAt);

      const renamed = await subject.store.saveRuntimeWorker({
        worker: { ...runtimeWorker, id: 'github-tools-v2' },
        replaces: 'github-tools',
      });
      expect(renamed.outcome).toBe('saved');
      expect(
        (await subject.store.listRuntimeWorkers()).map(({ id, url }) => ({ id, url })),
      ).toEqual([{ id: 'github-tools-v2', url: runtimeWorker.url }]);
      expect(await subject.store.deleteRuntimeWorker('github-tools-v2')).toBe(true);
      expect(await subject.store.deleteRuntimeWorker('github-tools-v2')).toBe(false);
      expect(await subject.store.listRuntimeWorkers()).toEqual([]);
    });

    it('refuses a worker secret moved to another row instead of returning its plaintext', async () => {
      await subject.store.saveRuntimeWorker({ worker: runtimeWorker });
      await subject.store.saveRuntimeWorker({
        worker: { ...runtimeWorker, id: 'other', secret: 'other', toolkits: ['other'] },
      });
      await subject.location.runSql(
        "UPDATE runtime_workers SET secret_encrypted = (SELECT secret_encrypted FROM runtime_workers WHERE id = 'github-tools') WHERE id = 'other'",
      );
      const reading = subject.store.listRuntimeWorkers();
      await expect(reading).rejects.toSatisfy(DecryptionFailedError.isInstance);
      await expect(reading).rejects.toThrow(/runtime_workers\.secret.*could not be decrypted/);
    });
  });
}
