import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { SqliteStore } from './sqlite-store.js';
import { StoreConfigurationError } from './store-configuration-error.js';

describe('openStore', () => {
  it('opens the SQLite file in the data directory when there is no database URL', async () => {
    const dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-open-'));
    try {
      const store = await openStore({
        databaseUrl: '',
        dataDirectory,
        encryptionKey: randomBytes(32),
      });
      expect(store).toBeInstanceOf(SqliteStore);
      await store.setSecret({ key: 'K', value: 'v' });
      expect(await store.getSecret({ key: 'K' })).toBe('v');
      await store.close();
    } finally {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });

  it('names TOOLGRANT_DATABASE_URL for a URL that is not PostgreSQL, without echoing it', async () => {
    const opening = openStore({
      databaseUrl: 'mysql://admin:hunter2@db/toolgrant',
      encryptionKey: randomBytes(32),
    });
    await expect(opening).rejects.toSatisfy(StoreConfigurationError.isInstance);
    await expect(opening).rejects.toThrow(
      'TOOLGRANT_DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database); got a mysql: URL.',
    );
    await expect(opening).rejects.not.toThrow(/hunter2/);
  });

  it('asks for a data directory or a database URL when given neither', async () => {
    await expect(openStore({ encryptionKey: randomBytes(32) })).rejects.toThrow(
      /give a data directory \(--data-dir\) for the SQLite file, or set TOOLGRANT_DATABASE_URL/,
    );
  });
});
