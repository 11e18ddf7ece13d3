import { RetryableToolError, ToolExecutionError } from '@toolgrant/worker';
import { type GitHubAction, toGitHubError } from './to-github-error.js';

// One request to the GitHub REST API, with the headers GitHub asks every client to send
// (https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api).
// The user's token goes in the Authorization header and nowhere else.

export const githubApiVersion = '2022-11-28';
/** GitHub refuses requests without a User-Agent and asks for the app's name in it. */
export const githubUserAgent = 'toolgrant-example-custom-tools';
export const defaultGitHubApiUrl = 'https://api.github.com';

export interface GitHubResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body; null for an empty one (204 No Content). */
  body: unknown;
}

export interface CallGitHubOptions {
  /** `https://api.github.com`, or `https://<host>/api/v3` for GitHub Enterprise Server. */
  apiBaseUrl: string;
  token: string;
  method: 'GET' | 'PUT' | 'POST';
  /** With path segments already encoded: `/repos/octocat/Hello-World/issues`. */
  path: string;
  query?: Readonly<Record<string, string | number | undefined>>;
  /** Sent as JSON. */
  body?: unknown;
  signal: AbortSignal;
  /** For error messages. */
  action: GitHubAction;
}

export async function callGitHub({
  apiBaseUrl,
  token,
  method,
  path,
  query = {},
  body,
  signal,
  action,
}: CallGitHubOptions): Promise<GitHubResponse> {
  const url = new URL(`${apiBaseUrl.replace(/\/+$/, '')}${path}`);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = {
    accept: 'application/vnd.github+json',
    'x-github-api-version': githubApiVersion,
    'user-agent': githubUserAgent,
    authorization: `Bearer ${token}`,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    // A PUT without a body goes out with `content-length: 0`, as GitHub requires for starring.
    response = await fetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw unreachable({ url, method, action, error });
  }

  const text = await response.text();
  const parsed = parseJson(text);
  if (response.status >= 400) {
    throw toGitHubError({
      response: { status: response.status, headers: response.headers, body: parsed },
      action,
    });
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function unreachable({
  url,
  method,
  action,
  error,
}: {
  url: URL;
  method: CallGitHubOptions['method'];
  action: GitHubAction;
  error: unknown;
}) {
  const cause = error instanceof Error ? String(error.cause ?? error.message) : String(error);
  const developerMessage = `${method} ${url.origin}${url.pathname} failed: ${cause}`;
  // A POST may have reached GitHub before the connection failed; sending it again could
  // open a second issue. GET and PUT (starring) can simply be repeated.
  if (method === 'POST') {
    return new ToolExecutionError({
      message: `The connection to GitHub failed while trying to ${action.description}; it is not known whether it happened. Check on GitHub before trying again.`,
      developerMessage,
    });
  }
  return new RetryableToolError({
    message: `GitHub could not be reached to ${action.description}.`,
    additionalPromptContent: 'Try again in a little while.',
    developerMessage,
  });
}
