import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { createSecretResolver } from './create-secret-resolver.js';

let dataDirectory: string;
let store: Store;

beforeEach(async () => {
  dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-secrets-'));
  store = await SqliteStore.open({ dataDirectory, encryptionKey: randomBytes(32) });
});

afterEach(async () => {
  await store.close();
  await rm(dataDirectory, { recursive: true, force: true });
});

describe('createSecretResolver', () => {
  it("gives a user's own value over the engine-wide one, and leaves missing keys undefined", async () => {
    const secrets = createSecretResolver({ store, clock: () => new Date() });
    await secrets.setSecret({ key: 'WEATHER_API_KEY', value: 'engine-value' });
    await secrets.setSecret({ key: 'WEATHER_API_KEY', value: 'alice-value', userId: 'alice' });

    const keys = ['WEATHER_API_KEY', 'MISSING'];
    expect(await secrets.getSecrets({ keys, userId: 'alice' })).toEqual({
      WEATHER_API_KEY: 'alice-value',
      MISSING: undefined,
    });
    expect(await secrets.getSecrets({ keys, userId: 'bob' })).toMatchObject({
      WEATHER_API_KEY: 'engine-value',
    });
    expect(await secrets.getSecrets({ keys, userId: undefined })).toMatchObject({
      WEATHER_API_KEY: 'engine-value',
    });
  });

  it("lists engine-wide keys, plus the user's, without values", async () => {
    const secrets = createSecretResolver({ store, clock: () => new Date() });
    const saved = await secrets.setSecret({ key: 'A', value: 'value-a' });
    expect(saved).toMatchObject({ key: 'A', userId: undefined });
    expect(saved.updatedAt).toBeInstanceOf(Date);
    await secrets.setSecret({ key: 'B', value: 'value-b', userId: 'alice' });

    expect((await secrets.listSecrets({})).map(({ key }) => key)).toEqual(['A']);
    const forAlice = await secrets.listSecrets({ userId: 'alice' });
    expect(forAlice.map(({ key, userId }) => ({ key, userId }))).toEqual([
      { key: 'A', userId: undefined },
      { key: 'B', userId: 'alice' },
    ]);
    expect(JSON.stringify(forAlice)).not.toContain('value-');
  });

  it('deletes a secret and says whether there was one', async () => {
    const secrets = createSecretResolver({ store, clock: () => new Date() });
    await secrets.setSecret({ key: 'A', value: 'value-a' });
    expect(await secrets.deleteSecret({ key: 'A' })).toBe(true);
    expect(await secrets.deleteSecret({ key: 'A' })).toBe(false);
    expect(await secrets.getSecrets({ keys: ['A'], userId: undefined })).toEqual({ A: undefined });
  });
});
