import { describe, expect, it } from 'vitest';
import { toGitHubError } from './to-github-error.js';

// The cases the recorded GitHub API does not replay; the recorded ones (401, 403, 404, 410,
// 422, secondary rate limit) are asserted through the engine in test/in-process.test.ts.

const action = { description: 'star octocat/Hello-World', repository: 'octocat/Hello-World' };

describe('toGitHubError', () => {
  it('the primary rate limit (403, x-ratelimit-remaining 0): retryable once the limit resets', () => {
    const resetInSeconds = Math.floor(Date.now() / 1000) + 600;
    const error = toGitHubError({
      response: {
        status: 403,
        headers: new Headers({
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(resetInSeconds),
        }),
        body: { message: 'API rate limit exceeded for user ID 1.' },
      },
      action,
    });
    expect(error.kind).toBe('UPSTREAM_RUNTIME_RATE_LIMIT');
    expect(error.canRetry).toBe(true);
    expect(error.retryAfterMs).toBeGreaterThan(590_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(600_000);
    expect(error.message).toBe(
      "GitHub's rate limit for this user is used up, so it did not star octocat/Hello-World (API rate limit exceeded for user ID 1.). Try again in 10 minutes.",
    );
  });

  it('429 without headers: a rate limit, wait a minute', () => {
    const error = toGitHubError({
      response: { status: 429, headers: new Headers(), body: null },
      action,
    });
    expect(error).toMatchObject({ kind: 'UPSTREAM_RUNTIME_RATE_LIMIT', retryAfterMs: 60_000 });
  });

  it('a 403 without rate-limit headers is a refusal, not a rate limit', () => {
    const error = toGitHubError({
      response: { status: 403, headers: new Headers(), body: { message: 'Must have push access' } },
      action,
    });
    expect(error).toMatchObject({ kind: 'UPSTREAM_RUNTIME_AUTH_ERROR', canRetry: false });
    expect(error.message).toMatch(
      /^GitHub refused to star octocat\/Hello-World: Must have push access\./,
    );
  });

  it('5xx, with a body that is not JSON: retryable, GitHub had a problem', () => {
    const error = toGitHubError({
      response: { status: 502, headers: new Headers(), body: '<html>Bad gateway</html>' },
      action,
    });
    expect(error).toMatchObject({
      kind: 'UPSTREAM_RUNTIME_SERVER_ERROR',
      canRetry: true,
      message:
        'GitHub had a problem (HTTP 502) and did not star octocat/Hello-World. Try again in a little while.',
    });
  });

  it('422 field errors: custom messages as GitHub wrote them, codes in words', () => {
    const error = toGitHubError({
      response: {
        status: 422,
        headers: new Headers(),
        body: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'Issue',
              code: 'custom',
              field: 'title',
              message: 'title is too long (maximum is 256 characters)',
            },
            { resource: 'Issue', code: 'missing_field', field: 'title' },
          ],
        },
      },
      action: { description: 'open an issue in octocat/Hello-World' },
    });
    expect(error.message).toBe(
      "GitHub rejected the request to open an issue in octocat/Hello-World: Validation Failed (title is too long (maximum is 256 characters); 'title' is required). Correct the arguments and call the tool again.",
    );
  });
});
