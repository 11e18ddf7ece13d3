import { randomUUID } from 'node:crypto';
import type { SqlQueryable, SqlRow } from './sql-database.js';
import { toMcpToken } from './sql-rows.js';
import type { StoredMcpToken } from './store.js';

/**
 * The MCP endpoint's records: tokens in `mcp_tokens` (kept by hash, never in plaintext, so
 * nothing here is encrypted) and consent request states in `mcp_spent_request_states`.
 */
export class SqlMcpRecords {
  readonly #database: SqlQueryable;

  constructor({ database }: { database: SqlQueryable }) {
    this.#database = database;
  }

  async createMcpToken({
    tokenHash,
    userId,
    toolkits,
    expiresAt,
  }: {
    tokenHash: string;
    userId: string;
    toolkits: readonly string[] | undefined;
    expiresAt: Date;
  }): Promise<StoredMcpToken> {
    const [row] = await this.#database.query(
      `INSERT INTO mcp_tokens (id, token_hash, user_id, toolkits, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [
        `mcpt_${randomUUID()}`,
        tokenHash,
        userId,
        toolkits === undefined ? null : JSON.stringify(toolkits),
        Date.now(),
        expiresAt.getTime(),
      ],
    );
    return toMcpToken(row as SqlRow);
  }

  async findMcpToken(tokenHash: string): Promise<StoredMcpToken | undefined> {
    const [row] = await this.#database.query('SELECT * FROM mcp_tokens WHERE token_hash = $1', [
      tokenHash,
    ]);
    return row === undefined ? undefined : toMcpToken(row);
  }

  async revokeMcpToken(id: string): Promise<boolean> {
    const rows = await this.#database.query(
      'UPDATE mcp_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [id, Date.now()],
    );
    return rows.length > 0;
  }

  async spendMcpRequestState({ id, expiresAt }: { id: string; expiresAt: Date }): Promise<boolean> {
    const rows = await this.#database.query(
      `INSERT INTO mcp_spent_request_states (id, expires_at) VALUES ($1, $2)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, expiresAt.getTime()],
    );
    return rows.length > 0;
  }

  async pruneMcpRecords({ before }: { before: Date }): Promise<number> {
    const tokens = await this.#database.query(
      'DELETE FROM mcp_tokens WHERE expires_at < $1 RETURNING id',
      [before.getTime()],
    );
    const states = await this.#database.query(
      'DELETE FROM mcp_spent_request_states WHERE expires_at < $1 RETURNING id',
      [before.getTime()],
    );
    return tokens.length + states.length;
  }
}
