import type { ValueCipher } from '../crypto/value-cipher.js';
import type { SqlDatabase, SqlTransaction, SqlValue } from './sql-database.js';
import { connectionContext } from './sql-encryption-contexts.js';
import { parseScopes, toConnection, unique } from './sql-rows.js';
import type { Connection, ConnectionKey, Credential, SaveConnectionInput } from './store.js';

/**
 * Connections in `connections`: one encrypted credential per user and provider, its scopes,
 * status and refresh-attempt marker.
 */
export class SqlConnections {
  readonly #database: SqlDatabase;
  readonly #cipher: ValueCipher;

  constructor({ database, cipher }: { database: SqlDatabase; cipher: ValueCipher }) {
    this.#database = database;
    this.#cipher = cipher;
  }

  async saveConnection(input: SaveConnectionInput): Promise<Connection> {
    return this.#database.transaction((transaction) => this.saveConnectionIn(transaction, input));
  }

  /** `saveConnection` inside a transaction the caller holds (completing a flow saves with it). */
  async saveConnectionIn(
    transaction: SqlTransaction,
    input: SaveConnectionInput,
  ): Promise<Connection> {
    const context = connectionContext(input);
    await transaction.lock(context);
    const [existing] = await transaction.query(
      'SELECT scopes, credential_encrypted FROM connections WHERE user_id = $1 AND provider_id = $2',
      [input.userId, input.providerId],
    );
    const scopes = unique([...(existing ? parseScopes(existing.scopes) : []), ...input.scopes]);
    const refreshToken =
      input.refreshToken ??
      (existing === undefined
        ? undefined
        : this.#decryptCredential(String(existing.credential_encrypted), context).refreshToken);
    const now = Date.now();
    const [row] = await transaction.query(
      `INSERT INTO connections (user_id, provider_id, provider_type, scopes, status, token_type,
         expires_at, credential_encrypted, has_refresh_token, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'active', $5, $6, $7, $8, $9, $9)
       ON CONFLICT (user_id, provider_id) DO UPDATE SET
         provider_type = excluded.provider_type, scopes = excluded.scopes, status = 'active',
         token_type = excluded.token_type, expires_at = excluded.expires_at,
         credential_encrypted = excluded.credential_encrypted,
         has_refresh_token = excluded.has_refresh_token, updated_at = excluded.updated_at,
         refresh_started_at = NULL
       RETURNING *`,
      [
        input.userId,
        input.providerId,
        input.providerType,
        JSON.stringify(scopes),
        input.tokenType ?? null,
        input.expiresAt?.getTime() ?? null,
        this.#cipher.encrypt({
          plaintext: JSON.stringify({ accessToken: input.accessToken, refreshToken }),
          context,
        }),
        refreshToken === undefined ? 0 : 1,
        now,
      ],
    );
    return toConnection(row!);
  }

  async getCredential(key: ConnectionKey): Promise<Credential | undefined> {
    const [row] = await this.#database.query(
      'SELECT * FROM connections WHERE user_id = $1 AND provider_id = $2',
      [key.userId, key.providerId],
    );
    if (row === undefined) return undefined;
    const secrets = this.#decryptCredential(
      String(row.credential_encrypted),
      connectionContext(key),
    );
    return { ...toConnection(row), ...secrets };
  }

  async listConnections(filter: { userId?: string; providerId?: string }): Promise<Connection[]> {
    const conditions: string[] = [];
    const parameters: SqlValue[] = [];
    for (const [column, value] of [
      ['user_id', filter.userId],
      ['provider_id', filter.providerId],
    ] as const) {
      if (value === undefined) continue;
      parameters.push(value);
      conditions.push(`${column} = $${parameters.length}`);
    }
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const rows = await this.#database.query(
      `SELECT user_id, provider_id, provider_type, scopes, status, token_type, expires_at,
         has_refresh_token, refresh_started_at, created_at, updated_at
       FROM connections ${where} ORDER BY user_id, provider_id`,
      parameters,
    );
    return rows.map(toConnection);
  }

  async beginRefreshAttempt(key: ConnectionKey): Promise<void> {
    await this.#database.query(
      'UPDATE connections SET refresh_started_at = $1 WHERE user_id = $2 AND provider_id = $3',
      [Date.now(), key.userId, key.providerId],
    );
  }

  async endRefreshAttempt(key: ConnectionKey): Promise<void> {
    await this.#database.query(
      'UPDATE connections SET refresh_started_at = NULL WHERE user_id = $1 AND provider_id = $2',
      [key.userId, key.providerId],
    );
  }

  async markNeedsReauthorization(key: ConnectionKey): Promise<boolean> {
    const rows = await this.#database.query(
      `UPDATE connections SET status = 'needs_reauthorization', updated_at = $1,
         refresh_started_at = NULL
       WHERE user_id = $2 AND provider_id = $3 RETURNING user_id`,
      [Date.now(), key.userId, key.providerId],
    );
    return rows.length > 0;
  }

  async deleteConnection(key: ConnectionKey): Promise<boolean> {
    const rows = await this.#database.query(
      'DELETE FROM connections WHERE user_id = $1 AND provider_id = $2 RETURNING user_id',
      [key.userId, key.providerId],
    );
    return rows.length > 0;
  }

  async deleteConnections({ userId }: { userId: string }): Promise<number> {
    const rows = await this.#database.query(
      'DELETE FROM connections WHERE user_id = $1 RETURNING user_id',
      [userId],
    );
    return rows.length;
  }

  #decryptCredential(
    ciphertext: string,
    context: string,
  ): { accessToken: string; refreshToken: string | undefined } {
    const parsed = JSON.parse(this.#cipher.decrypt({ ciphertext, context })) as {
      accessToken: string;
      refreshToken?: string;
    };
    return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken };
  }
}
