import { access } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { type EngineConfig, parseEngineConfig } from './engine-config.js';
import { InvalidEngineConfigError } from './invalid-engine-config-error.js';
import { InvalidProviderConfigError } from './oauth/invalid-provider-config-error.js';
import { parseProviderConfigs } from './oauth/provider-config.js';

// Reads `toolgrant.config.ts` (or .mts, .js, .mjs): its default export, usually
// `defineConfig({...})`. TypeScript is loaded with tsx, so the file (and the toolkits it
// imports) runs without a build step.

export const configFileNames = [
  'toolgrant.config.ts',
  'toolgrant.config.mts',
  'toolgrant.config.js',
  'toolgrant.config.mjs',
] as const;

/**
 * The configuration in `configFile` (relative to `directory`), or in the first of
 * `configFileNames` found in `directory`. Without either, an empty configuration: every
 * option then comes from the environment or its default.
 */
export async function loadConfig({
  configFile,
  directory = process.cwd(),
}: {
  configFile?: string | undefined;
  directory?: string | undefined;
} = {}): Promise<{ config: EngineConfig; file: string | undefined }> {
  const file =
    configFile === undefined
      ? await findConfigFile(directory)
      : await requireFile(path.resolve(directory, configFile));
  if (file === undefined) return { config: {}, file: undefined };

  let loaded: { default?: unknown };
  try {
    loaded = (await tsImport(pathToFileURL(file).href, { parentURL: import.meta.url })) as {
      default?: unknown;
    };
  } catch (error) {
    throw new InvalidEngineConfigError({
      source: file,
      field: '',
      problem: `could not be loaded: ${error instanceof Error ? error.message : String(error)}. Fix the file (run it with \`npx tsx ${path.basename(file)}\` to see the full error).`,
      cause: error,
    });
  }
  const exported = defaultExport(loaded);
  if (exported === undefined) {
    throw new InvalidEngineConfigError({
      source: file,
      field: '',
      problem:
        "has no default export. Export the configuration: `export default defineConfig({ toolkits, providers })` with defineConfig from '@toolgrant/engine'.",
    });
  }
  const config = parseEngineConfig({ value: exported, source: file });
  try {
    parseProviderConfigs(config.providers ?? []);
  } catch (error) {
    if (!InvalidProviderConfigError.isInstance(error)) throw error;
    throw new InvalidEngineConfigError({
      source: file,
      field: 'providers',
      problem: error.message,
      cause: error,
    });
  }
  return { config, file };
}

// A .ts file outside a `"type": "module"` package is compiled to CommonJS: its exports arrive
// as the namespace's `default`, marked `__esModule`.
function defaultExport(loaded: { default?: unknown }): unknown {
  const value = loaded.default;
  if (typeof value === 'object' && value !== null && '__esModule' in value && value.__esModule) {
    return (value as { default?: unknown }).default;
  }
  return value;
}

async function findConfigFile(directory: string): Promise<string | undefined> {
  for (const name of configFileNames) {
    const candidate = path.resolve(directory, name);
    if (await exists(candidate)) return candidate;
  }
  return undefined;
}

async function requireFile(file: string): Promise<string> {
  if (await exists(file)) return file;
  throw new InvalidEngineConfigError({
    source: file,
    field: '',
    problem: `does not exist. Check the --config path, or leave it out to use ${configFileNames.join(', ')} in the current directory.`,
  });
}

function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
