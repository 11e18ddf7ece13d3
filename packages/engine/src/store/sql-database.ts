// The little a `SqlStore` needs from a database, so that SQLite and PostgreSQL share every
// query. SQL is written with `$1` placeholders, `bigint` epoch-millisecond timestamps and
// JSON text arrays, which both databases read alike.

/** A value a query takes as a parameter. */
export type SqlValue = string | number | null;
/** A row as a query returns it, by column name. */
export type SqlRow = Record<string, unknown>;

/** Something that runs SQL with `$1` placeholders: a database or a transaction. */
export interface SqlQueryable {
  query(sql: string, parameters?: readonly SqlValue[]): Promise<SqlRow[]>;
}

/** A database transaction, which can also take an advisory lock. */
export interface SqlTransaction extends SqlQueryable {
  /**
   * Makes other transactions that take the same key wait until this one ends (PostgreSQL's
   * advisory transaction lock; SQLite already runs one write transaction at a time).
   */
  lock(key: string): Promise<void>;
}

/** Who is told when a flow settles, and when notifications may have been missed. */
export type FlowSettledSubscriber = {
  deliver: (flowId: string) => void;
  /** Called after notifications may have been missed (a dropped LISTEN connection). */
  resynchronize: () => void;
};

/** A SQLite or PostgreSQL database, as a `SqlStore` uses it. */
export interface SqlDatabase extends SqlQueryable {
  /** A file path or a redacted URL, for messages. */
  readonly location: string;
  transaction<T>(body: (transaction: SqlTransaction) => Promise<T>): Promise<T>;
  /** Runs `body` while holding a lock that other processes sharing the database respect too. */
  withCrossProcessLock<T>(key: string, body: () => Promise<T>): Promise<T>;
  /** Whether some process (this one included) holds `withCrossProcessLock(key)` right now. */
  isCrossProcessLockHeld(key: string): Promise<boolean>;
  /** Tells every store on this database, in this process or another, that a flow settled. */
  publishFlowSettled(flowId: string): Promise<void>;
  subscribeFlowSettled(subscriber: FlowSettledSubscriber): Promise<void>;
  close(): Promise<void>;
}
