import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidEngineConfigError } from './invalid-engine-config-error.js';
import { loadConfig } from './load-config.js';

// Configuration files written to a temporary directory and loaded as `toolgrant serve` does.
// (A configuration with real toolkits, importing '@toolgrant/engine', is test/fixtures'
// toolgrant.config.ts, loaded by the CLI's tests.)

const directories: string[] = [];

async function directoryWith(files: Record<string, string>): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'toolgrant-config-'));
  directories.push(directory);
  for (const [name, text] of Object.entries(files)) {
    await writeFile(path.join(directory, name), text);
  }
  return directory;
}

async function loadError(options: Parameters<typeof loadConfig>[0]) {
  const error = await loadConfig(options).catch((caught: unknown) => caught);
  expect(InvalidEngineConfigError.isInstance(error)).toBe(true);
  return error as InvalidEngineConfigError;
}

afterAll(async () => {
  await Promise.all(
    directories.map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

describe('loadConfig', () => {
  it('finds toolgrant.config.ts in the directory and runs its TypeScript', async () => {
    const directory = await directoryWith({
      'toolgrant.config.ts': `
        interface Options { port: number; apiKeys: string[] }
        const options: Options = { port: 4321, apiKeys: ['key-from-file'] };
        export default {
          ...options,
          providers: [{ id: 'github', preset: 'github', clientId: 'id', clientSecret: 'secret' }],
        };
      `,
    });
    const { config, file } = await loadConfig({ directory });
    expect(file).toBe(path.join(directory, 'toolgrant.config.ts'));
    expect(config).toEqual({
      port: 4321,
      apiKeys: ['key-from-file'],
      providers: [{ id: 'github', preset: 'github', clientId: 'id', clientSecret: 'secret' }],
    });
  });

  it('loads a .mjs file given with --config, relative to the directory', async () => {
    const directory = await directoryWith({
      'engine.config.mjs': 'export default { host: "0.0.0.0", devMode: false };',
    });
    const { config, file } = await loadConfig({ directory, configFile: 'engine.config.mjs' });
    expect(file).toBe(path.join(directory, 'engine.config.mjs'));
    expect(config).toEqual({ host: '0.0.0.0', devMode: false });
  });

  it('is an empty configuration when there is no file', async () => {
    const directory = await directoryWith({});
    await expect(loadConfig({ directory })).resolves.toEqual({ config: {}, file: undefined });
  });

  it('names a --config file that does not exist', async () => {
    const directory = await directoryWith({});
    const error = await loadError({ directory, configFile: 'missing.config.ts' });
    expect(error.source).toBe(path.join(directory, 'missing.config.ts'));
    expect(error.message).toContain('does not exist');
  });

  it('names the file and the field of a wrong value', async () => {
    const directory = await directoryWith({
      'toolgrant.config.ts': 'export default { port: "eighty" };',
    });
    const error = await loadError({ directory });
    expect(error.field).toBe('port');
    expect(error.message).toBe(
      `${path.join(directory, 'toolgrant.config.ts')}: 'port' must be a whole number from 0 to 65535.`,
    );
  });

  it('names an option that does not exist', async () => {
    const directory = await directoryWith({
      'toolgrant.config.ts': 'export default { tools: [] };',
    });
    const error = await loadError({ directory });
    expect(error.field).toBe('tools');
    expect(error.message).toContain('is not an engine option');
    expect(error.message).toContain('toolkits');
  });

  it('names the provider and field of a bad provider, without its secret', async () => {
    const directory = await directoryWith({
      'toolgrant.config.ts': `export default {
        providers: [{ id: 'google', preset: 'google', clientId: 'client-id-value-123', clientSecret: '' }],
      };`,
    });
    const error = await loadError({ directory });
    expect(error.field).toBe('providers');
    expect(error.message).toContain(path.join(directory, 'toolgrant.config.ts'));
    expect(error.message).toContain("Provider 'google'");
    expect(error.message).toContain("'clientSecret'");
    expect(error.message).not.toContain('client-id-value-123');
  });

  it('explains a file without a default export', async () => {
    const directory = await directoryWith({
      'toolgrant.config.ts': 'export const config = { port: 1 };',
    });
    const error = await loadError({ directory });
    expect(error.message).toContain('has no default export');
    expect(error.message).toContain('export default defineConfig');
  });

  it('reports a file that does not load, with its own error', async () => {
    const directory = await directoryWith({
      'toolgrant.config.ts':
        "import { nothing } from './missing-toolkits.js';\nexport default { toolkits: [nothing] };",
    });
    const error = await loadError({ directory });
    expect(error.source).toBe(path.join(directory, 'toolgrant.config.ts'));
    expect(error.message).toContain('could not be loaded');
    expect(error.message).toContain('missing-toolkits');
  });
});
