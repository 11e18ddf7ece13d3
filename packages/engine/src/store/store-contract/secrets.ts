import { describe, expect, it } from 'vitest';
import { tokens } from './fixtures.js';
import type { StoreUnderTest } from './store-under-test.js';

/** The Store contract on engine-wide and per-user secrets. */
export function describeSecrets(subject: StoreUnderTest): void {
  describe('secrets', () => {
    it('sets, overwrites, lists, reads and deletes engine-wide and per-user secrets apart', async () => {
      await subject.store.setSecret({ key: 'WEATHER_API_KEY', value: 'first' });
      await subject.store.setSecret({ key: 'WEATHER_API_KEY', value: tokens.secret });
      await subject.store.setSecret({
        key: 'WEATHER_API_KEY',
        value: 'users-own',
        userId: 'user-a',
      });
      await subject.store.setSecret({ key: 'A_FIRST', value: 'a' });

      expect(await subject.store.getSecret({ key: 'WEATHER_API_KEY' })).toBe(tokens.secret);
      expect(await subject.store.getSecret({ key: 'WEATHER_API_KEY', userId: 'user-a' })).toBe(
        'users-own',
      );
      expect(
        await subject.store.getSecret({ key: 'WEATHER_API_KEY', userId: 'user-b' }),
      ).toBeUndefined();
      expect((await subject.store.listSecretKeys({})).map((secret) => secret.key)).toEqual([
        'A_FIRST',
        'WEATHER_API_KEY',
      ]);
      expect(await subject.store.listSecretKeys({ userId: 'user-a' })).toEqual([
        { key: 'WEATHER_API_KEY', userId: 'user-a', updatedAt: expect.any(Date) },
      ]);

      expect(await subject.store.deleteSecret({ key: 'WEATHER_API_KEY' })).toBe(true);
      expect(await subject.store.deleteSecret({ key: 'WEATHER_API_KEY' })).toBe(false);
      expect(await subject.store.getSecret({ key: 'WEATHER_API_KEY' })).toBeUndefined();
      expect(await subject.store.getSecret({ key: 'WEATHER_API_KEY', userId: 'user-a' })).toBe(
        'users-own',
      );
    });
  });
}
