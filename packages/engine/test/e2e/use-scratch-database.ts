import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

// A PostgreSQL database of a suite's own, created in `beforeAll` and dropped (whoever still
// holds it open) in `afterAll`: createEngine keeps its tables in the `public` schema.

export type ScratchDatabase = {
  /** The server's URL with this database's name. */
  readonly url: string;
  /** Runs one statement on a connection of its own and resolves with its rows. */
  query(sql: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
};

async function runOnce(connectionString: string, sql: string, values?: unknown[]) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

export function useScratchDatabase({
  serverUrl,
  namePrefix,
}: {
  serverUrl: string;
  /** The database is named `${namePrefix}_` and twelve random hex digits. */
  namePrefix: string;
}): ScratchDatabase {
  const name = `${namePrefix}_${randomBytes(6).toString('hex')}`;
  beforeAll(async () => {
    await runOnce(serverUrl, `CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await runOnce(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return {
    // Read lazily: a skipped suite is declared with an empty server URL.
    get url() {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return url.href;
    },
    query(sql, values) {
      return runOnce(this.url, sql, values);
    },
  };
}
