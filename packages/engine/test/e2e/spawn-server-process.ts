import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { EngineProcessSettings } from './engine-process.js';

// Starts engine-process.ts in a child Node process (TypeScript through tsx, workspace packages
// from source) and resolves with its URL once it listens.

const script = fileURLToPath(new URL('./engine-process.ts', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

export type EngineProcess = {
  url: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
};

export async function spawnEngineProcess(
  settings: EngineProcessSettings,
  { startTimeoutMs = 30_000 }: { startTimeoutMs?: number } = {},
): Promise<EngineProcess> {
  const child = spawn(process.execPath, [tsxCli, '--conditions=@toolgrant/source', script], {
    env: { ...process.env, TOOLGRANT_E2E_ENGINE: JSON.stringify(settings) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = `${stderr}${chunk.toString('utf8')}`.slice(-4000);
  });

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The engine process did not start within ${startTimeoutMs} ms: ${stderr}`));
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
      reject(new Error(`The engine process exited with code ${code} before listening: ${stderr}`));
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
