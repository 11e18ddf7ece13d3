import { defineTool } from '@toolgrant/worker';
import { z } from 'zod/v4';
import { callGitHub } from './call-github.js';
import { githubAuth } from './github-auth.js';

// GET /user/repos: https://docs.github.com/en/rest/repos/repos#list-repositories-for-the-authenticated-user
// The model gets a short summary of each repository, not GitHub's ~100 fields, and the page to
// ask for next (from GitHub's Link header).

const repositorySummary = z.object({
  full_name: z.string().describe('owner/name, what the other GitHub tools take'),
  description: z.string().nullable(),
  private: z.boolean(),
  fork: z.boolean(),
  archived: z.boolean(),
  language: z.string().nullable(),
  stargazers_count: z.int(),
  open_issues_count: z.int(),
  html_url: z.string(),
  pushed_at: z.string().nullable(),
});

type GitHubRepository = z.input<typeof repositorySummary>;

export function listRepositoriesTool({ apiBaseUrl }: { apiBaseUrl: string }) {
  return defineTool({
    name: 'ListRepositories',
    description:
      "Lists the GitHub repositories the user can access: their own, ones they collaborate on and their organizations', most recently updated first. Returns one page; call again with next_page for more.",
    input: z.object({
      visibility: z
        .enum(['all', 'public', 'private'])
        .default('all')
        .describe(
          'Only public or only private repositories; "all" unless the user asks for one kind.',
        ),
      affiliation: z
        .array(z.enum(['owner', 'collaborator', 'organization_member']))
        .min(1)
        .optional()
        .describe(
          'Whose repositories: "owner" for the user\'s own, "collaborator" for ones they were added to, "organization_member" for their organizations\'. Leave out for all three.',
        ),
      sort: z
        .enum(['updated', 'pushed', 'created', 'full_name'])
        .default('updated')
        .describe(
          'Order: "updated" (most recently changed first), "pushed" (most recent push first), "created" (newest first) or "full_name" (alphabetical).',
        ),
      per_page: z.int().min(1).max(100).default(30).describe('How many to return, 1 to 100.'),
      page: z
        .int()
        .min(1)
        .default(1)
        .describe('Which page, from 1: the next_page of the previous result, to see more.'),
    }),
    output: z.object({
      repositories: z.array(repositorySummary),
      page: z.int(),
      next_page: z
        .int()
        .nullable()
        .describe('The page to ask for to see more; null when this was the last one.'),
    }),
    auth: githubAuth,
    metadata: { readOnly: true, openWorld: true, serviceDomains: ['github.com'] },
    async execute({ visibility, affiliation, sort, per_page, page }, context) {
      const response = await callGitHub({
        apiBaseUrl,
        token: context.getAuthToken(),
        method: 'GET',
        path: '/user/repos',
        query: { visibility, affiliation: affiliation?.join(','), sort, per_page, page },
        signal: context.signal,
        action: { description: "list the user's repositories" },
      });
      const repositories = Array.isArray(response.body)
        ? (response.body as GitHubRepository[])
        : [];
      context.logger.info(`listed ${repositories.length} repositories (page ${page})`);
      return {
        repositories: repositories.map((repository) => ({
          full_name: repository.full_name,
          description: repository.description ?? null,
          private: repository.private,
          fork: repository.fork,
          archived: repository.archived,
          language: repository.language ?? null,
          stargazers_count: repository.stargazers_count,
          open_issues_count: repository.open_issues_count,
          html_url: repository.html_url,
          pushed_at: repository.pushed_at ?? null,
        })),
        page,
        next_page: nextPage(response.headers.get('link')),
      };
    },
  });
}

/** The `page` of the `rel="next"` link in GitHub's Link header, if there is one. */
function nextPage(link: string | null): number | null {
  const next = link?.split(',').find((part) => /;\s*rel="next"/.test(part));
  const url = next?.match(/<([^>]+)>/)?.[1];
  if (url === undefined) return null;
  const page = Number(new URL(url).searchParams.get('page'));
  return Number.isInteger(page) && page > 0 ? page : null;
}
