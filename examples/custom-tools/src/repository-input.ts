import { z } from 'zod/v4';

// The two halves of `owner/name`, as GitHub allows them: account names are letters, digits and
// single hyphens (at most 39); repository names letters, digits, '.', '-' and '_' (at most 100).

export const ownerInput = z
  .string()
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/,
    'A GitHub account name has letters, digits and single hyphens, and no slash',
  )
  .describe(
    'The user or organization that owns the repository: "octocat" in "octocat/Hello-World".',
  );

export const repositoryNameInput = z
  .string()
  .regex(
    /^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/,
    'A repository name has letters, digits, ".", "-" and "_", and no owner or slash',
  )
  .describe('The repository name without its owner: "Hello-World" in "octocat/Hello-World".');

/** `owner/repo` for a URL path, each half encoded. */
export function repositoryPath({ owner, repo }: { owner: string; repo: string }): string {
  return `${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
}
