import { mkdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnScript } from './spawn-script.js';
import { type GitHubEngine, startGitHubEngine } from './start-github-engine.js';

// `pnpm try` (src/try-it.ts) as a person runs it, against an engine serving the toolkit: it
// prints the consent link, waits while the "person" (completeConsent) approves, then prints the
// repositories. A second run finds the user authorized and lists at once.

let fixture: GitHubEngine;

beforeAll(async () => {
  fixture = await startGitHubEngine({ name: 'try' });
}, 60_000);

afterAll(async () => {
  await fixture?.close();
});

const runTry = (environment: Record<string, string | undefined>) =>
  spawnScript({
    script: 'try-it.ts',
    directory: fixture.directory,
    environment: {
      ARCADE_BASE_URL: fixture.engineUrl,
      ARCADE_API_KEY: fixture.apiKey,
      ...environment,
    },
  });

describe('pnpm try', () => {
  it('prints the consent link, waits for the approval, then lists the repositories', async () => {
    const run = runTry({ USER_ID: 'alice@example.com' });
    const [link = ''] = await run.waitForOutput(/http:\/\/\S+\/v1\/oauth\/\S+/);
    expect(link.startsWith(`${fixture.engineUrl}/v1/oauth/`)).toBe(true);
    expect(run.stdout()).toContain("approve access for 'alice@example.com'");

    const consent = await fixture.stack.provider.completeConsent({
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
    expect(fixture.stack.github.requests.at(-1)?.query).toMatchObject({
      per_page: '10',
      page: '1',
    });
    expect(run.stderr()).toBe('');
  }, 60_000);

  it('after a denial it ends with a sentence for the person, the command to run again, and 0', async () => {
    const run = runTry({ USER_ID: 'bob@example.com' });
    const [link = ''] = await run.waitForOutput(/http:\/\/\S+\/v1\/oauth\/\S+/);
    const denial = await fixture.stack.provider.completeConsent({
      authorizationUrl: link,
      username: 'bob',
      password: 'bob-password',
      approve: false,
    });
    expect(denial.error).toBe('access_denied');
    // Before, the official client's waitForCompletion kept asking after the denial: no end.
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain(
      "The authorization did not go through (declined at GitHub, or GitHub returned an error), so nothing was read. Run 'npx --yes pnpm@10.34.9 --filter @toolgrant/example-custom-tools try' again to start over.",
    );
    expect(run.stdout()).not.toContain('Authorized.');
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
      "Could not reach the engine at http://127.0.0.1:9. Start it first: 'npx --yes pnpm@10.34.9 --filter @toolgrant/example-custom-tools engine' (or '… worker' and '… engine:with-worker').",
    );
  }, 60_000);

  it('without ARCADE_API_KEY it uses the key the engine generated into .toolgrant, and says so when there is none', async () => {
    const environment = { USER_ID: 'alice@example.com', ARCADE_API_KEY: undefined };
    const keyFile = path.join(await realpath(fixture.directory), '.toolgrant', 'api-key');
    const missing = runTry(environment);
    expect(await missing.exited).toBe(1);
    expect(missing.stderr().trim()).toBe(
      `No API key: set ARCADE_API_KEY, or start the engine first ('npx --yes pnpm@10.34.9 --filter @toolgrant/example-custom-tools engine'), which generates one into ${keyFile}.`,
    );

    await mkdir(path.dirname(keyFile));
    await writeFile(keyFile, `${fixture.apiKey}\n`);
    const generated = runTry(environment);
    expect(await generated.exited).toBe(0);
    expect(generated.stdout()).toContain('octocat/Hello-World');
  }, 60_000);
});
