import { defineToolkit } from '@toolgrant/worker';
import { defaultGitHubApiUrl } from './call-github.js';
import { createIssueTool } from './create-issue-tool.js';
import { listRepositoriesTool } from './list-repositories-tool.js';
import { starRepositoryTool } from './star-repository-tool.js';

// The toolkit the engine serves as GitHub.ListRepositories, GitHub.StarRepository and
// GitHub.CreateIssue, in its own process or through a worker: the same object either way.

export interface GitHubToolkitOptions {
  /**
   * The REST API's base URL. Default `https://api.github.com`; `https://<host>/api/v3` for
   * GitHub Enterprise Server; the tests point it at recorded responses.
   */
  apiBaseUrl?: string;
}

export function githubToolkit({ apiBaseUrl = defaultGitHubApiUrl }: GitHubToolkitOptions = {}) {
  const protocol = URL.canParse(apiBaseUrl) ? new URL(apiBaseUrl).protocol : undefined;
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new TypeError(
      `githubToolkit({ apiBaseUrl }) got ${JSON.stringify(apiBaseUrl)}; pass the GitHub REST API's URL, for example '${defaultGitHubApiUrl}'.`,
    );
  }
  return defineToolkit({
    name: 'GitHub',
    version: '1.0.0',
    description: "The user's GitHub repositories, stars and issues.",
    tools: [
      listRepositoriesTool({ apiBaseUrl }),
      starRepositoryTool({ apiBaseUrl }),
      createIssueTool({ apiBaseUrl }),
    ],
  });
}
