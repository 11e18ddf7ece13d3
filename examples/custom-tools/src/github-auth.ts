import { oauth2 } from '@toolgrant/worker';

/** The engine's provider id: `github({ clientId, clientSecret })` registers itself as 'github'. */
export const githubProviderId = 'github';

/**
 * One scope for all three tools, so one consent covers them. OAuth apps have no narrower scope
 * that reaches private repositories: `repo` lists them, stars them and opens issues in them.
 * For public repositories only, `public_repo` would do.
 */
export const githubScopes = ['repo'] as const;

export const githubAuth = oauth2({ provider: githubProviderId, scopes: githubScopes });
