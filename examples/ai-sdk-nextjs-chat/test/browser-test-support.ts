import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';

// Runs the demo exactly as `pnpm demo` does, on free ports and a temporary data directory,
// and finds the browser the test drives.

export const appDirectory = path.join(import.meta.dirname, '..');

/** Debian's chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const chromiumInstalled = existsSync(chromiumPath);

export interface RunningDemo {
  url: string;
  output(): string;
  /** Ctrl-C, as a person stops it; resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

export async function startDemo({
  dataDirectory,
  mcp = false,
}: {
  dataDirectory: string;
  /** `pnpm demo --mcp`: the chat adds the engine's own /mcp as an MCP server. */
  mcp?: boolean;
}): Promise<RunningDemo> {
  const [chat, engine, provider] = [await freePort(), await freePort(), await freePort()];
  // The demo script as `pnpm demo` runs it, minus the shell wrappers that would not pass on
  // Ctrl-C: tsx's own CLI on this Node (the project's Node 24 under `pnpm test`).
  const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
  const child = spawn(
    process.execPath,
    [tsxCli, '--conditions=@toolgrant/source', 'scripts/demo.ts', ...(mcp ? ['--mcp'] : [])],
    {
      cwd: appDirectory,
      env: {
        ...process.env,
        PORT: String(chat),
        TOOLGRANT_DEMO_ENGINE_PORT: String(engine),
        TOOLGRANT_DEMO_PROVIDER_PORT: String(provider),
        TOOLGRANT_DEMO_DATA_DIR: dataDirectory,
        NEXT_DIST_DIR: '.next-test',
        // The scripted model, whatever the machine's environment says.
        OPENAI_API_KEY: '',
        ANTHROPIC_API_KEY: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      output += chunk;
    });
  }
  await waitForOutput({ child, pattern: /Toolgrant demo is running/, output: () => output });
  const url = /Open\s+(http\S+)/.exec(output)?.[1];
  if (!url) throw new Error(`The demo printed no URL:\n${output}`);
  return {
    url,
    output: () => output,
    async interrupt() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      const [code] = await exited;
      return code as number | null;
    },
  };
}

async function waitForOutput({
  child,
  pattern,
  output,
}: {
  child: ChildProcess;
  pattern: RegExp;
  output: () => string;
}) {
  const deadline = Date.now() + 170_000;
  while (!pattern.test(output())) {
    if (child.exitCode !== null) {
      throw new Error(`The demo exited with code ${child.exitCode}:\n${output()}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The demo did not start in time:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
