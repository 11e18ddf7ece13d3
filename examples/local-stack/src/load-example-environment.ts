import { existsSync } from 'node:fs';
import path from 'node:path';

export interface ExampleEnvironment {
  /** Where the example keeps its data: `EXAMPLE_DATA_DIR` (tests point it elsewhere) or `.data`. */
  dataDirectory: string;
}

/**
 * What a terminal example's `main.ts` does first: load `.env` from the example's directory, if
 * there is one (variables already set win over the file), and choose its data directory.
 */
export function loadExampleEnvironment({
  exampleDirectory,
}: {
  exampleDirectory: string;
}): ExampleEnvironment {
  const envFile = path.join(exampleDirectory, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return { dataDirectory: process.env.EXAMPLE_DATA_DIR || path.join(exampleDirectory, '.data') };
}
