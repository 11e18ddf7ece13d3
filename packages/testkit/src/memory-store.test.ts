import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';

describe('MemoryStore', () => {
  it('forgets an entry the moment its lifetime ends', async () => {
    const adapter = new MemoryStore().adapterFor('AccessToken');
    await adapter.upsert('t1', { accountId: 'alice' }, 0.05);
    expect(await adapter.find('t1')).toEqual({ accountId: 'alice' });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await adapter.find('t1')).toBeUndefined();
  });

  it("deletes one account's refresh tokens and every token of a revoked grant", async () => {
    const store = new MemoryStore();
    const refreshTokens = store.adapterFor('RefreshToken');
    const accessTokens = store.adapterFor('AccessToken');
    await refreshTokens.upsert('r-alice', { accountId: 'alice', grantId: 'g1' });
    await refreshTokens.upsert('r-bob', { accountId: 'bob', grantId: 'g2' });
    await accessTokens.upsert('a-bob', { accountId: 'bob', grantId: 'g2' });

    expect(store.deleteRefreshTokens({ accountId: 'alice' })).toBe(1);
    expect(await refreshTokens.find('r-alice')).toBeUndefined();
    expect(await refreshTokens.find('r-bob')).toBeDefined();

    await accessTokens.revokeByGrantId('g2');
    expect(await refreshTokens.find('r-bob')).toBeUndefined();
    expect(await accessTokens.find('a-bob')).toBeUndefined();
  });

  it("deletes one account's grants with their codes and tokens", async () => {
    const store = new MemoryStore();
    await store.adapterFor('Grant').upsert('g1', { accountId: 'alice' });
    await store.adapterFor('Grant').upsert('g2', { accountId: 'bob' });
    await store.adapterFor('AuthorizationCode').upsert('c1', { accountId: 'alice', grantId: 'g1' });
    await store.adapterFor('AccessToken').upsert('a2', { accountId: 'bob', grantId: 'g2' });

    expect(store.deleteGrants({ accountId: 'alice' })).toBe(1);
    expect(await store.adapterFor('Grant').find('g1')).toBeUndefined();
    expect(await store.adapterFor('AuthorizationCode').find('c1')).toBeUndefined();
    expect(await store.adapterFor('AccessToken').find('a2')).toBeDefined();
  });

  it('serves clients registered after start, replacing one with the same id', async () => {
    const store = new MemoryStore();
    store.setClient({ client_id: 'engine', redirect_uris: ['http://127.0.0.1:1/cb'] });
    store.setClient({ client_id: 'engine', redirect_uris: ['http://127.0.0.1:2/cb'] });
    expect(await store.adapterFor('Client').find('engine')).toEqual({
      client_id: 'engine',
      redirect_uris: ['http://127.0.0.1:2/cb'],
    });
  });
});
