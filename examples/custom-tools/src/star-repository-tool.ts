import { defineTool } from '@toolgrant/worker';
import { z } from 'zod/v4';
import { callGitHub } from './call-github.js';
import { githubAuth } from './github-auth.js';
import { ownerInput, repositoryNameInput, repositoryPath } from './repository-input.js';

// PUT /user/starred/{owner}/{repo}: https://docs.github.com/en/rest/activity/starring#star-a-repository-for-the-authenticated-user
// GitHub answers 204 whether or not the repository was starred already.

export function starRepositoryTool({ apiBaseUrl }: { apiBaseUrl: string }) {
  return defineTool({
    name: 'StarRepository',
    description:
      'Stars a GitHub repository as the user. Starring a repository the user has already starred changes nothing.',
    input: z.object({ owner: ownerInput, repo: repositoryNameInput }),
    output: z.object({
      repository: z.string().describe('owner/name'),
      starred: z.boolean(),
    }),
    auth: githubAuth,
    metadata: { idempotent: true, openWorld: true, serviceDomains: ['github.com'] },
    async execute({ owner, repo }, context) {
      const repository = `${owner}/${repo}`;
      await callGitHub({
        apiBaseUrl,
        token: context.getAuthToken(),
        method: 'PUT',
        path: `/user/starred/${repositoryPath({ owner, repo })}`,
        signal: context.signal,
        action: { description: `star ${repository}`, repository },
      });
      context.logger.info(`starred ${repository}`);
      return { repository, starred: true };
    },
  });
}
