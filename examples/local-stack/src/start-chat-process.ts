import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A terminal example as a person runs it, for its tests (`@toolgrant/example-local-stack/testing`):
// its own tsx, on the Node running the tests (the project's Node 24 under `pnpm test`), stdin
// and stdout piped, no model key, a throwaway data directory.

/** A running terminal example, driven through its stdin and read through its stdout. */
export interface ChatProcess {
  child: ChildProcess;
  /** Types a line, as if followed by Enter. */
  type(line: string): void;
  /** Resolves with everything printed so far once `pattern` appears after `from` (an offset). */
  waitFor(pattern: RegExp, options?: { from?: number; timeoutMs?: number }): Promise<string>;
  /** Everything printed on stdout so far. */
  stdout(): string;
  stderr(): string;
  /** The engine's generated API key, read from the data directory. */
  apiKey(): Promise<string>;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
  cleanUp(): Promise<void>;
}

/** Starts `src/main.ts` of the example in `exampleDirectory` (its `import.meta.dirname`'s parent). */
export async function startChatProcess({
  exampleDirectory,
}: {
  exampleDirectory: string;
}): Promise<ChatProcess> {
  const tsx = path.join(exampleDirectory, 'node_modules/.bin/tsx');
  const dataDirectory = await mkdtemp(path.join(tmpdir(), `${path.basename(exampleDirectory)}-`));
  const environment = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !['OPENAI_API_KEY', 'ANTHROPIC_API_KEY'].includes(name),
    ),
  );
  const child = spawn(tsx, ['--conditions=@toolgrant/source', 'src/main.ts'], {
    cwd: exampleDirectory,
    env: {
      ...environment,
      // The tsx script starts `node` from PATH: this one.
      PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
      EXAMPLE_DATA_DIR: dataDirectory,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so that cleaning up also ends the node tsx started.
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;

  return {
    child,
    type: (line) => child.stdin?.write(`${line}\n`),
    async waitFor(pattern, { from = 0, timeoutMs = 60_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(stdout.slice(from))) {
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`Waited for ${pattern} in vain.\nstdout:\n${stdout}\nstderr:\n${stderr}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return stdout;
    },
    stdout: () => stdout,
    stderr: () => stderr,
    apiKey: async () =>
      // The engine's file name for a key it generated (load-generated-api-key.ts).
      (await readFile(path.join(dataDirectory, 'engine', 'api-key'), 'utf8')).trim(),
    exited,
    async cleanUp() {
      // The whole group, so the node tsx started cannot outlive a failed test.
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // Already gone.
      }
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}
