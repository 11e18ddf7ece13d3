import { existsSync } from 'node:fs';

/**
 * Reads `.env` from the working directory (the package, under `pnpm --filter`) if there is
 * one. Variables already set in the environment win over the file.
 */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
