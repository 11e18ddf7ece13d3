import { describe, it } from 'vitest';

// The one rule for suites that need PostgreSQL: they run whenever TOOLGRANT_TEST_DATABASE_URL
// is set; on a machine without it they report themselves skipped, saying how to run them; in
// CI (CI=true) a missing URL is a failure, never a skip.

const howToRun = 'set TOOLGRANT_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test';

export function describeWithPostgres(name: string, suite: (databaseUrl: string) => void): void {
  const databaseUrl = process.env.TOOLGRANT_TEST_DATABASE_URL;
  if (databaseUrl !== undefined) {
    describe(name, () => suite(databaseUrl));
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('runs in CI', () => {
        throw new Error(
          `CI=true but TOOLGRANT_TEST_DATABASE_URL is not set; ${howToRun} so the PostgreSQL suite runs.`,
        );
      });
    });
  } else {
    describe.skip(`${name} (skipped: ${howToRun} to run)`, () => suite(''));
  }
}
