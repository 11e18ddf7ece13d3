import { ToolgrantError } from '@toolgrant/core';
import { createEngine } from '../create-engine.js';
import { loadEngineConfig, parse, sharedOptions, sharedOptionsUsage } from './cli-arguments.js';
import type { CliOutput } from './cli-output.js';
import { CliUsageError } from './cli-usage-error.js';
import {
  connections,
  connectionsListUsage,
  connectionsRevokeUsage,
} from './connections-command.js';
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
