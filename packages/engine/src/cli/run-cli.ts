import path from 'node:path';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { ToolgrantError } from '@toolgrant/core';
import { createEngine } from '../create-engine.js';
import type { EngineConfig } from '../engine-config.js';
import type { UserConnectionResponse } from '../in-process-client.js';
import { loadConfig } from '../load-config.js';
import type { CliOutput } from './cli-output.js';
import { CliUsageError } from './cli-usage-error.js';
import { createCliLogger } from './create-cli-logger.js';
import { formatServeSummary } from './format-serve-summary.js';

// `toolgrant serve | connections list | connections revoke`. Every command builds the engine
// from the same configuration (toolgrant.config.ts, TOOLGRANT_* variables, flags), so
// `connections` works on the store `serve` uses, through the engine's admin API in process:
// no server needs to run, and revoking also revokes the token at the provider.

/** What `runCli` needs: the arguments, where to write, the environment and when to stop. */
export interface RunCliOptions {
  /** The arguments after the executable, e.g. `['serve', '--port', '9099']`. */
  argv: readonly string[];
  output: CliOutput;
  environment?: Readonly<Record<string, string | undefined>>;
  /** Where config files and relative paths are resolved. Default: the working directory. */
  directory?: string;
  /** `serve` runs until this aborts (SIGTERM/SIGINT in `main`), then shuts down gracefully. */
  stopSignal?: AbortSignal;
}

const mainUsage = `Usage: toolgrant <command> [options]

Commands:
  serve                 Start the engine (the Arcade v1 API and the OAuth 2.0 broker)
  connections list      List a user's connections to providers
  connections revoke    Revoke and delete a user's connections

Run 'toolgrant <command> --help' for a command's options.
`;

const sharedOptionsUsage = `  --config <file>       Configuration file (default: toolgrant.config.ts, .mts, .js or .mjs
                        in the current directory)
  --data-dir <dir>      Data directory: SQLite file, generated keys (default: TOOLGRANT_DATA_DIR
                        or ./.toolgrant)
  --dev                 Dev mode, for local development only: generates a missing encryption
                        key into the data directory, and whoever opens an authorization link
                        completes it (no user verification). Off unless given.
  -h, --help            Show this help`;

const environmentUsage = `Environment:
  TOOLGRANT_DATABASE_URL     postgres:// URL (default: SQLite in the data directory)
  TOOLGRANT_ENCRYPTION_KEY   32 bytes, base64 or hex (dev mode generates one)
  TOOLGRANT_API_KEYS         Comma-separated API keys (or one in TOOLGRANT_API_KEY)
  TOOLGRANT_BASE_URL         The engine's public URL (default: the address it listens on)
  TOOLGRANT_DATA_DIR         Data directory
  TOOLGRANT_DEV_MODE         true turns dev mode on, like --dev (default false; NODE_ENV
                             does not matter)
  TOOLGRANT_MAX_BODY_BYTES   Largest API request body in bytes (default 1048576, 1 MiB)
  PORT                       Port (default 9099)`;

const serveUsage = `Usage: toolgrant serve [options]

Starts the engine and prints its base URL, the API key to use, and the redirect URI to
register with each OAuth provider. SIGTERM or SIGINT shuts it down gracefully.

Options:
  --port <n>            Port to listen on (default: the config's port, PORT, or 9099; 0 picks one)
  --host <address>      Interface to listen on (default: 127.0.0.1)
${sharedOptionsUsage}

${environmentUsage}
`;

const connectionsListUsage = `Usage: toolgrant connections list --user <id> [options]

Lists the user's connections: provider, type, status and granted scopes (never a token).

Options:
  --user <id>           The user (required)
  --provider <id>       Only the connection to this provider
  --json                Print JSON
${sharedOptionsUsage}
`;

const connectionsRevokeUsage = `Usage: toolgrant connections revoke --user <id> [--provider <id>] [--id <connectionId>] [options]

Revokes the user's tokens at the provider (where it supports revocation) and deletes the
connections: all of the user's, or only the one to --provider, or the one with --id.
The user authorizes again on their next tool call.

Options:
  --user <id>           The user (required)
  --provider <id>       Only the connection to this provider
  --id <connectionId>   Only this connection (an id from 'connections list')
${sharedOptionsUsage}
`;

const sharedOptions = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  dev: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs one `toolgrant` command and resolves with its exit code. */
export async function runCli({
  argv,
  output,
  environment = process.env,
  directory = process.cwd(),
  stopSignal,
}: RunCliOptions): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      output.stdout.write(mainUsage);
      return command === undefined ? 2 : 0;
    }
    if (command === 'serve') {
      return await serve({ argv: rest, output, environment, directory, stopSignal });
    }
    if (command === 'connections') {
      const [subcommand, ...options] = rest;
      if (subcommand === 'list' || subcommand === 'revoke') {
        return await connections({
          subcommand,
          argv: options,
          output,
          environment,
          directory,
        });
      }
      throw new CliUsageError({
        message:
          subcommand === undefined || subcommand.startsWith('-')
            ? "'toolgrant connections' needs a subcommand: list or revoke."
            : `Unknown subcommand 'connections ${subcommand}'; use 'connections list' or 'connections revoke'.`,
        usage: `${connectionsListUsage}\n${connectionsRevokeUsage}`,
      });
    }
    throw new CliUsageError({ message: `Unknown command '${command}'.`, usage: mainUsage });
  } catch (error) {
    if (CliUsageError.isInstance(error)) {
      output.stderr.write(`toolgrant: ${error.message}\n\n${error.usage}`);
      return 2;
    }
    // Our errors say what to fix; anything else is a bug worth its stack.
    output.stderr.write(
      `toolgrant: ${ToolgrantError.isInstance(error) ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

function parse<const Options extends ParseArgsOptionsConfig>({
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

function parsePortFlag(value: string | undefined, usage: string): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CliUsageError({
      message: `--port must be a whole number from 0 to 65535; got '${value}'.`,
      usage,
    });
  }
  return port;
}

async function loadEngineConfig({
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

async function serve({
  argv,
  output,
  environment,
  directory,
  stopSignal,
}: {
  argv: readonly string[];
  output: CliOutput;
  environment: Readonly<Record<string, string | undefined>>;
  directory: string;
  stopSignal: AbortSignal | undefined;
}): Promise<number> {
  const { values } = parse({
    argv,
    options: { ...sharedOptions, port: { type: 'string' }, host: { type: 'string' } },
    usage: serveUsage,
  });
  if (values.help) {
    output.stdout.write(serveUsage);
    return 0;
  }
  const port = parsePortFlag(values.port, serveUsage);
  const { config, file } = await loadEngineConfig({
    configFile: values.config,
    dataDirectory: values['data-dir'],
    directory,
  });
  const engine = await createEngine({
    ...config,
    ...(values.dev ? { devMode: true } : {}),
    logger: config.logger ?? createCliLogger({ output, level: 'info' }),
    environment,
  });
  let url: string;
  try {
    ({ url } = await engine.listen({
      ...(port === undefined ? {} : { port }),
      ...(values.host === undefined ? {} : { host: values.host }),
    }));
  } catch (error) {
    await engine.close();
    throw error;
  }
  output.stdout.write(
    formatServeSummary({
      url,
      baseUrl: engine.baseUrl,
      mcpUrl: engine.mcpUrl,
      redirectUri: engine.redirectUri,
      apiKeys: engine.apiKeys,
      apiKeySource: engine.apiKeySource,
      apiKeyFile: engine.apiKeyFile,
      configFile: file,
      storeLocation: engine.storeLocation,
      toolkits: config.toolkits ?? [],
      providers: engine.providers,
      devMode: engine.devMode,
    }),
  );

  if (stopSignal !== undefined && !stopSignal.aborted) {
    await new Promise((resolve) => stopSignal.addEventListener('abort', resolve, { once: true }));
  }
  output.stdout.write('Shutting down: finishing requests in flight...\n');
  await engine.close();
  output.stdout.write('Stopped.\n');
  return 0;
}

async function connections({
  subcommand,
  argv,
  output,
  environment,
  directory,
}: {
  subcommand: 'list' | 'revoke';
  argv: readonly string[];
  output: CliOutput;
  environment: Readonly<Record<string, string | undefined>>;
  directory: string;
}): Promise<number> {
  const usage = subcommand === 'list' ? connectionsListUsage : connectionsRevokeUsage;
  const { values } = parse({
    argv,
    options: {
      ...sharedOptions,
      user: { type: 'string' },
      provider: { type: 'string' },
      id: { type: 'string' },
      json: { type: 'boolean' },
    },
    usage,
  });
  if (values.help) {
    output.stdout.write(usage);
    return 0;
  }
  if (values.user === undefined || values.user.trim() === '') {
    throw new CliUsageError({ message: '--user <id> is required.', usage });
  }
  if (subcommand === 'list' && values.id !== undefined) {
    throw new CliUsageError({ message: "--id is an option of 'connections revoke'.", usage });
  }
  if (subcommand === 'revoke' && values.json) {
    throw new CliUsageError({ message: "--json is an option of 'connections list'.", usage });
  }
  const userId = values.user;
  const { config } = await loadEngineConfig({
    configFile: values.config,
    dataDirectory: values['data-dir'],
    directory,
  });
  const engine = await createEngine({
    ...config,
    ...(values.dev ? { devMode: true } : {}),
    // Nothing here completes an authorization; a placeholder keeps the broker from warning
    // about dev-mode verification on every command.
    userVerification: config.userVerification ?? { verifierUrl: 'http://127.0.0.1/unused' },
    logger: config.logger ?? createCliLogger({ output, level: 'warn' }),
    environment,
  });
  try {
    const listed = await listConnections({
      engine,
      userId,
      providerId: values.provider,
    });
    if (subcommand === 'list') {
      output.stdout.write(
        values.json
          ? `${JSON.stringify(listed, null, 2)}\n`
          : formatConnections({ userId, connections: listed }),
      );
      return 0;
    }

    const chosen = values.id === undefined ? listed : listed.filter(({ id }) => id === values.id);
    if (chosen.length === 0) {
      const what =
        values.id !== undefined
          ? `no connection '${values.id}'`
          : values.provider !== undefined
            ? `no connection to '${values.provider}'`
            : 'no connections';
      output.stderr.write(
        `toolgrant: User '${userId}' has ${what}; nothing was revoked. 'toolgrant connections list --user ${userId}' shows their connections.\n`,
      );
      return 1;
    }
    for (const connection of chosen) {
      await engine.client.admin.userConnections.delete(connection.id);
      output.stdout.write(
        `Revoked ${connection.provider_id} (${connection.provider_type}) for user '${userId}'.\n`,
      );
    }
    return 0;
  } finally {
    await engine.close();
  }
}

async function listConnections({
  engine,
  userId,
  providerId,
}: {
  engine: Awaited<ReturnType<typeof createEngine>>;
  userId: string;
  providerId: string | undefined;
}): Promise<UserConnectionResponse[]> {
  const connections: UserConnectionResponse[] = [];
  for (let offset = 0; ; ) {
    const page = await engine.client.admin.userConnections.list({
      user_id: userId,
      ...(providerId === undefined ? {} : { provider_id: providerId }),
      limit: 100,
      offset,
    });
    connections.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total_count) return connections;
  }
}

function formatConnections({
  userId,
  connections,
}: {
  userId: string;
  connections: readonly UserConnectionResponse[];
}): string {
  if (connections.length === 0) return `User '${userId}' has no connections.\n`;
  const rows = [
    ['PROVIDER', 'TYPE', 'STATUS', 'SCOPES', 'ID'],
    ...connections.map((connection) => [
      connection.provider_id,
      connection.provider_type,
      connection.connection_status,
      connection.scopes.join(' ') || '-',
      connection.id,
    ]),
  ];
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return `${rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n')}\n`;
}
