import type Arcade from '@arcadeai/arcadejs';
import { CookieJar } from '@toolgrant/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubEngine, startGitHubEngine } from './start-github-engine.js';
import type { GitHubTestStack } from './start-github-test-stack.js';

// The engine serves the GitHub toolkit in its own process. Alice authorizes through the engine's
// `github` preset (its endpoints moved to the testkit's provider), then every call goes through
// the official client over HTTP to the engine, and from the tool to the recorded GitHub API.

let fixture: GitHubEngine;
let stack: GitHubTestStack;
let client: Arcade;
const logLines: string[] = [];
/** Every answer the client got, to look for tokens in at the end. */
const answers: unknown[] = [];

async function execute(params: Parameters<Arcade['tools']['execute']>[0]) {
  const response = await client.tools.execute(params);
  answers.push(response);
  return response;
}

beforeAll(async () => {
  const log = (level: string) => (message: string, fields?: unknown) =>
    logLines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  fixture = await startGitHubEngine({
    name: 'in-process',
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
  });
  ({ stack, client } = fixture);
}, 60_000);

afterAll(async () => {
  await fixture?.close();
});

describe('the GitHub toolkit, served by the engine in its own process', () => {
  it('offers three tools that need the user’s consent at github (scope repo), with descriptions for the model', async () => {
    const tools = await client.tools.list({ toolkit: 'GitHub', user_id: 'alice' });
    expect(tools.items.map((tool) => tool.fully_qualified_name).sort()).toEqual([
      'GitHub.CreateIssue@1.0.0',
      'GitHub.ListRepositories@1.0.0',
      'GitHub.StarRepository@1.0.0',
    ]);
    for (const tool of tools.items) {
      expect(tool.requirements?.authorization).toMatchObject({
        provider_id: 'github',
        provider_type: 'oauth2',
        oauth2: { scopes: ['repo'] },
        token_status: 'not_started',
      });
      for (const parameter of tool.input.parameters ?? []) {
        expect(parameter.description, `${tool.name}.${parameter.name}`).toMatch(/\w{3,}/);
      }
    }
    const createIssue = tools.items.find((tool) => tool.name === 'CreateIssue');
    expect(createIssue?.input.parameters?.find((parameter) => parameter.name === 'title')).toEqual(
      expect.objectContaining({ required: true }),
    );
  });

  it('authorizes alice through the github preset (PKCE, scope repo) and lists her repositories, a page at a time', async () => {
    const authorization = await client.tools.authorize({
      tool_name: 'GitHub.ListRepositories',
      user_id: 'alice',
    });
    expect(authorization.status).toBe('pending');
    expect(authorization.scopes).toEqual(['repo']);
    // The engine's link sends the browser to the preset's authorize URL, here the provider's,
    // and binds the flow to this browser with a cookie.
    const browser = new CookieJar();
    const start = await fetch(authorization.url ?? '', { redirect: 'manual' });
    browser.store({ url: new URL(authorization.url ?? ''), response: start });
    const toProvider = new URL(start.headers.get('location') ?? '');
    expect(`${toProvider.origin}${toProvider.pathname}`).toBe(stack.provider.authorizationEndpoint);
    expect(toProvider.searchParams.get('scope')).toBe('repo');
    expect(toProvider.searchParams.get('code_challenge_method')).toBe('S256');
    const consent = await stack.provider.completeConsent({
      authorizationUrl: toProvider.href,
      username: 'alice',
      password: 'alice-password',
      cookieJar: browser,
    });
    expect(consent.callback?.status).toBe(200);
    expect((await client.auth.waitForCompletion(authorization)).status).toBe('completed');
    expect(stack.provider.tokenRequestLog).toEqual([
      expect.objectContaining({
        grantType: 'authorization_code',
        authenticationMethod: 'client_secret_post',
        status: 200,
      }),
    ]);

    const first = await execute({
      tool_name: 'GitHub.ListRepositories',
      user_id: 'alice',
      input: { per_page: 3 },
    });
    expect(first.success).toBe(true);
    expect(first.output?.value).toEqual({
      repositories: [
        {
          full_name: 'octocat/Hello-World',
          description: 'My first repository on GitHub!',
          private: false,
          fork: false,
          archived: false,
          language: null,
          stargazers_count: 80,
          open_issues_count: 2,
          html_url: 'https://github.com/octocat/Hello-World',
          pushed_at: '2025-03-11T09:14:40Z',
        },
        expect.objectContaining({ full_name: 'octocat/dotfiles', private: true }),
        expect.objectContaining({ full_name: 'octo-org/octo-repo', private: false }),
      ],
      page: 1,
      next_page: 2,
    });
    expect(stack.github.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/user/repos',
      query: { visibility: 'all', sort: 'updated', per_page: '3', page: '1' },
      answeredWith: 'list-repositories-page-1.json',
    });

    const second = await execute({
      tool_name: 'GitHub.ListRepositories',
      user_id: 'alice',
      input: { per_page: 3, page: 2, affiliation: ['owner', 'collaborator'], sort: 'full_name' },
    });
    expect(second.output?.value).toMatchObject({
      repositories: [{ full_name: 'octocat/Spoon-Knife' }],
      page: 2,
      next_page: null,
    });
    expect(stack.github.requests.at(-1)?.query).toEqual({
      visibility: 'all',
      affiliation: 'owner,collaborator',
      sort: 'full_name',
      per_page: '3',
      page: '2',
    });
    expect(stack.github.problems).toEqual([]);
  });

  it('stars a repository with PUT /user/starred/{owner}/{repo}', async () => {
    const response = await execute({
      tool_name: 'GitHub.StarRepository',
      user_id: 'alice',
      input: { owner: 'octocat', repo: 'Hello-World' },
    });
    expect(response.success).toBe(true);
    expect(response.output?.value).toEqual({ repository: 'octocat/Hello-World', starred: true });
    expect(stack.github.requests.at(-1)).toMatchObject({
      method: 'PUT',
      path: '/user/starred/octocat/Hello-World',
      answeredWith: 'star-repository.json',
    });
    expect(stack.github.problems).toEqual([]);
  });

  it('opens an issue with the JSON body GitHub documents, and returns its number and link', async () => {
    const response = await execute({
      tool_name: 'GitHub.CreateIssue',
      user_id: 'alice',
      input: {
        owner: 'octocat',
        repo: 'Hello-World',
        title: 'Found a bug',
        body: "I'm having a problem with this.",
        labels: ['bug'],
        // What a model in strict mode sends for an argument it leaves out.
        assignees: null,
      },
    });
    expect(response.success).toBe(true);
    expect(response.output?.value).toEqual({
      number: 1347,
      title: 'Found a bug',
      state: 'open',
      html_url: 'https://github.com/octocat/Hello-World/issues/1347',
      labels: ['bug'],
      assignees: [],
    });
    expect(stack.github.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/repos/octocat/Hello-World/issues',
      headers: { 'content-type': 'application/json' },
      body: { title: 'Found a bug', body: "I'm having a problem with this.", labels: ['bug'] },
      answeredWith: 'create-issue.json',
    });
    expect(stack.github.problems).toEqual([]);
  });

  describe('GitHub’s refusals reach the model as errors that say what to do', () => {
    it.each([
      {
        refusal: '404 on starring a repository that does not exist: not found, check the name',
        tool_name: 'GitHub.StarRepository',
        input: { owner: 'octocat', repo: 'does-not-exist' },
        recording: 'star-missing-repository.json',
        error: {
          kind: 'UPSTREAM_RUNTIME_NOT_FOUND',
          status_code: 404,
          can_retry: false,
          message:
            "GitHub has no repository 'octocat/does-not-exist' that this user can see, so it did not star octocat/does-not-exist. Check the owner and the name (GitHub.ListRepositories lists the user's repositories); a private repository the user cannot access looks missing too.",
          developer_message: expect.stringContaining('"message":"Not Found"'),
        },
      },
      {
        refusal:
          '422 on an issue with an assignee GitHub cannot assign: the field, and to correct it',
        tool_name: 'GitHub.CreateIssue',
        input: {
          owner: 'octocat',
          repo: 'Hello-World',
          title: 'Found a bug',
          assignees: ['no-such-user'],
        },
        recording: 'create-issue-invalid-assignee.json',
        error: {
          kind: 'UPSTREAM_RUNTIME_VALIDATION_ERROR',
          status_code: 422,
          can_retry: false,
          message:
            'GitHub rejected the request to open an issue in octocat/Hello-World: Validation Failed (\'assignees\' is not valid ("no-such-user")). Correct the arguments and call the tool again.',
        },
      },
      {
        refusal: '410 when the repository has issues turned off: GitHub’s reason',
        tool_name: 'GitHub.CreateIssue',
        input: { owner: 'octocat', repo: 'linguist', title: 'Found a bug' },
        recording: 'create-issue-issues-disabled.json',
        error: {
          kind: 'UPSTREAM_RUNTIME_BAD_REQUEST',
          status_code: 410,
          message:
            'GitHub refused to open an issue in octocat/linguist: Issues are disabled for this repo.',
        },
      },
      {
        refusal:
          '403 from an organization that restricts OAuth apps: refused, tell the user, do not retry',
        tool_name: 'GitHub.CreateIssue',
        input: { owner: 'octo-org', repo: 'octo-repo', title: 'Found a bug' },
        recording: 'create-issue-oauth-app-restricted.json',
        error: {
          kind: 'UPSTREAM_RUNTIME_AUTH_ERROR',
          status_code: 403,
          can_retry: false,
          message: expect.stringMatching(
            /^GitHub refused to open an issue in octo-org\/octo-repo: Although you appear to have the correct authorization credentials, the `octo-org` organization has enabled OAuth App access restrictions.*Tell the user; calling again will not help\.$/,
          ),
          developer_message: expect.stringContaining(
            "The endpoint accepts the scopes 'repo'; the token has 'repo'.",
          ),
        },
      },
      {
        refusal:
          '403 with retry-after (a secondary rate limit): a rate limit, retryable after GitHub’s wait',
        tool_name: 'GitHub.StarRepository',
        input: { owner: 'octocat', repo: 'Spoon-Knife' },
        recording: 'star-repository-secondary-rate-limit.json',
        error: {
          kind: 'UPSTREAM_RUNTIME_RATE_LIMIT',
          can_retry: true,
          retry_after_ms: 60_000,
          message: expect.stringMatching(
            /^GitHub's rate limit for this user is used up, so it did not star octocat\/Spoon-Knife \(You have exceeded a secondary rate limit\..*\)\. Try again in 60 seconds\.$/,
          ),
        },
      },
    ])('$refusal', async ({ tool_name, input, recording, error }) => {
      const response = await execute({ tool_name, user_id: 'alice', input });
      expect(stack.github.requests.at(-1)?.answeredWith).toBe(recording);
      expect(response.success).toBe(false);
      expect(response.output?.error).toMatchObject(error);
    });

    it.each([
      {
        argument: 'a blank title',
        tool_name: 'GitHub.CreateIssue',
        input: { owner: 'octocat', repo: 'Hello-World', title: '   ' },
        message: "'title': The title must not be blank",
      },
      {
        argument: 'an owner with a slash',
        tool_name: 'GitHub.StarRepository',
        input: { owner: 'octocat/Hello-World', repo: 'Hello-World' },
        message:
          "'owner': A GitHub account name has letters, digits and single hyphens, and no slash",
      },
    ])(
      '$argument never reaches GitHub: the model is told which argument to fix',
      async ({ tool_name, input, message }) => {
        const before = stack.github.requests.length;
        const response = await execute({ tool_name, user_id: 'alice', input });
        expect(response.output?.error).toMatchObject({
          kind: 'TOOL_RUNTIME_BAD_INPUT_VALUE',
          message: expect.stringContaining(message),
        });
        expect(stack.github.requests.length).toBe(before);
      },
    );

    it('401 Bad credentials once the user’s grant is revoked: reconnect GitHub', async () => {
      const { finished } = await fixture.authorizeUser({
        userId: 'bob',
        username: 'bob',
        password: 'bob-password',
      });
      expect(finished.status).toBe('completed');
      const before = await execute({ tool_name: 'GitHub.ListRepositories', user_id: 'bob' });
      expect(before.success).toBe(true);

      // Bob revokes the app at the provider: GitHub stops accepting the stored token.
      expect(stack.provider.revokeGrants({ userId: 'bob' })).toBeGreaterThan(0);
      const after = await execute({ tool_name: 'GitHub.ListRepositories', user_id: 'bob' });
      expect(stack.github.requests.at(-1)?.answeredWith).toBe('bad-credentials.json');
      expect(after.output?.error).toMatchObject({
        kind: 'UPSTREAM_RUNTIME_AUTH_ERROR',
        status_code: 401,
        can_retry: false,
        message:
          "GitHub no longer accepts this user's authorization (Bad credentials), so it did not list the user's repositories. The access was revoked or has expired: ask the user to connect their GitHub account again.",
      });
      expect(after.output?.error?.developer_message).toContain(
        'toolgrant connections revoke --user <id> --provider github',
      );
    });
  });

  it('no token or client secret in any answer, error or log line, and every request was one GitHub would take', () => {
    // Alice's and Bob's tokens both reached GitHub, so the scan below looks for real values.
    expect(stack.github.tokens.size).toBe(2);
    const everything = JSON.stringify({ answers, logLines });
    for (const secret of [...stack.github.tokens, stack.clientSecret]) {
      expect(everything).not.toContain(secret);
    }
    expect(answers.length).toBeGreaterThan(10);
    expect(stack.github.problems).toEqual([]);
  });
});
