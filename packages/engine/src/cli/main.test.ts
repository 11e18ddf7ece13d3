import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Arcade from '@arcadeai/arcadejs';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// `toolgrant serve` as a user runs it: a child process on this Node (the repo's Node 24),
// loading test/fixtures/toolgrant.config.ts (real toolkits, importing '@toolgrant/engine'),
// stopped with SIGTERM.

const packageDirectory = fileURLToPath(new URL('../..', import.meta.url));
const mainFile = path.join(packageDirectory, 'src/cli/main.ts');
const fixtureConfig = path.join(packageDirectory, 'test/fixtures/toolgrant.config.ts');

let provider: OAuthProvider;
const directories: string[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  provider = await startOAuthProvider();
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

afterAll(async () => {
  await provider.close();
  await Promise.all(
    directories.map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

function environmentWithout(prefix: string): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith(prefix) && name !== 'PORT'),
  );
}

async function startServe() {
  const dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-serve-'));
  directories.push(dataDirectory);
  const child = spawn(
    process.execPath,
    [
      '--conditions=@toolgrant/source',
      '--import',
      'tsx',
      mainFile,
      'serve',
      '--dev',
      '--config',
      fixtureConfig,
      '--port',
      '0',
      '--data-dir',
      dataDirectory,
    ],
    {
      cwd: packageDirectory,
      env: { ...environmentWithout('TOOLGRANT_'), TESTKIT_ISSUER: provider.issuer },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;

  const deadline = Date.now() + 15_000;
  while (!stdout.includes('Press Ctrl+C to stop.')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`toolgrant serve did not start.\nstdout:\n${stdout}\nstderr:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    child,
    dataDirectory,
    exited,
    output: () => ({ stdout, stderr }),
  };
}

describe('toolgrant serve', () => {
  it('prints the base URL, API key and redirect URIs, serves the API, and stops cleanly on SIGTERM', async () => {
    const serve = await startServe();
    const { stdout } = serve.output();
    const url = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
    expect(url).toBeDefined();
    expect(stdout).toContain(`Base URL:  ${url}`);
    expect(stdout).toContain(`MCP:       ${url}/mcp  (Authorization: Bearer <API key>`);
    const apiKey = /API key:\s+(tg_\S+)\s+\(generated, kept in (.+)\)/.exec(stdout);
    expect(apiKey?.[2]).toBe(path.join(serve.dataDirectory, 'api-key'));
    expect(stdout).toMatch(
      new RegExp(`testkit\\s+oauth2\\s+register the redirect URI ${url}/v1/oauth/callback`),
    );
    expect(stdout).toMatch(/weather\s+api_key\s+users enter their key at the engine/);
    expect(stdout).toContain('Utility@1.0.0 (2 tools), Inbox@1.0.0 (1 tool)');
    expect(stdout).toContain(`Config:    ${fixtureConfig}`);
    expect(stdout).toContain('Dev mode:  on (--dev)');

    const client = new Arcade({ apiKey: apiKey?.[1] ?? '', baseURL: url ?? '', maxRetries: 0 });
    const result = await client.tools.execute({
      tool_name: 'Utility.Echo',
      input: { text: 'from the CLI' },
      user_id: 'alice',
    });
    expect(result.output?.value).toEqual({ echoed: 'from the CLI' });

    // The printed MCP URL serves the same tools, and an open 2025 session does not hold up
    // the shutdown below.
    const mcp = new Client({ name: 'cli-test', version: '1.0.0' });
    await mcp.connect(
      new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
        requestInit: {
          headers: { Authorization: `Bearer ${apiKey?.[1]}`, 'Arcade-User-ID': 'alice' },
        },
      }),
    );
    const called = await mcp.callTool({ name: 'Utility_Echo', arguments: { text: 'over MCP' } });
    expect(JSON.stringify(called.content)).toContain('over MCP');

    // A long-poll waiting when the signal arrives is answered, not cut off.
    const authorization = await client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
    });
    const longPoll = client.auth.status({ id: authorization.id ?? '', wait: 30 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    serve.child.kill('SIGTERM');
    await expect(longPoll).resolves.toMatchObject({ status: 'pending' });

    const [code, signal] = await serve.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(serve.output().stdout).toContain('Stopped.');
    expect(serve.output().stderr).not.toContain('Error');
  });
});
