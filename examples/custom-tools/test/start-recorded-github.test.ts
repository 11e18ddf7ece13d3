import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubApiVersion, githubUserAgent } from '../src/call-github.js';
import {
  loadRecordings,
  type RecordedGitHub,
  startRecordedGitHub,
} from './start-recorded-github.js';

// The recorded GitHub API checks requests, so the toolkit's tests can rely on it: what a request
// lacks is reported, and every recording answers the request it was made for.

let github: RecordedGitHub;
beforeAll(async () => {
  github = await startRecordedGitHub({ authenticate: async (token) => token === 'good-token' });
});
afterAll(async () => {
  await github?.close();
});

const githubHeaders = {
  accept: 'application/vnd.github+json',
  'x-github-api-version': githubApiVersion,
  'user-agent': githubUserAgent,
  authorization: 'Bearer good-token',
};

describe('the recorded GitHub API', () => {
  it('answers each recording’s own request with its status, and GitHub’s headers', async () => {
    const recordings = (await loadRecordings()).filter(
      (recording) => recording.name !== 'bad-credentials.json',
    );
    expect(recordings.length).toBeGreaterThanOrEqual(9);
    for (const recording of recordings) {
      expect(recording.about, recording.name).toMatch(/https:\/\/docs\.github\.com\//);
      const { method, path, query = {}, body } = recording.request;
      const response = await fetch(`${github.url}${path}?${new URLSearchParams(query)}`, {
        method,
        headers: {
          ...githubHeaders,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(response.status, recording.name).toBe(recording.response.status);
      expect(response.headers.get('x-github-api-version-selected')).toBe(githubApiVersion);
      expect(github.requests.at(-1)?.answeredWith).toBe(recording.name);
    }
    expect(github.problems).toEqual([]);
  });

  it('answers 401 Bad credentials for a token the provider does not accept, as GitHub does', async () => {
    const response = await fetch(`${github.url}/user/repos?page=1`, {
      headers: { ...githubHeaders, authorization: 'Bearer revoked-token' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ message: 'Bad credentials' });
    expect(github.tokens).toContain('revoked-token');
    expect(github.problems).toEqual([]);
  });

  it('reports a request without GitHub’s media type, API version, an app’s User-Agent or a token', async () => {
    const response = await fetch(`${github.url}/user/repos?page=1`);
    expect(response.status).toBe(401);
    expect(github.problems.splice(0)).toEqual([
      'GET /user/repos: Accept is "*/*"',
      'GET /user/repos: X-GitHub-Api-Version is undefined',
      'GET /user/repos: no User-Agent naming the app (got "node")',
      'GET /user/repos: no bearer token in Authorization',
    ]);
  });

  it('reports a body other than the recorded one, and a request nothing was recorded for', async () => {
    const wrongBody = await fetch(`${github.url}/repos/octocat/Hello-World/issues`, {
      method: 'POST',
      headers: { ...githubHeaders, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Something else' }),
    });
    expect(wrongBody.status).toBe(404);
    const unknown = await fetch(`${github.url}/user/starred/octocat/unrecorded`, {
      method: 'PUT',
      headers: githubHeaders,
    });
    expect(unknown.status).toBe(404);
    expect(github.problems.splice(0)).toEqual([
      'POST /repos/octocat/Hello-World/issues: the body {"title":"Something else"} is not the one recorded in create-issue-invalid-assignee.json, create-issue.json',
      'PUT /user/starred/octocat/unrecorded: no recording for this request',
    ]);
  });
});
