import { defineTool } from '@toolgrant/worker';
import { z } from 'zod/v4';
import { callGitHub } from './call-github.js';
import { githubAuth } from './github-auth.js';
import { ownerInput, repositoryNameInput, repositoryPath } from './repository-input.js';

// POST /repos/{owner}/{repo}/issues: https://docs.github.com/en/rest/issues/issues#create-an-issue
// The title is checked here, so a blank one never reaches GitHub; what only GitHub can judge
// (an assignee who cannot be assigned) comes back as its 422, field by field.

type GitHubIssue = {
  number: number;
  title: string;
  state: string;
  html_url: string;
  labels?: ({ name?: string } | string)[];
  assignees?: { login: string }[] | null;
};

export function createIssueTool({ apiBaseUrl }: { apiBaseUrl: string }) {
  return defineTool({
    name: 'CreateIssue',
    description:
      'Opens a new issue in a GitHub repository as the user and returns its number and link. Each call opens another issue: check the title and body with the user first.',
    input: z.object({
      owner: ownerInput,
      repo: repositoryNameInput,
      title: z
        .string()
        .max(256)
        .regex(/\S/, 'The title must not be blank')
        .describe('A short summary of the issue, as it appears in the list of issues.'),
      body: z
        .string()
        .max(65_536)
        .optional()
        .describe('The description, in GitHub Markdown. Leave out for a title-only issue.'),
      labels: z
        .array(z.string().min(1))
        .optional()
        .describe(
          'Label names, such as "bug". GitHub keeps them only if the user can push to the repository.',
        ),
      assignees: z
        .array(ownerInput.describe('A GitHub username'))
        .max(10)
        .optional()
        .describe(
          'Usernames to assign, without "@". GitHub keeps them only if the user can push to the repository.',
        ),
    }),
    output: z.object({
      number: z.int(),
      title: z.string(),
      state: z.string(),
      html_url: z.string().describe('The issue on GitHub, to show the user'),
      labels: z.array(z.string()).describe('The labels GitHub kept'),
      assignees: z.array(z.string()).describe('The assignees GitHub kept'),
    }),
    auth: githubAuth,
    metadata: { openWorld: true, operations: ['create'], serviceDomains: ['github.com'] },
    async execute({ owner, repo, title, body, labels, assignees }, context) {
      const repository = `${owner}/${repo}`;
      const response = await callGitHub({
        apiBaseUrl,
        token: context.getAuthToken(),
        method: 'POST',
        path: `/repos/${repositoryPath({ owner, repo })}/issues`,
        body: { title, body, labels, assignees },
        signal: context.signal,
        action: { description: `open an issue in ${repository}`, repository },
      });
      const issue = response.body as GitHubIssue;
      context.logger.info(`opened ${repository}#${issue.number}`);
      return {
        number: issue.number,
        title: issue.title,
        state: issue.state,
        html_url: issue.html_url,
        labels: (issue.labels ?? []).map((label) =>
          typeof label === 'string' ? label : (label.name ?? ''),
        ),
        assignees: (issue.assignees ?? []).map((assignee) => assignee.login),
      };
    },
  });
}
