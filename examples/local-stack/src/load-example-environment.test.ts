import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadExampleEnvironment } from './load-example-environment.js';

let exampleDirectory: string;

beforeEach(async () => {
  exampleDirectory = await mkdtemp(path.join(tmpdir(), 'local-stack-environment-'));
  // Unset for the test, restored after it, whatever loadEnvFile sets in between.
  vi.stubEnv('EXAMPLE_DATA_DIR', undefined);
  vi.stubEnv('LOCAL_STACK_TEST_FROM_FILE', undefined);
  vi.stubEnv('LOCAL_STACK_TEST_ALREADY_SET', 'from the environment');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(exampleDirectory, { recursive: true, force: true });
});

describe('loadExampleEnvironment', () => {
  it('loads .env without overriding what is set, and keeps data in .data', async () => {
    await writeFile(
      path.join(exampleDirectory, '.env'),
      'LOCAL_STACK_TEST_FROM_FILE=from the file\nLOCAL_STACK_TEST_ALREADY_SET=from the file\n',
    );
    const { dataDirectory } = loadExampleEnvironment({ exampleDirectory });
    expect(process.env.LOCAL_STACK_TEST_FROM_FILE).toBe('from the file');
    expect(process.env.LOCAL_STACK_TEST_ALREADY_SET).toBe('from the environment');
    expect(dataDirectory).toBe(path.join(exampleDirectory, '.data'));
  });

  it('goes without a .env, and keeps data in EXAMPLE_DATA_DIR when it is set', () => {
    vi.stubEnv('EXAMPLE_DATA_DIR', '/tmp/elsewhere');
    const { dataDirectory } = loadExampleEnvironment({ exampleDirectory });
    expect(dataDirectory).toBe('/tmp/elsewhere');
    expect(process.env.LOCAL_STACK_TEST_FROM_FILE).toBeUndefined();
  });
});
