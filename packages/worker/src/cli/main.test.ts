import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { signWorkerToken } from '../worker-token.js';

// `toolgrant-worker serve` as a user runs it: a child process on this Node, loading the
// TypeScript fixture toolkit with tsx, stopped with SIGTERM.

const packageDirectory = fileURLToPath(new URL('../..', import.meta.url));
const mainFile = path.join(packageDirectory, 'src/cli/main.ts');
const secret = 'cli-worker-secret';
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function start(args: string[], environment: Record<string, string | undefined>) {
  const child = spawn(
    process.execPath,
    ['--conditions=@toolgrant/source', '--import', 'tsx', mainFile, ...args],
    {
      cwd: packageDirectory,
      env: { ...withoutPort(process.env), ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return {
    child,
    output: () => ({ stdout, stderr }),
    async url(): Promise<string> {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const match = /listening at (http:\/\/\S+)/.exec(stdout);
        if (match?.[1]) return match[1];
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the worker did not start: ${stdout}${stderr}`);
    },
  };
}

function withoutPort(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(environment).filter(
      ([name]) => name !== 'PORT' && name !== 'TOOLGRANT_WORKER_SECRET',
    ),
  );
}

describe('toolgrant-worker serve', () => {
  it('serves a TypeScript toolkit file in its own process, then stops on SIGTERM', async () => {
    const worker = start(['serve', 'test/fixtures/weather-toolkit.ts', '--port', '0'], {
      TOOLGRANT_WORKER_SECRET: secret,
    });
    const url = await worker.url();
    expect(worker.output().stdout).toContain('4 tools in Weather@1.0.0');
    expect(worker.output().stdout).not.toContain(secret);

    const health = await fetch(`${url}/worker/health`);
    expect(await health.json()).toEqual({ status: 'ok', tool_count: 4 });

    const response = await fetch(`${url}/worker/tools/invoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${signWorkerToken({ secret })}` },
      body: JSON.stringify({
        run_id: 'run_cli',
        execution_id: 'exec_cli',
        created_at: new Date().toISOString(),
        tool: { name: 'Forecast', toolkit: 'Weather', version: '1.0.0' },
        inputs: { city: 'Porto' },
        context: { secrets: { WEATHER_API_KEY: 'key-from-engine' } },
      }),
    });
    expect(await response.json()).toMatchObject({
      execution_id: 'exec_cli',
      success: true,
      output: { value: { city: 'Porto', sky: 'clear', keyLength: 15 } },
    });

    const forged = await fetch(`${url}/worker/tools`, {
      headers: { authorization: `Bearer ${signWorkerToken({ secret: 'other' })}` },
    });
    expect(forged.status).toBe(401);

    worker.child.kill('SIGTERM');
    const [code] = await once(worker.child, 'exit');
    expect(code).toBe(0);
    expect(worker.output().stdout).toContain('Stopping');
  }, 30_000);

  it('refuses to start without TOOLGRANT_WORKER_SECRET, saying what to set', async () => {
    const worker = start(['serve', 'test/fixtures/weather-toolkit.ts', '--port', '0'], {});
    const [code] = await once(worker.child, 'exit');
    expect(code).toBe(1);
    expect(worker.output().stderr).toContain('TOOLGRANT_WORKER_SECRET is not set');
  }, 30_000);
});
