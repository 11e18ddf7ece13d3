import type { SqlDatabase } from './sql-database.js';
import type { ConnectionKey } from './store.js';

/**
 * One token refresh per user and provider at a time: callers in this process share the
 * refresh in flight, and other processes on the database wait on its cross-process lock.
 */
export class SqlRefreshLocks {
  readonly #database: SqlDatabase;
  readonly #inFlight = new Map<string, Promise<unknown>>();

  constructor({ database }: { database: SqlDatabase }) {
    this.#database = database;
  }

  withRefreshLock<T>(key: ConnectionKey, refresh: () => Promise<T>): Promise<T> {
    const lockKey = `refresh:${JSON.stringify([key.userId, key.providerId])}`;
    const inFlight = this.#inFlight.get(lockKey);
    if (inFlight !== undefined) return inFlight as Promise<T>;
    const run = this.#database
      .withCrossProcessLock(lockKey, refresh)
      .finally(() => this.#inFlight.delete(lockKey));
    this.#inFlight.set(lockKey, run);
    return run;
  }

  /** Resolves once every refresh in flight has ended, however it ended. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#inFlight.values()]);
  }
}
