import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Runs one of the package's scripts (src/*.ts) in a child Node process the way `pnpm <script>`
// does (tsx, workspace packages from source), with the environment the test gives it.

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface ScriptProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match in stdout; rejects if the process exits first. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** The exit code, once the process has ended. */
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

export function spawnScript({
  script,
  environment,
  directory,
}: {
  /** The file under src/, e.g. `serve-worker.ts`. */
  script: string;
  /** Added to (or, as undefined, removed from) this process's environment. */
  environment: Record<string, string | undefined>;
  /** The working directory: where `.env` and `.toolgrant` would be. */
  directory: string;
}): ScriptProcess {
  const file = fileURLToPath(new URL(`../src/${script}`, import.meta.url));
  const env = { ...process.env, ...environment };
  for (const [key, value] of Object.entries(environment)) if (value === undefined) delete env[key];
  const child = spawn(
    process.execPath,
    ['--conditions=@toolgrant/source', '--import', tsxLoader, file],
    { cwd: directory, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = stdout.match(pattern);
          if (match === null) return false;
          cleanUp();
          resolve(match);
          return true;
        };
        const timer = setTimeout(() => {
          cleanUp();
          reject(
            new Error(`${script} printed no ${pattern} in ${timeoutMs} ms:\n${stdout}\n${stderr}`),
          );
        }, timeoutMs);
        const onExit = (code: number | null) => {
          cleanUp();
          reject(
            new Error(
              `${script} exited (${code}) before printing ${pattern}:\n${stdout}\n${stderr}`,
            ),
          );
        };
        const cleanUp = () => {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          child.off('exit', onExit);
        };
        child.stdout?.on('data', check);
        child.once('exit', onExit);
        if (!check() && child.exitCode !== null) onExit(child.exitCode);
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
