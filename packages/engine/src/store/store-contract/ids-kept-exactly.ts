import { describe, expect, it } from 'vitest';
import { UnstorableTextError } from '../unstorable-text-error.js';
import { flowInput, tokens } from './fixtures.js';
import type { StoreUnderTest } from './store-under-test.js';

/** The Store contract on ids the database could not keep exactly are refused. */
export function describeIdsKeptExactly(subject: StoreUnderTest): void {
  describe('ids kept exactly', () => {
    it("refuses ids it could not keep exactly, so no id reads another user's row", async () => {
      // 'victim\uFFFD' is a real, well-formed id; 'victim\uD800' would be stored as it.
      const victim = { userId: 'victim\uFFFD', providerId: 'testkit' };
      await subject.store.saveConnection({
        ...victim,
        providerType: 'oauth2',
        scopes: [],
        accessToken: tokens.accessToken,
      });
      const before = await subject.location.runSql('SELECT * FROM connections ORDER BY user_id');
      for (const userId of ['victim\uD800', 'victim\uDFFF', 'victim\u0000']) {
        const key = { userId, providerId: 'testkit' };
        await expect(subject.store.getCredential(key)).rejects.toSatisfy(
          UnstorableTextError.isInstance,
        );
        await expect(
          subject.store.saveConnection({
            ...key,
            providerType: 'oauth2',
            scopes: [],
            accessToken: 'x',
          }),
        ).rejects.toThrow(/could not be kept exactly as given/);
        await expect(subject.store.createFlow({ ...flowInput, userId })).rejects.toSatisfy(
          UnstorableTextError.isInstance,
        );
        await expect(subject.store.listConnections({ userId })).rejects.toSatisfy(
          UnstorableTextError.isInstance,
        );
        await expect(subject.store.findFlow(userId)).rejects.toSatisfy(
          UnstorableTextError.isInstance,
        );
      }
      expect(await subject.location.runSql('SELECT * FROM connections ORDER BY user_id')).toEqual(
        before,
      );
      expect(await subject.location.runSql('SELECT * FROM auth_flows')).toEqual([]);
      expect((await subject.store.getCredential(victim))?.accessToken).toBe(tokens.accessToken);
    });
  });
}
