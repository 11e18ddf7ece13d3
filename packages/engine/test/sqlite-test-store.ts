import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SqliteStore, sqliteFileName } from '../src/store/sqlite-store.js';

// A SQLite store in a fresh directory, reopenable (an engine restart), and a raw snapshot of
// its rows so a test can assert that a request changed nothing.

export type StoreRows = Record<'auth_flows' | 'connections' | 'secrets', Record<string, unknown>[]>;

export async function createSqliteTestStore() {
  const dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-broker-'));
  const encryptionKey = randomBytes(32);
  const open = () => SqliteStore.open({ dataDirectory, encryptionKey });
  return {
    open,
    snapshot(): StoreRows {
      const database = new DatabaseSync(path.join(dataDirectory, sqliteFileName));
      try {
        const rows = (table: string) =>
          database.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all() as Record<
            string,
            unknown
          >[];
        return {
          auth_flows: rows('auth_flows'),
          connections: rows('connections'),
          secrets: rows('secrets'),
        };
      } finally {
        database.close();
      }
    },
    destroy: () => rm(dataDirectory, { recursive: true, force: true }),
  };
}
