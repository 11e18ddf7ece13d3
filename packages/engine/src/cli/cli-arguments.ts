import path from 'node:path';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import type { EngineConfig } from '../engine-config.js';
import { loadConfig } from '../load-config.js';
import { CliUsageError } from './cli-usage-error.js';

// What every `toolgrant` command takes: the shared flags, their help text, strict parsing that
// answers a bad flag with the command's usage, and the configuration the flags point at.

/** The help text of the flags every command takes. */
export const sharedOptionsUsage = `  --config <file>       Configuration file (default: toolgrant.config.ts, .mts, .js or .mjs
                        in the current directory)
  --data-dir <dir>      Data directory: SQLite file, generated keys (default: TOOLGRANT_DATA_DIR
                        or ./.toolgrant)
  --dev                 Dev mode, for local development only: generates a missing encryption
                        key into the data directory, and whoever opens an authorization link
                        completes it (no user verification). Off unless given.
  -h, --help            Show this help`;

/** The flags every command takes. */
export const sharedOptions = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  dev: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses a command's flags strictly; a bad one is a `CliUsageError` with the command's usage. */
export function parse<const Options extends ParseArgsOptionsConfig>({
  argv,
  options,
  usage,
}: {
  argv: readonly string[];
  options: Options;
  usage: string;
}) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new CliUsageError({
      message: error instanceof Error ? error.message : String(error),
      usage,
    });
  }
}

/** The configuration file (or none) with `--data-dir` applied, relative to where it was given. */
export async function loadEngineConfig({
  configFile,
  dataDirectory,
  directory,
}: {
  configFile: string | undefined;
  dataDirectory: string | undefined;
  directory: string;
}): Promise<{ config: EngineConfig; file: string | undefined }> {
  const { config, file } = await loadConfig({ configFile, directory });
  // --data-dir is relative to the working directory; the file's dataDirectory to the file.
  const chosen =
    dataDirectory === undefined
      ? config.dataDirectory === undefined || file === undefined
        ? config.dataDirectory
        : path.resolve(path.dirname(file), config.dataDirectory)
      : path.resolve(directory, dataDirectory);
  return { config: chosen === undefined ? config : { ...config, dataDirectory: chosen }, file };
}
