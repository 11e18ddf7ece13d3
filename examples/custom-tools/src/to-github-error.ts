import { type ToolError, UpstreamError } from '@toolgrant/worker';

// Turns a GitHub error response into the error the model reads: what GitHub refused, in
// GitHub's own words, and what to do next. Classified by status code and rate-limit headers,
// never by message text. GitHub's error bodies are `{ message, documentation_url, errors? }`
// (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api).

export interface GitHubErrorResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or null when there was none. */
  body: unknown;
}

export interface GitHubAction {
  /** What the tool tried, as a verb phrase: `star octocat/Hello-World`. */
  description: string;
  /** The repository the call was about, `owner/name`, if any. */
  repository?: string;
}

type GitHubErrorBody = {
  message?: unknown;
  errors?: unknown;
};

type GitHubFieldError = {
  resource?: unknown;
  field?: unknown;
  code?: unknown;
  value?: unknown;
  message?: unknown;
};

const fieldErrorCodes: Record<string, string> = {
  missing: 'does not exist',
  missing_field: 'is required',
  invalid: 'is not valid',
  already_exists: 'already exists',
  unprocessable: 'cannot be processed',
};

export function toGitHubError({
  response,
  action,
}: {
  response: GitHubErrorResponse;
  action: GitHubAction;
}): ToolError {
  const { status, headers } = response;
  const said = githubMessage(response.body) ?? `HTTP ${status}`;
  const developerMessage = describeForDeveloper(response);

  const retryAfterMs = rateLimitWaitMs({ status, headers });
  if (retryAfterMs !== undefined) {
    return new UpstreamError({
      // GitHub answers an exhausted rate limit with 403 or 429; both are a rate limit.
      status: 429,
      message: `GitHub's rate limit for this user is used up, so it did not ${action.description} (${said}). Try again in ${formatWait(retryAfterMs)}.`,
      retryAfterMs,
      developerMessage,
    });
  }
  if (status === 401) {
    return new UpstreamError({
      status,
      message: `GitHub no longer accepts this user's authorization (${said}), so it did not ${action.description}. The access was revoked or has expired: ask the user to connect their GitHub account again.`,
      developerMessage: `${developerMessage} Delete the user's github connection (toolgrant connections revoke --user <id> --provider github, or DELETE /v1/admin/user_connections/<id>); their next call asks for consent again.`,
    });
  }
  if (status === 403) {
    return new UpstreamError({
      status,
      message: `GitHub refused to ${action.description}: ${said}. The user's account may not have access to it, or its organization restricts third-party apps. Tell the user; calling again will not help.`,
      developerMessage,
    });
  }
  if (status === 404) {
    return new UpstreamError({
      status,
      message:
        action.repository === undefined
          ? `GitHub found nothing to ${action.description} (${said}).`
          : `GitHub has no repository '${action.repository}' that this user can see, so it did not ${action.description}. Check the owner and the name (GitHub.ListRepositories lists the user's repositories); a private repository the user cannot access looks missing too.`,
      developerMessage,
    });
  }
  if (status === 422) {
    const fields = fieldErrors(response.body);
    return new UpstreamError({
      status,
      message: `GitHub rejected the request to ${action.description}: ${said}${fields === '' ? '' : ` (${fields})`}. Correct the arguments and call the tool again.`,
      developerMessage,
    });
  }
  if (status >= 500) {
    return new UpstreamError({
      status,
      message: `GitHub had a problem (${said}) and did not ${action.description}. Try again in a little while.`,
      developerMessage,
    });
  }
  return new UpstreamError({
    status,
    message: `GitHub refused to ${action.description}: ${said}.`,
    developerMessage,
  });
}

function githubMessage(body: unknown): string | undefined {
  const message = (body as GitHubErrorBody | null)?.message;
  return typeof message === 'string' && message.trim() !== '' ? message.trim() : undefined;
}

/** "'assignees' is not valid ("nobody")", one entry per field GitHub named. */
function fieldErrors(body: unknown): string {
  const errors = (body as GitHubErrorBody | null)?.errors;
  if (!Array.isArray(errors)) return '';
  return errors
    .map((entry: GitHubFieldError | string) => {
      if (typeof entry === 'string') return entry;
      if (typeof entry.message === 'string' && entry.code === 'custom') return entry.message;
      const field = typeof entry.field === 'string' ? `'${entry.field}'` : 'a field';
      const problem =
        typeof entry.code === 'string'
          ? (fieldErrorCodes[entry.code] ?? entry.code)
          : 'is not valid';
      const value = entry.value === undefined ? '' : ` (${JSON.stringify(entry.value)})`;
      return `${field} ${problem}${value}`;
    })
    .join('; ');
}

/**
 * How long to wait when GitHub says a rate limit is exhausted: `retry-after` (secondary
 * limits), else until `x-ratelimit-reset` when `x-ratelimit-remaining` is 0 (the primary
 * limit). Undefined when the answer is not about a rate limit.
 */
function rateLimitWaitMs({
  status,
  headers,
}: {
  status: number;
  headers: Headers;
}): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = Number(headers.get('retry-after') ?? Number.NaN);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  if (headers.get('x-ratelimit-remaining') === '0') {
    const resetAt = Number(headers.get('x-ratelimit-reset') ?? Number.NaN) * 1000;
    return Number.isFinite(resetAt) ? Math.max(resetAt - Date.now(), 1000) : 60_000;
  }
  // A 429 without headers is still a rate limit; GitHub asks clients to wait a minute then.
  return status === 429 ? 60_000 : undefined;
}

function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** For the application's logs: GitHub's status, message, docs link and scope headers. */
function describeForDeveloper({ status, headers, body }: GitHubErrorResponse): string {
  const details = [
    `GitHub answered HTTP ${status}: ${JSON.stringify(body)}.`,
    headers.get('x-github-request-id') === null
      ? undefined
      : `Request id ${headers.get('x-github-request-id')}.`,
    headers.get('x-accepted-oauth-scopes') === null
      ? undefined
      : `The endpoint accepts the scopes '${headers.get('x-accepted-oauth-scopes')}'; the token has '${headers.get('x-oauth-scopes') ?? ''}'.`,
  ];
  return details.filter((detail) => detail !== undefined).join(' ');
}
