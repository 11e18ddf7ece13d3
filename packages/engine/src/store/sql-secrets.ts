import type { ValueCipher } from '../crypto/value-cipher.js';
import type { SqlDatabase } from './sql-database.js';
import { secretContext } from './sql-encryption-contexts.js';
import type { SecretKey } from './store.js';

/**
 * Secrets in `secrets`, encrypted: engine-wide ones under the user id '' (no user), a user's
 * own under theirs.
 */
export class SqlSecrets {
  readonly #database: SqlDatabase;
  readonly #cipher: ValueCipher;

  constructor({ database, cipher }: { database: SqlDatabase; cipher: ValueCipher }) {
    this.#database = database;
    this.#cipher = cipher;
  }

  async setSecret({
    key,
    value,
    userId,
  }: {
    key: string;
    value: string;
    userId?: string | undefined;
  }): Promise<void> {
    const owner = userId ?? '';
    await this.#database.query(
      `INSERT INTO secrets (user_id, key, value_encrypted, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, key) DO UPDATE SET
         value_encrypted = excluded.value_encrypted, updated_at = excluded.updated_at`,
      [
        owner,
        key,
        this.#cipher.encrypt({ plaintext: value, context: secretContext(owner, key) }),
        Date.now(),
      ],
    );
  }

  async getSecret({
    key,
    userId,
  }: {
    key: string;
    userId?: string | undefined;
  }): Promise<string | undefined> {
    const owner = userId ?? '';
    const [row] = await this.#database.query(
      'SELECT value_encrypted FROM secrets WHERE user_id = $1 AND key = $2',
      [owner, key],
    );
    if (row === undefined) return undefined;
    return this.#cipher.decrypt({
      ciphertext: String(row.value_encrypted),
      context: secretContext(owner, key),
    });
  }

  async deleteSecret({
    key,
    userId,
  }: {
    key: string;
    userId?: string | undefined;
  }): Promise<boolean> {
    const rows = await this.#database.query(
      'DELETE FROM secrets WHERE user_id = $1 AND key = $2 RETURNING key',
      [userId ?? '', key],
    );
    return rows.length > 0;
  }

  async listSecretKeys({ userId }: { userId?: string | undefined }): Promise<SecretKey[]> {
    const rows = await this.#database.query(
      'SELECT key, updated_at FROM secrets WHERE user_id = $1 ORDER BY key',
      [userId ?? ''],
    );
    return rows.map((row) => ({
      key: String(row.key),
      userId,
      updatedAt: new Date(Number(row.updated_at)),
    }));
  }
}
