import { randomUUID } from 'node:crypto';
import type { ValueCipher } from '../crypto/value-cipher.js';
import type { SqlDatabase } from './sql-database.js';
import { workerContext } from './sql-encryption-contexts.js';
import { parseNames, toRuntimeWorker, unique } from './sql-rows.js';
import type { RuntimeWorker, SaveRuntimeWorkerResult, StoredRuntimeWorker } from './store.js';

/**
 * Runtime workers in `runtime_workers`, each with its encrypted shared secret; no toolkit
 * belongs to two of them.
 */
export class SqlRuntimeWorkers {
  readonly #database: SqlDatabase;
  readonly #cipher: ValueCipher;

  constructor({ database, cipher }: { database: SqlDatabase; cipher: ValueCipher }) {
    this.#database = database;
    this.#cipher = cipher;
  }

  async listRuntimeWorkers(): Promise<StoredRuntimeWorker[]> {
    const rows = await this.#database.query(
      'SELECT * FROM runtime_workers ORDER BY created_at, id',
    );
    return rows.map((row) => toRuntimeWorker(row, this.#cipher));
  }

  async saveRuntimeWorker({
    worker,
    replaces,
  }: {
    worker: RuntimeWorker;
    replaces?: string | undefined;
  }): Promise<SaveRuntimeWorkerResult> {
    return this.#database.transaction(async (transaction) => {
      // One registration at a time, across processes: the toolkit check and the insert agree.
      await transaction.lock('toolgrant:runtime_workers');
      const rows = await transaction.query('SELECT id, toolkits FROM runtime_workers');
      const existing = new Map(rows.map((row) => [String(row.id), parseNames(row.toolkits)]));
      if (replaces !== undefined && !existing.has(replaces)) {
        return { outcome: 'replaced_not_found' };
      }
      if (worker.id !== replaces && existing.has(worker.id)) return { outcome: 'id_taken' };
      for (const [workerId, toolkits] of existing) {
        if (workerId === replaces) continue;
        const toolkit = worker.toolkits.find((name) => toolkits.includes(name));
        if (toolkit !== undefined) return { outcome: 'toolkit_taken', toolkit, workerId };
      }
      const now = Date.now();
      const [createdAt] =
        replaces === undefined
          ? []
          : await transaction.query(
              'DELETE FROM runtime_workers WHERE id = $1 RETURNING created_at',
              [replaces],
            );
      const [row] = await transaction.query(
        `INSERT INTO runtime_workers (id, url, secret_encrypted, timeout_ms, retry_attempts,
           retry_backoff_ms, health_check_interval_ms, enabled, toolkits, revision, created_at,
           updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
        [
          worker.id,
          worker.url,
          this.#cipher.encrypt({ plaintext: worker.secret, context: workerContext(worker.id) }),
          worker.timeoutMs,
          worker.retry.attempts,
          worker.retry.backoffMs,
          worker.healthCheckIntervalMs,
          worker.enabled ? 1 : 0,
          JSON.stringify(unique(worker.toolkits)),
          randomUUID(),
          // A worker replaced under its own id keeps its place in the order.
          worker.id === replaces && createdAt !== undefined ? Number(createdAt.created_at) : now,
          now,
        ],
      );
      return { outcome: 'saved', worker: toRuntimeWorker(row!, this.#cipher) };
    });
  }

  async deleteRuntimeWorker(id: string): Promise<boolean> {
    const rows = await this.#database.query(
      'DELETE FROM runtime_workers WHERE id = $1 RETURNING id',
      [id],
    );
    return rows.length > 0;
  }
}
