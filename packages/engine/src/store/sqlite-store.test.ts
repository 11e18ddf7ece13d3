import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { SqliteStore, sqliteFileName } from './sqlite-store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('SqliteStore', {
  sharedAcrossProcesses: false,
  async createLocation() {
    const dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-store-'));
    const file = path.join(dataDirectory, sqliteFileName);
    const runSql = async (sql: string) => {
      const database = new DatabaseSync(file);
      try {
        return database.prepare(sql).all() as Record<string, unknown>[];
      } finally {
        database.close();
      }
    };
    return {
      open: ({ encryptionKey }) => SqliteStore.open({ dataDirectory, encryptionKey }),
      // The main file and the write-ahead log, byte for byte, plus every row as text.
      async readRaw() {
        const files = await readdir(dataDirectory);
        const bytes = await Promise.all(
          files
            .filter((name) => name.startsWith(sqliteFileName))
            .map((name) => readFile(path.join(dataDirectory, name), 'latin1')),
        );
        const rows = await Promise.all(
          ['auth_flows', 'connections', 'secrets', 'meta', 'runtime_workers'].map(async (table) =>
            JSON.stringify(await runSql(`SELECT * FROM ${table}`)),
          ),
        );
        return [...bytes, ...rows].join('\n');
      },
      runSql,
      destroy: () => rm(dataDirectory, { recursive: true, force: true }),
    };
  },
});

describe('SqliteStore', () => {
  it('creates its data directory (0700) and one WAL-mode file in it', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'toolgrant-store-'));
    const dataDirectory = path.join(parent, 'nested', 'data');
    try {
      const store = await SqliteStore.open({
        dataDirectory,
        encryptionKey: Buffer.alloc(32, 7).toString('base64'),
      });
      expect(store.location).toBe(path.join(dataDirectory, sqliteFileName));
      await store.close();
      expect((await stat(dataDirectory)).mode & 0o777).toBe(0o700);
      const database = new DatabaseSync(path.join(dataDirectory, sqliteFileName));
      expect(database.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
      database.close();
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
