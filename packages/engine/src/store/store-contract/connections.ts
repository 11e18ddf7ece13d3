import { describe, expect, it } from 'vitest';
import { flowInput, tokens } from './fixtures.js';
import type { StoreUnderTest } from './store-under-test.js';

/** The Store contract on connections: scopes, refresh tokens, status, listing and deleting. */
export function describeConnections(subject: StoreUnderTest): void {
  describe('connections', () => {
    const key = { userId: 'user-a@example.com', providerId: 'testkit' };

    it('accumulates scopes and keeps the refresh token when a grant brings none', async () => {
      await subject.store.saveConnection({
        ...key,
        providerType: 'oauth2',
        scopes: ['inbox.read'],
        accessToken: 'first-access',
        refreshToken: tokens.refreshToken,
      });
      const updated = await subject.store.saveConnection({
        ...key,
        providerType: 'oauth2',
        scopes: ['inbox.send', 'inbox.read'],
        accessToken: tokens.accessToken,
      });
      expect(updated.scopes).toEqual(['inbox.read', 'inbox.send']);
      const credential = await subject.store.getCredential(key);
      expect(credential).toMatchObject({
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        scopes: ['inbox.read', 'inbox.send'],
        hasRefreshToken: true,
      });
      expect(credential!.updatedAt.getTime()).toBeGreaterThanOrEqual(
        credential!.createdAt.getTime(),
      );
      await subject.store.saveConnection({
        ...key,
        providerType: 'oauth2',
        scopes: [],
        accessToken: 'third-access',
        refreshToken: 'rotated-refresh',
      });
      expect((await subject.store.getCredential(key))?.refreshToken).toBe('rotated-refresh');
    });

    it('adds the flow scopes to the connection when a flow completes', async () => {
      await subject.store.saveConnection({
        ...key,
        providerType: 'oauth2',
        scopes: ['a'],
        accessToken: 'x',
      });
      const flow = await subject.store.createFlow({ ...flowInput, ...key, scopes: ['a', 'b'] });
      const connection = await subject.store.completeFlow({
        flowId: flow.id,
        credential: { scopes: ['c'], accessToken: 'y' },
      });
      expect(connection.scopes).toEqual(['a', 'b', 'c']);
    });

    it('marks a connection for re-authorization until it is saved again', async () => {
      expect(await subject.store.markNeedsReauthorization(key)).toBe(false);
      await subject.store.saveConnection({
        ...key,
        providerType: 'oauth2',
        scopes: ['a'],
        accessToken: 'x',
      });
      expect(await subject.store.markNeedsReauthorization(key)).toBe(true);
      expect((await subject.store.getCredential(key))?.status).toBe('needs_reauthorization');
      expect((await subject.store.listConnections({ userId: key.userId }))[0]?.status).toBe(
        'needs_reauthorization',
      );
      await subject.store.saveConnection({
        ...key,
        providerType: 'oauth2',
        scopes: [],
        accessToken: 'y',
      });
      expect((await subject.store.getCredential(key))?.status).toBe('active');
    });

    it('stores API keys as connections of api_key providers', async () => {
      await subject.store.saveConnection({
        userId: key.userId,
        providerId: 'weather',
        providerType: 'api_key',
        scopes: [],
        accessToken: tokens.apiKey,
      });
      expect(
        await subject.store.getCredential({ userId: key.userId, providerId: 'weather' }),
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
      await subject.store.saveConnection({
        ...key,
        providerType: 'oauth2',
        scopes: ['a'],
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        tokenType: 'Bearer',
        expiresAt,
      });
      await subject.store.saveConnection({
        userId: 'user-b',
        providerId: 'testkit',
        providerType: 'oauth2',
        scopes: ['a'],
        accessToken: 'b-token',
      });
      const listed = await subject.store.listConnections({ userId: key.userId });
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
      expect((await subject.store.listConnections({})).map((each) => each.userId)).toEqual([
        'user-a@example.com',
        'user-b',
      ]);
      expect(await subject.store.listConnections({ providerId: 'other' })).toEqual([]);
    });

    it("deletes one connection or all of a user's, leaving other users' alone", async () => {
      for (const providerId of ['one', 'two', 'three']) {
        await subject.store.saveConnection({
          userId: key.userId,
          providerId,
          providerType: 'oauth2',
          scopes: [],
          accessToken: 'x',
        });
      }
      await subject.store.saveConnection({
        userId: 'user-b',
        providerId: 'one',
        providerType: 'oauth2',
        scopes: [],
        accessToken: 'y',
      });
      expect(await subject.store.deleteConnection({ userId: key.userId, providerId: 'one' })).toBe(
        true,
      );
      expect(await subject.store.deleteConnection({ userId: key.userId, providerId: 'one' })).toBe(
        false,
      );
      expect(await subject.store.deleteConnections({ userId: key.userId })).toBe(2);
      expect(await subject.store.listConnections({ userId: key.userId })).toEqual([]);
      expect(await subject.store.listConnections({ userId: 'user-b' })).toHaveLength(1);
    });
  });
}
