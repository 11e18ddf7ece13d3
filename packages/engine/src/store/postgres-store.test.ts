import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresStore } from './postgres-store.js';
import { describeStoreContract } from './store-contract.js';

const databaseUrl = process.env.TOOLGRANT_TEST_DATABASE_URL;
const inCi = process.env.CI === 'true';

// CI must run this suite; a missing database URL there is a failure, not a skip.
if (databaseUrl === undefined && inCi) {
  describe('PostgresStore', () => {
    it('runs in CI', () => {
      throw new Error(
        'CI=true but TOOLGRANT_TEST_DATABASE_URL is not set; set it (for example postgres://postgres@127.0.0.1:5432/test) so the PostgreSQL suite runs.',
      );
    });
  });
}

describe.skipIf(databaseUrl === undefined)(
  databaseUrl === undefined
    ? 'PostgresStore (skipped: set TOOLGRANT_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run)'
    : 'PostgresStore',
  () => {
    const url = databaseUrl ?? '';

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
            const tables = ['auth_flows', 'connections', 'secrets', 'meta'];
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
          const result = await client.query(`SELECT version FROM ${schema}.schema_migrations`);
          expect(result.rows).toEqual([{ version: 1 }]);
          expect(stores[0]!.location).toMatch(new RegExp(`\\(schema ${schema}\\)$`));
        } finally {
          await Promise.all(stores.map((store) => store.close()));
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await client.end();
        }
      });
    });
  },
);
