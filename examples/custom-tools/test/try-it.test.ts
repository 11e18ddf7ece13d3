import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEngine, type Engine } from '@toolgrant/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubToolkit } from '../src/github-toolkit.js';
import { spawnScript } from './spawn-script.js';
import { type GitHubTestStack, startGitHubTestStack } from './start-github-test-stack.js';

// `pnpm try` (src/try-it.ts) as a person runs it, against an engine serving the toolkit: it
// prints the consent link, waits while the "person" (completeConsent) approves, then prints the
// repositories. A second run finds the user authorized and lists at once.

const apiKey = `tg_test_${randomBytes(12).toString('hex')}`;
let stack: GitHubTestStack;
let directory: string;
let engine: Engine;
let engineUrl: string;

beforeAll(async () => {
  stack = await startGitHubTestStack();
  directory = await mkdtemp(path.join(tmpdir(), 'toolgrant-custom-tools-try-'));
  engine = await createEngine({
    toolkits: [githubToolkit({ apiBaseUrl: stack.github.url })],
    providers: [stack.githubProvider],
    dataDirectory: path.join(directory, 'engine'),
    encryptionKey: randomBytes(32).toString('base64'),
    apiKeys: [apiKey],
    environment: {},
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  ({ url: engineUrl } = await engine.listen({ port: 0 }));
  stack.registerRedirectUri(engine.redirectUri);
}, 60_000);

afterAll(async () => {
  await engine?.close();
  await stack?.close();
  await rm(directory, { recursive: true, force: true });
});

const runTry = (environment: Record<string, string | undefined>) =>
  spawnScript({
    script: 'try-it.ts',
    directory,
    environment: { ARCADE_BASE_URL: engineUrl, ARCADE_API_KEY: apiKey, ...environment },
  });

describe('pnpm try', () => {
  it('prints the consent link, waits for the approval, then lists the repositories', async () => {
    const run = runTry({ USER_ID: 'alice@example.com' });
    const [link = ''] = await run.waitForOutput(/http:\/\/\S+\/v1\/oauth\/\S+/);
    expect(link.startsWith(`${engineUrl}/v1/oauth/`)).toBe(true);
    expect(run.stdout()).toContain("approve access for 'alice@example.com'");

    const consent = await stack.provider.completeConsent({
      authorizationUrl: link,
      username: 'alice',
      password: 'alice-password',
    });
    expect(consent.callback?.status).toBe(200);
    expect(await run.exited).toBe(0);
    const lines = run.stdout().split('\n');
    expect(lines).toContain('Authorized.');
    expect(lines).toContain(
      "alice@example.com's GitHub repositories, most recently updated first:",
    );
    expect(lines).toContain(
      '  octocat/Hello-World  ★ 80    public   My first repository on GitHub!',
    );
    expect(lines).toContain('  octocat/dotfiles     ★ 0     private');
    expect(lines).toContain('...and more on page 2.');
    expect(stack.github.requests.at(-1)?.query).toMatchObject({ per_page: '10', page: '1' });
    expect(run.stderr()).toBe('');
  }, 60_000);

  it('a second run for the same user lists at once, without a link', async () => {
    const run = runTry({ USER_ID: 'alice@example.com' });
    expect(await run.exited).toBe(0);
    expect(run.stdout()).not.toContain('/v1/oauth/');
    expect(run.stdout()).toContain('octocat/Hello-World');
  }, 60_000);

  it('without a running engine it says to start one', async () => {
    const run = runTry({ ARCADE_BASE_URL: 'http://127.0.0.1:9' });
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim()).toBe(
      'Could not reach the engine at http://127.0.0.1:9. Start it first: pnpm engine (or pnpm worker and pnpm engine:with-worker).',
    );
  }, 60_000);

  it('without ARCADE_API_KEY it uses the key the engine generated into .toolgrant, and says so when there is none', async () => {
    const environment = { USER_ID: 'alice@example.com', ARCADE_API_KEY: undefined };
    const keyFile = path.join(await realpath(directory), '.toolgrant', 'api-key');
    const missing = runTry(environment);
    expect(await missing.exited).toBe(1);
    expect(missing.stderr().trim()).toBe(
      `No API key: set ARCADE_API_KEY, or start the engine first (pnpm engine), which generates one into ${keyFile}.`,
    );

    await mkdir(path.dirname(keyFile));
    await writeFile(keyFile, `${apiKey}\n`);
    const generated = runTry(environment);
    expect(await generated.exited).toBe(0);
    expect(generated.stdout()).toContain('octocat/Hello-World');
  }, 60_000);
});
