import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { ToolgrantError } from '@toolgrant/core';
import { loadToolkits } from '../load-toolkits.js';
import { serveWorker } from '../serve-worker.js';

// `toolgrant-worker serve <file...>`: serves the toolkits the files export over the worker
// protocol until `stopSignal` aborts. Returns the exit code.

/** What `runWorkerCli` needs: the arguments, where to write, the environment and when to stop. */
export interface RunWorkerCliOptions {
  /** The arguments after the executable, e.g. `['serve', './toolkit.ts', '--port', '8002']`. */
  argv: readonly string[];
  output: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } };
  environment?: Readonly<Record<string, string | undefined>>;
  /** Where toolkit files are resolved. Default: the working directory. */
  directory?: string;
  stopSignal?: AbortSignal;
}

const defaultPort = 8002;

export const workerUsage = `Usage: toolgrant-worker serve <toolkit-file...> [options]

Serves the toolkits the files export (default export: a toolkit or an array of them) over
the worker protocol, for a Toolgrant or Arcade engine. TypeScript files run without a build.

Options:
  --port <n>          Port (default: PORT, or ${defaultPort}; 0 picks a free one)
  --host <address>    Interface (default: 127.0.0.1; 0.0.0.0 for an engine on another host)
  -h, --help          Show this help

Environment:
  TOOLGRANT_WORKER_SECRET   The secret shared with the engine (required)
  PORT                      Port, if --port is not given
`;

const options = {
  port: { type: 'string' },
  host: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsOptionsConfig;

/** Runs one `toolgrant-worker` command and resolves with its exit code. */
export async function runWorkerCli({
  argv,
  output,
  environment = process.env,
  directory = process.cwd(),
  stopSignal,
}: RunWorkerCliOptions): Promise<number> {
  const fail = (message: string) => {
    output.stderr.write(`toolgrant-worker: ${message}\n`);
    return 1;
  };
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? output.stderr : output.stdout).write(workerUsage);
    return command === undefined ? 1 : 0;
  }
  if (command !== 'serve') {
    return fail(
      `unknown command '${command}'. Run 'toolgrant-worker serve <toolkit-file>'.\n\n${workerUsage}`,
    );
  }
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...rest], options, allowPositionals: true, strict: true });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n\n${workerUsage}`);
  }
  if (parsed.values.help) {
    output.stdout.write(workerUsage);
    return 0;
  }
  if (parsed.positionals.length === 0) {
    return fail(
      `name the file that exports your toolkit, for example 'toolgrant-worker serve ./src/toolkit.ts'.\n\n${workerUsage}`,
    );
  }
  const portText = parsed.values.port ?? environment.PORT;
  const port = portText === undefined || portText.trim() === '' ? defaultPort : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    return fail(
      `the port ${JSON.stringify(portText)} (${parsed.values.port === undefined ? 'PORT' : '--port'}) is not a whole number from 0 to 65535.`,
    );
  }
  const secret = environment.TOOLGRANT_WORKER_SECRET;
  if (secret === undefined || secret.trim() === '') {
    return fail(
      'TOOLGRANT_WORKER_SECRET is not set. Set it to the secret the engine has for this worker (the engine signs each request with it).',
    );
  }

  try {
    const toolkits = (
      await Promise.all(parsed.positionals.map((file) => loadToolkits({ file, directory })))
    ).flat();
    const worker = await serveWorker({
      toolkits,
      secret,
      port,
      ...(parsed.values.host === undefined ? {} : { host: parsed.values.host }),
    });
    const toolCount = toolkits.reduce((count, toolkit) => count + toolkit.tools.length, 0);
    output.stdout.write(
      `Toolgrant worker listening at ${worker.url}\n` +
        `  ${toolCount} tool${toolCount === 1 ? '' : 's'} in ${toolkits.map((toolkit) => `${toolkit.name}@${toolkit.version}`).join(', ')}\n` +
        `  Register it in the engine with this URL and the secret in TOOLGRANT_WORKER_SECRET.\n`,
    );
    if (stopSignal !== undefined) {
      if (!stopSignal.aborted) {
        await new Promise((resolve) =>
          stopSignal.addEventListener('abort', resolve, { once: true }),
        );
      }
      output.stdout.write('Stopping: finishing calls in progress.\n');
      await worker.close();
    }
    return 0;
  } catch (error) {
    if (ToolgrantError.isInstance(error)) return fail(error.message);
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      return fail(`port ${port} is in use. Pick another with --port, or 0 for a free one.`);
    }
    throw error;
  }
}
