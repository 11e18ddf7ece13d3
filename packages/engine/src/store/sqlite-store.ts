import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseEncryptionKey } from '../crypto/parse-encryption-key.js';
import { ValueCipher } from '../crypto/value-cipher.js';
import { SqlStore } from './sql-store.js';
import { SqliteDatabase } from './sqlite-database.js';

export const sqliteFileName = 'toolgrant.db';

/** The embedded store: one SQLite file (WAL mode) in the data directory, for one engine process. */
export class SqliteStore extends SqlStore {
  static async open({
    dataDirectory,
    encryptionKey,
  }: {
    dataDirectory: string;
    /** 32 bytes, or the key as written in TOOLGRANT_ENCRYPTION_KEY. */
    encryptionKey: Uint8Array | string;
  }): Promise<SqliteStore> {
    const key =
      typeof encryptionKey === 'string'
        ? parseEncryptionKey({ value: encryptionKey })
        : encryptionKey;
    const cipher = new ValueCipher({ key });
    await mkdir(dataDirectory, { recursive: true, mode: 0o700 });
    const database = new SqliteDatabase({ file: path.join(dataDirectory, sqliteFileName) });
    const store = new SqliteStore({ database, cipher });
    try {
      await store.initialize();
    } catch (error) {
      await database.close();
      throw error;
    }
    return store;
  }
}
