import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Arcade from '@arcadeai/arcadejs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ScriptProcess, spawnScript } from './spawn-script.js';

// `pnpm engine`, `pnpm worker` and `pnpm engine:with-worker` as a user starts them, with an
// OAuth app's credentials in the environment. GitHub itself is not reachable here, so these stop
// at the redirect to github.com: that it carries the app's client id, the scope and the
// engine's callback URL is what the user's setup depends on.

const clientId = 'Ov23liTestClientId00';
const clientSecret = `github-secret-${randomBytes(12).toString('hex')}`;
let directory: string;
const running: ScriptProcess[] = [];

function start(script: string, environment: Record<string, string | undefined>): ScriptProcess {
  const started = spawnScript({ script, directory, environment });
  running.push(started);
  return started;
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'toolgrant-custom-tools-scripts-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((started) => started.stop()));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const githubApp = {
  GITHUB_CLIENT_ID: clientId,
  GITHUB_CLIENT_SECRET: clientSecret,
  TOOLGRANT_API_KEYS: undefined,
  TOOLGRANT_API_KEY: undefined,
  TOOLGRANT_DATA_DIR: undefined,
  TOOLGRANT_BASE_URL: undefined,
};

describe('pnpm engine', () => {
  it('serves the toolkit, prints the callback URL to register, and sends users to GitHub with the app’s client id and scope repo', async () => {
    const engine = start('serve-engine.ts', { ...githubApp, PORT: '0' });
    const [, url = ''] = await engine.waitForOutput(/Toolgrant engine listening at (http:\/\/\S+)/);
    await engine.waitForOutput(/Try it from another terminal/);
    // The command a reader can paste: no global pnpm needed.
    expect(engine.stdout()).toContain(
      'Try it from another terminal: npx --yes pnpm@10.34.9 --filter @toolgrant/example-custom-tools try',
    );
    expect(engine.stdout()).toContain(
      '  GitHub tools:  GitHub.CreateIssue, GitHub.ListRepositories, GitHub.StarRepository',
    );
    expect(engine.stdout()).toContain(`  Callback URL:  ${url}/v1/oauth/callback`);
    expect(engine.stdout()).toContain(
      `.toolgrant${path.sep}api-key (the try command reads it there)`,
    );

    const apiKey = (await readFile(path.join(directory, '.toolgrant', 'api-key'), 'utf8')).trim();
    const client = new Arcade({ apiKey, baseURL: url, maxRetries: 0 });
    const authorization = await client.tools.authorize({
      tool_name: 'GitHub.StarRepository',
      user_id: 'someone',
    });
    const redirect = await fetch(authorization.url ?? '', { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const toGitHub = new URL(redirect.headers.get('location') ?? '');
    expect(`${toGitHub.origin}${toGitHub.pathname}`).toBe(
      'https://github.com/login/oauth/authorize',
    );
    expect(Object.fromEntries(toGitHub.searchParams)).toMatchObject({
      client_id: clientId,
      scope: 'repo',
      redirect_uri: `${url}/v1/oauth/callback`,
      response_type: 'code',
      code_challenge_method: 'S256',
    });
    expect(`${engine.stdout()}${engine.stderr()}`).not.toContain(clientSecret);

    // Ctrl+C or SIGTERM closes the engine gracefully.
    await engine.stop();
    expect(await engine.exited).toBe(0);
  }, 60_000);

  it('without GITHUB_CLIENT_ID, says which variable to set and where, without a stack trace', async () => {
    const engine = start('serve-engine.ts', { ...githubApp, GITHUB_CLIENT_ID: '', PORT: '0' });
    expect(await engine.exited).toBe(1);
    expect(engine.stderr().trim()).toBe(
      "GITHUB_CLIENT_ID is not set. Your GitHub OAuth app's Client ID (https://github.com/settings/developers). Put it in .env (see .env.example).",
    );
  }, 60_000);
});

describe('pnpm worker and pnpm engine:with-worker', () => {
  it('the engine lists the tools the worker serves, with the secret both read from the environment', async () => {
    const secret = `worker-secret-${randomBytes(16).toString('hex')}`;
    const worker = start('serve-worker.ts', { PORT: '0', TOOLGRANT_WORKER_SECRET: secret });
    const [, workerUrl = ''] = await worker.waitForOutput(/worker listening at (http:\/\/\S+)/);

    const engine = start('serve-engine-with-worker.ts', {
      ...githubApp,
      PORT: '0',
      TOOLGRANT_WORKER_SECRET: secret,
      GITHUB_WORKER_URL: workerUrl,
      TOOLGRANT_DATA_DIR: path.join(directory, 'with-worker'),
    });
    await engine.waitForOutput(/Try it from another terminal/);
    expect(engine.stdout()).toContain(
      '  GitHub tools:  GitHub.CreateIssue, GitHub.ListRepositories, GitHub.StarRepository',
    );
    expect(engine.stdout()).toContain(`  Served by:     the worker at ${workerUrl}`);
    expect(`${engine.stdout()}${engine.stderr()}${worker.stdout()}`).not.toContain(secret);

    await engine.stop();
    await worker.stop();
    expect([await engine.exited, await worker.exited]).toEqual([0, 0]);
  }, 60_000);

  it('without TOOLGRANT_WORKER_SECRET, the worker says what to set', async () => {
    const worker = start('serve-worker.ts', { PORT: '0', TOOLGRANT_WORKER_SECRET: undefined });
    expect(await worker.exited).toBe(1);
    expect(worker.stderr().trim()).toBe(
      'TOOLGRANT_WORKER_SECRET is not set. The secret the engine signs its calls to the worker with; any long random string, the same for both (openssl rand -hex 32). Put it in .env (see .env.example).',
    );
  }, 60_000);
});
