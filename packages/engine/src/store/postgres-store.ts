import { parseEncryptionKey } from '../crypto/parse-encryption-key.js';
import { ValueCipher } from '../crypto/value-cipher.js';
import { PostgresDatabase } from './postgres-database.js';
import { SqlStore } from './sql-store.js';

export const databaseUrlEnvironmentVariable = 'TOOLGRANT_DATABASE_URL';

/**
 * The store for several engine processes sharing one PostgreSQL database: migrations on open,
 * advisory locks for refreshes, LISTEN/NOTIFY for settled flows.
 */
export class PostgresStore extends SqlStore {
  static async open({
    databaseUrl,
    schema = 'public',
    encryptionKey,
    poolSize = 10,
  }: {
    databaseUrl: string;
    /** Where the tables live; created when missing. Lowercase letters, digits and `_`. */
    schema?: string;
    /** 32 bytes, or the key as written in TOOLGRANT_ENCRYPTION_KEY. */
    encryptionKey: Uint8Array | string;
    /** Connections per pool (one pool for queries, one for refresh locks). */
    poolSize?: number;
  }): Promise<PostgresStore> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new RangeError(
        `The PostgreSQL schema name '${schema}' is not allowed: use lowercase letters, digits and _ (at most 63, not starting with a digit).`,
      );
    }
    const key =
      typeof encryptionKey === 'string'
        ? parseEncryptionKey({ value: encryptionKey })
        : encryptionKey;
    const cipher = new ValueCipher({ key });
    const database = new PostgresDatabase({ databaseUrl, schema, poolSize });
    const store = new PostgresStore({ database, cipher });
    try {
      await database.createSchema();
      await store.initialize();
    } catch (error) {
      await database.close();
      throw error;
    }
    return store;
  }
}
