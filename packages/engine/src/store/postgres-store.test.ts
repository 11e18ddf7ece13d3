import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { describeWithPostgres } from '../../test/describe-with-postgres.js';
import { migrations } from './migrations.js';
import { openStore } from './open-store.js';
import { PostgresStore } from './postgres-store.js';
import { describeStoreContract } from './store-contract.js';

describeWithPostgres('PostgresStore', (url) => {
  // Each location is its own schema, dropped afterwards, so parallel runs never collide.
  describeStoreContract('PostgresStore', {
    sharedAcrossProcesses: true,
    async createLocation() {
      const schema = `toolgrant_test_${randomBytes(6).toString('hex')}`;
      const runSql = async (sql: string) => {
        const client = new pg.Client({
          connectionString: url,
          options: `-c search_path=${schema}`,
        });
        await client.connect();
        try {
          return (await client.query(sql)).rows as Record<string, unknown>[];
        } finally {
          await client.end();
        }
      };
      return {
        open: ({ encryptionKey }) =>
          PostgresStore.open({ databaseUrl: url, schema, encryptionKey }),
        async readRaw() {
          const tables = ['auth_flows', 'connections', 'secrets', 'meta', 'runtime_workers'];
          const dumps = await Promise.all(
            tables.map((table) => runSql(`SELECT row_to_json(t)::text AS row FROM ${table} t`)),
          );
          return dumps
            .flat()
            .map((row) => String(row.row))
            .join('\n');
        },
        runSql,
        destroy: async () => {
          await runSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        },
      };
    },
  });

  describe('PostgresStore', () => {
    it('rejects a schema name it would have to quote, naming it', async () => {
      await expect(
        PostgresStore.open({
          databaseUrl: url,
          schema: 'Bad-Name',
          encryptionKey: randomBytes(32),
        }),
      ).rejects.toThrow("The PostgreSQL schema name 'Bad-Name' is not allowed");
    });

    it('is what openStore opens for a postgres:// URL', async () => {
      const schema = `toolgrant_test_${randomBytes(6).toString('hex')}`;
      const store = await openStore({ databaseUrl: url, schema, encryptionKey: randomBytes(32) });
      try {
        expect(store).toBeInstanceOf(PostgresStore);
        expect(store.location).toContain(`(schema ${schema})`);
      } finally {
        await store.close();
        await dropSchema(url, schema);
      }
    });

    it('after its LISTEN connection drops, reconnects and wakes waiters whose flow settled meanwhile', async () => {
      const schema = `toolgrant_test_${randomBytes(6).toString('hex')}`;
      const encryptionKey = randomBytes(32);
      const waiting = await PostgresStore.open({ databaseUrl: url, schema, encryptionKey });
      const settling = await PostgresStore.open({ databaseUrl: url, schema, encryptionKey });
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const flow = await waiting.createFlow({
          userId: 'user-a',
          providerId: 'testkit',
          providerType: 'oauth2',
          scopes: [],
        });
        const woken = new Promise<void>((resolve) => waiting.onFlowSettled(flow.id, resolve));
        const listeners = `SELECT pid FROM pg_stat_activity
            WHERE application_name = $1 AND query = 'LISTEN toolgrant_flow_settled'`;
        const { rows } = await admin.query(listeners, [`toolgrant ${schema}`]);
        expect(rows).toHaveLength(2);
        // Drop both stores' LISTEN connections.
        for (const { pid } of rows) await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        while (
          (
            await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1)', [
              rows.map((row) => row.pid),
            ])
          ).rowCount !== 0
        ) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        // Settled while nobody listens: the NOTIFY is lost, only the reconnect can wake the waiter.
        await settling.failFlow({ flowId: flow.id, reason: 'access_denied' });
        await woken;
        expect((await waiting.findFlow(flow.id))?.status).toBe('failed');
        // And it listens again afterwards.
        const next = await waiting.createFlow({
          userId: 'user-a',
          providerId: 'testkit',
          providerType: 'oauth2',
          scopes: [],
        });
        const wokenAgain = new Promise<void>((resolve) => waiting.onFlowSettled(next.id, resolve));
        await waitUntil(
          async () => (await admin.query(listeners, [`toolgrant ${schema}`])).rowCount === 2,
        );
        await settling.failFlow({ flowId: next.id, reason: 'access_denied' });
        await wokenAgain;
      } finally {
        await admin.end();
        await Promise.all([waiting.close(), settling.close()]);
        await dropSchema(url, schema);
      }
    });

    it('migrates once when several processes start at the same time', async () => {
      const schema = `toolgrant_test_${randomBytes(6).toString('hex')}`;
      const encryptionKey = randomBytes(32);
      const stores = await Promise.all(
        Array.from({ length: 4 }, () =>
          PostgresStore.open({ databaseUrl: url, schema, encryptionKey }),
        ),
      );
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const result = await client.query(
          `SELECT version FROM ${schema}.schema_migrations ORDER BY version`,
        );
        expect(result.rows).toEqual(migrations.map(({ version }) => ({ version })));
        expect(stores[0]!.location).toMatch(new RegExp(`\\(schema ${schema}\\)$`));
      } finally {
        await Promise.all(stores.map((store) => store.close()));
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
    });
  });
});

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
