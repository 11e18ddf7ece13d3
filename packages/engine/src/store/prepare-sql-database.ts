import type { ValueCipher } from '../crypto/value-cipher.js';
import { EncryptionKeyMismatchError } from './encryption-key-mismatch-error.js';
import { migrations } from './migrations.js';
import type { SqlDatabase } from './sql-database.js';

const fingerprintKey = 'encryption_key_fingerprint';

/**
 * Applies the migrations not applied yet and checks that the database was encrypted with
 * `cipher`'s key (a new database takes its fingerprint), in one transaction that concurrent
 * openers take turns on.
 */
export async function prepareSqlDatabase({
  database,
  cipher,
}: {
  database: SqlDatabase;
  cipher: ValueCipher;
}): Promise<void> {
  await database.transaction(async (transaction) => {
    await transaction.lock('toolgrant:migrations');
    await transaction.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at bigint NOT NULL)',
    );
    const rows = await transaction.query('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await transaction.query(statement);
      await transaction.query(
        'INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)',
        [migration.version, migration.description, Date.now()],
      );
    }

    await transaction.query(
      'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
      [fingerprintKey, cipher.fingerprint],
    );
    const [stored] = await transaction.query('SELECT value FROM meta WHERE key = $1', [
      fingerprintKey,
    ]);
    const storedFingerprint = String(stored?.value);
    if (storedFingerprint !== cipher.fingerprint) {
      throw new EncryptionKeyMismatchError({
        location: database.location,
        storedFingerprint,
        givenFingerprint: cipher.fingerprint,
      });
    }
  });
}
