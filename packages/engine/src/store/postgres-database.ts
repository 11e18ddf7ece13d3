import pg from 'pg';
import { requireStorableText } from './require-storable-text.js';
import type {
  FlowSettledSubscriber,
  SqlDatabase,
  SqlRow,
  SqlTransaction,
  SqlValue,
} from './sql-database.js';

const channel = 'toolgrant_flow_settled';
// First half of every advisory lock key ("tool"), so ours stay apart from other applications'.
const lockNamespace = 0x746f6f6c;
const reconnectDelaysMs = [100, 250, 500, 1000, 2000, 5000];

/**
 * PostgreSQL for several engine processes: a query pool, a second pool whose connections hold
 * refresh locks (so a refresh waiting on a lock never starves the queries it makes), and one
 * LISTEN connection that wakes this process's waiters when a flow settles anywhere.
 */
export class PostgresDatabase implements SqlDatabase {
  readonly location: string;
  readonly schema: string;
  readonly #clientConfig: pg.ClientConfig;
  readonly #pool: pg.Pool;
  readonly #lockPool: pg.Pool;
  #listener: pg.Client | undefined;
  #subscriber: FlowSettledSubscriber | undefined;
  #reconnectAttempt = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor({
    databaseUrl,
    schema,
    poolSize,
  }: {
    databaseUrl: string;
    schema: string;
    poolSize: number;
  }) {
    this.schema = schema;
    this.location = `${redactUrl(databaseUrl)} (schema ${schema})`;
    // Every connection resolves our unqualified table names in the schema.
    this.#clientConfig = {
      connectionString: databaseUrl,
      options: `-c search_path=${schema}`,
      // Names our connections in pg_stat_activity.
      application_name: `toolgrant ${schema}`.slice(0, 63),
    };
    this.#pool = new pg.Pool({ ...this.#clientConfig, max: poolSize });
    this.#lockPool = new pg.Pool({ ...this.#clientConfig, max: poolSize });
    // An idle connection that drops is discarded by the pool; the next query opens another,
    // and a query that fails rejects its own promise.
    this.#pool.on('error', () => {});
    this.#lockPool.on('error', () => {});
  }

  async createSchema(): Promise<void> {
    try {
      await this.#pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
    } catch (error) {
      // Two processes creating it at once: the loser sees a duplicate, which is what it wanted.
      const code = (error as { code?: string }).code;
      if (code !== '42P06' && code !== '23505') throw error;
    }
  }

  async query(sql: string, parameters: readonly SqlValue[] = []): Promise<SqlRow[]> {
    requireStorableText(parameters);
    const result = await this.#pool.query(sql, [...parameters]);
    return result.rows as SqlRow[];
  }

  async transaction<T>(body: (transaction: SqlTransaction) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        const result = await body({
          query: async (sql, parameters = []) => {
            requireStorableText(parameters);
            return (await client.query(sql, [...parameters])).rows as SqlRow[];
          },
          lock: async (key) => {
            await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
              lockNamespace,
              `${this.schema}:${key}`,
            ]);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  async withCrossProcessLock<T>(key: string, body: () => Promise<T>): Promise<T> {
    const client = await this.#lockPool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        lockNamespace,
        `${this.schema}:${key}`,
      ]);
      try {
        return await body();
      } finally {
        // The lock ends with the transaction; nothing else was written in it.
        await client.query('COMMIT').catch((commitError: Error) => {
          broken = commitError;
        });
      }
    } finally {
      client.release(broken);
    }
  }

  async isCrossProcessLockHeld(key: string): Promise<boolean> {
    // Taking it and letting go at once: a lock we can take is held by no one. A process that
    // died lost its connection, and with it every lock it held.
    return this.transaction(async (transaction) => {
      const [row] = await transaction.query(
        'SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS acquired',
        [lockNamespace, `${this.schema}:${key}`],
      );
      return row?.acquired !== true;
    });
  }

  async publishFlowSettled(flowId: string): Promise<void> {
    await this.#pool.query('SELECT pg_notify($1, $2)', [channel, `${this.schema}/${flowId}`]);
  }

  async subscribeFlowSettled(subscriber: FlowSettledSubscriber): Promise<void> {
    this.#subscriber = subscriber;
    await this.#listen();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    const listener = this.#listener;
    this.#listener = undefined;
    await Promise.all([listener?.end().catch(() => {}), this.#pool.end(), this.#lockPool.end()]);
  }

  async #listen(): Promise<void> {
    const client = new pg.Client(this.#clientConfig);
    const prefix = `${this.schema}/`;
    client.on('notification', (notification) => {
      const payload = notification.payload;
      if (notification.channel !== channel || payload?.startsWith(prefix) !== true) return;
      this.#subscriber?.deliver(payload.slice(prefix.length));
    });
    // Only a connection that was listening schedules a reconnect; a failed connect rejects.
    const onLost = () => {
      if (this.#listener !== client || this.#closed) return;
      this.#listener = undefined;
      client.end().catch(() => {});
      this.#scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', onLost);
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      client.end().catch(() => {});
      throw error;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    this.#listener = client;
    this.#reconnectAttempt = 0;
  }

  #scheduleReconnect(): void {
    const delay =
      reconnectDelaysMs[Math.min(this.#reconnectAttempt, reconnectDelaysMs.length - 1)]!;
    this.#reconnectAttempt += 1;
    this.#reconnectTimer = setTimeout(() => {
      if (this.#closed) return;
      this.#listen().then(
        // Settlements while we were away were missed: let every waiter re-check its flow.
        () => this.#subscriber?.resynchronize(),
        () => this.#scheduleReconnect(),
      );
    }, delay);
    this.#reconnectTimer.unref();
  }
}

function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password !== '') url.password = '***';
    url.search = '';
    return url.toString();
  } catch {
    return 'the PostgreSQL database in TOOLGRANT_DATABASE_URL';
  }
}
