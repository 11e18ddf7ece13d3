import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { requireStorableText } from './require-storable-text.js';
import type {
  FlowSettledSubscriber,
  SqlDatabase,
  SqlRow,
  SqlTransaction,
  SqlValue,
} from './sql-database.js';

/**
 * One SQLite file through Node's built-in `node:sqlite` (no native build). The connection is
 * synchronous but our callers are not, so transactions take turns: while one is open, every
 * other query waits for it instead of slipping into it.
 */
export class SqliteDatabase implements SqlDatabase {
  readonly location: string;
  readonly #database: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  #tail: Promise<unknown> = Promise.resolve();
  #inTransaction = false;
  #subscriber: FlowSettledSubscriber | undefined;
  readonly #heldLocks = new Map<string, number>();

  constructor({ file }: { file: string }) {
    this.location = file;
    this.#database = new DatabaseSync(file);
    this.#database.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;',
    );
  }

  async query(sql: string, parameters: readonly SqlValue[] = []): Promise<SqlRow[]> {
    while (this.#inTransaction) await this.#tail;
    return this.#run(sql, parameters);
  }

  async transaction<T>(body: (transaction: SqlTransaction) => Promise<T>): Promise<T> {
    const previous = this.#tail;
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#tail = previous.then(() => turn);
    await previous;
    this.#inTransaction = true;
    try {
      this.#database.exec('BEGIN IMMEDIATE');
      try {
        const result = await body({
          query: async (sql, parameters = []) => this.#run(sql, parameters),
          lock: async () => {},
        });
        this.#database.exec('COMMIT');
        return result;
      } catch (error) {
        this.#database.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.#inTransaction = false;
      release();
    }
  }

  // One file serves one engine process, so the in-process single flight above this is the
  // lock; held keys are only counted, for `isCrossProcessLockHeld`.
  async withCrossProcessLock<T>(key: string, body: () => Promise<T>): Promise<T> {
    this.#heldLocks.set(key, (this.#heldLocks.get(key) ?? 0) + 1);
    try {
      return await body();
    } finally {
      const remaining = (this.#heldLocks.get(key) ?? 1) - 1;
      if (remaining === 0) this.#heldLocks.delete(key);
      else this.#heldLocks.set(key, remaining);
    }
  }

  async isCrossProcessLockHeld(key: string): Promise<boolean> {
    return this.#heldLocks.has(key);
  }

  async publishFlowSettled(flowId: string): Promise<void> {
    this.#subscriber?.deliver(flowId);
  }

  async subscribeFlowSettled(subscriber: FlowSettledSubscriber): Promise<void> {
    this.#subscriber = subscriber;
  }

  async close(): Promise<void> {
    await this.#tail;
    this.#subscriber = undefined;
    this.#statements.clear();
    if (this.#database.isOpen) this.#database.close();
  }

  #run(sql: string, parameters: readonly SqlValue[]): SqlRow[] {
    requireStorableText(parameters);
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      // `$1` becomes SQLite's numbered `?1`, bound by position.
      statement = this.#database.prepare(sql.replace(/\$(\d+)/g, '?$1'));
      this.#statements.set(sql, statement);
    }
    return statement.all(...parameters) as SqlRow[];
  }
}
