import { describe, expect, it } from 'vitest';
import { delay } from './fixtures.js';
import type { StoreUnderTest } from './store-under-test.js';

/** The Store contract on one refresh per user and provider. */
export function describeRefreshLock(subject: StoreUnderTest): void {
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
        Array.from({ length: 50 }, () => subject.store.withRefreshLock(key, refresh)),
      );
      expect(runs).toBe(1);
      expect(new Set(results)).toEqual(new Set(['token-1']));
      expect(await subject.store.withRefreshLock(key, refresh)).toBe('token-2');
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
        subject.store.withRefreshLock(key, refresh),
        subject.store.withRefreshLock({ ...key, userId: 'user-b' }, refresh),
        subject.store.withRefreshLock({ ...key, providerId: 'other' }, refresh),
      ]);
      expect(most).toBe(3);
    });

    it('hands a failed refresh to every waiting caller and frees the key', async () => {
      const failing = Promise.all(
        Array.from({ length: 5 }, () =>
          subject.store.withRefreshLock(key, async () => {
            await delay(10);
            throw new Error('invalid_grant');
          }),
        ),
      );
      await expect(failing).rejects.toThrow('invalid_grant');
      expect(await subject.store.withRefreshLock(key, async () => 'recovered')).toBe('recovered');
    });
  });
}
