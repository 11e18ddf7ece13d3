import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Starts a server script (TypeScript, through tsx's loader, workspace packages from source)
// in a child Node process, hands it `settings` as JSON in TOOLGRANT_E2E_SETTINGS, and resolves
// with its URL once it prints `{"url": ...}`. Used for engine processes and the benchmark.

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const engineProcessScript = fileURLToPath(new URL('./engine-process.ts', import.meta.url));

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
};

export async function spawnServerProcess({
  script = engineProcessScript,
  settings,
  nodeArguments = [],
  startTimeoutMs = 30_000,
}: {
  /** Default: engine-process.ts. */
  script?: string;
  settings: unknown;
  /** Before the script, for example `--cpu-prof`. */
  nodeArguments?: string[];
  startTimeoutMs?: number;
}): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [...nodeArguments, '--conditions=@toolgrant/source', '--import', tsxLoader, script],
    {
      env: { ...process.env, TOOLGRANT_E2E_SETTINGS: JSON.stringify(settings) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = `${stderr}${chunk.toString('utf8')}`.slice(-4000);
  });

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within ${startTimeoutMs} ms: ${stderr}`));
    }, startTimeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line === undefined) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${code} before listening: ${stderr}`));
    });
  });

  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
