import { PostgresStore } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';
import { StoreConfigurationError } from './store-configuration-error.js';

/**
 * PostgreSQL when `databaseUrl` is a `postgres://` URL (TOOLGRANT_DATABASE_URL), otherwise the
 * SQLite file in `dataDirectory`.
 */
export async function openStore({
  databaseUrl,
  dataDirectory,
  encryptionKey,
  schema,
}: {
  databaseUrl?: string | undefined;
  dataDirectory?: string | undefined;
  encryptionKey: Uint8Array | string;
  /** PostgreSQL only; default `public`. */
  schema?: string | undefined;
}): Promise<Store> {
  if (databaseUrl !== undefined && databaseUrl !== '') {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(databaseUrl)?.[1]?.toLowerCase();
    if (scheme !== 'postgres' && scheme !== 'postgresql') {
      throw new StoreConfigurationError({
        message:
          `TOOLGRANT_DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database); ` +
          `got ${scheme === undefined ? 'a value without a scheme' : `a ${scheme}: URL`}. ` +
          'Leave it unset to use the SQLite file in the data directory.',
      });
    }
    return PostgresStore.open({ databaseUrl, encryptionKey, ...(schema ? { schema } : {}) });
  }
  if (dataDirectory === undefined || dataDirectory === '') {
    throw new StoreConfigurationError({
      message:
        'The store needs a place for its data: give a data directory (--data-dir) for the SQLite file, or set TOOLGRANT_DATABASE_URL to a PostgreSQL URL.',
    });
  }
  return SqliteStore.open({ dataDirectory, encryptionKey });
}
