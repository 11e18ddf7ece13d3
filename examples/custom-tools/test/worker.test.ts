import { randomBytes } from 'node:crypto';
import type Arcade from '@arcadeai/arcadejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScriptProcess, spawnScript } from './spawn-script.js';
import { type GitHubEngine, startGitHubEngine } from './start-github-engine.js';
import type { GitHubTestStack } from './start-github-test-stack.js';

// The same toolkit served by `pnpm worker` (src/serve-worker.ts) in its own process, and an
// engine with no toolkit of its own configured with `workers: [{ id, url, secret }]`. The user
// authorizes at the engine; each call crosses engine -> worker -> GitHub over HTTP, with the
// user's token handed to the worker in the signed invoke request.

const secret = `worker-secret-${randomBytes(16).toString('hex')}`;
let fixture: GitHubEngine;
let stack: GitHubTestStack;
let client: Arcade;
let worker: ScriptProcess | undefined;
let workerUrl: string;
const answers: unknown[] = [];

beforeAll(async () => {
  fixture = await startGitHubEngine({
    name: 'worker',
    async serve(started) {
      worker = spawnScript({
        script: 'serve-worker.ts',
        directory: started.directory,
        environment: {
          PORT: '0',
          TOOLGRANT_WORKER_SECRET: secret,
          GITHUB_API_URL: started.stack.github.url,
        },
      });
      [, workerUrl = ''] = await worker.waitForOutput(/listening at (http:\/\/\S+)/);
      return { workers: [{ id: 'github-tools', url: workerUrl, secret }] };
    },
  });
  ({ stack, client } = fixture);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await fixture?.close();
});

describe('the GitHub toolkit on a worker in its own process', () => {
  it('is listed by the engine from the worker, with the same definitions', async () => {
    const tools = await client.tools.list({ toolkit: 'GitHub', user_id: 'alice' });
    expect(tools.items.map((tool) => tool.qualified_name).sort()).toEqual([
      'GitHub.CreateIssue',
      'GitHub.ListRepositories',
      'GitHub.StarRepository',
    ]);
    expect(tools.items[0]?.requirements?.authorization).toMatchObject({
      provider_id: 'github',
      oauth2: { scopes: ['repo'] },
      token_status: 'not_started',
    });
    const health = await fetch(`${workerUrl}/worker/health`);
    expect(await health.json()).toEqual({ status: 'ok', tool_count: 3 });
  });

  it('after alice’s consent at the engine, lists, stars and opens an issue through the worker', async () => {
    const { authorization, consent, finished } = await fixture.authorizeUser({
      userId: 'alice',
      username: 'alice',
      password: 'alice-password',
    });
    expect(authorization.status).toBe('pending');
    expect(consent.callback?.status).toBe(200);
    expect(finished.status).toBe('completed');

    const list = await client.tools.execute({
      tool_name: 'GitHub.ListRepositories',
      user_id: 'alice',
    });
    answers.push(list);
    expect(list.success).toBe(true);
    expect(list.output?.value).toMatchObject({
      repositories: [
        { full_name: 'octocat/Hello-World' },
        { full_name: 'octocat/dotfiles' },
        { full_name: 'octo-org/octo-repo' },
      ],
      next_page: 2,
    });
    expect(list.output?.logs).toEqual([
      expect.objectContaining({ level: 'info', message: 'listed 3 repositories (page 1)' }),
    ]);

    const star = await client.tools.execute({
      tool_name: 'GitHub.StarRepository',
      user_id: 'alice',
      input: { owner: 'octocat', repo: 'Hello-World' },
    });
    answers.push(star);
    expect(star.output?.value).toEqual({ repository: 'octocat/Hello-World', starred: true });

    const issue = await client.tools.execute({
      tool_name: 'GitHub.CreateIssue',
      user_id: 'alice',
      input: {
        owner: 'octocat',
        repo: 'Hello-World',
        title: 'Found a bug',
        body: "I'm having a problem with this.",
        labels: ['bug'],
      },
    });
    answers.push(issue);
    expect(issue.output?.value).toMatchObject({
      number: 1347,
      html_url: 'https://github.com/octocat/Hello-World/issues/1347',
    });

    expect(stack.github.requests.map((request) => request.answeredWith)).toEqual([
      'list-repositories-page-1.json',
      'star-repository.json',
      'create-issue.json',
    ]);
    expect(stack.github.problems).toEqual([]);
  });

  it('maps GitHub’s 404 the same way as in process', async () => {
    const response = await client.tools.execute({
      tool_name: 'GitHub.StarRepository',
      user_id: 'alice',
      input: { owner: 'octocat', repo: 'does-not-exist' },
    });
    answers.push(response);
    expect(response.output?.error).toMatchObject({
      kind: 'UPSTREAM_RUNTIME_NOT_FOUND',
      status_code: 404,
      message: expect.stringContaining(
        "GitHub has no repository 'octocat/does-not-exist' that this user can see",
      ),
    });
  });

  it('no token, client secret or worker secret in any answer or in the worker’s output', () => {
    expect(stack.github.tokens.size).toBe(1);
    const everything = JSON.stringify({
      answers,
      stdout: worker?.stdout(),
      stderr: worker?.stderr(),
    });
    for (const value of [...stack.github.tokens, stack.clientSecret, secret]) {
      expect(everything).not.toContain(value);
    }
  });
});
