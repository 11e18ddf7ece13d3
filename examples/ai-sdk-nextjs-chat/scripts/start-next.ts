import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { stripVTControlCharacters } from 'node:util';

// `next dev` for the chat, as a child process with the engine's address in its environment,
// its output prefixed so it reads apart from the demo's own lines.

export interface RunningNext {
  url: string;
  stop(): Promise<void>;
}

export async function startNext({
  directory,
  port,
  environment,
  output = process.stdout,
}: {
  directory: string;
  port: number;
  environment: Record<string, string>;
  output?: NodeJS.WritableStream;
}): Promise<RunningNext> {
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  const child = spawn(
    process.execPath,
    [nextBin, 'dev', '--webpack', '--port', String(port), '--hostname', '127.0.0.1'],
    {
      cwd: directory,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        // Skip lines that only move the cursor (next shows it again as it stops).
        if (stripVTControlCharacters(line).trim()) output.write(`  [next] ${line}\n`);
      }
    });
  }

  const url = `http://127.0.0.1:${port}`;
  try {
    // The first request compiles the page, so the person who opens the URL does not wait.
    await waitForPage({ url, child });
    await compileRoutes(url);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { url, stop: () => stopChild(child) };
}

async function waitForPage({ url, child }: { url: string; child: ChildProcess }) {
  const deadline = Date.now() + 180_000;
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(
      `next dev exited with code ${code} before the chat was ready; see its output above.`,
    );
  });
  while (Date.now() < deadline) {
    const status = await Promise.race([
      fetch(url).then(
        (response) => response.status,
        () => undefined,
      ),
      exited,
    ]);
    if (status === 200) return;
    if (status !== undefined) {
      throw new Error(
        `The chat answered HTTP ${status} instead of its page; see next's output above.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The chat at ${url} did not answer within 3 minutes.`);
}

// next dev compiles a route on its first request: without this, the first message waits for
// the chat route to compile (7-9 s here). A GET compiles each route; their answers (405, 401)
// do not matter.
const routes = ['/api/chat', '/api/toolgrant/authorization'];

async function compileRoutes(url: string) {
  for (const route of routes) {
    await fetch(`${url}${route}`).then(
      (response) => response.body?.cancel(),
      () => undefined,
    );
  }
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
