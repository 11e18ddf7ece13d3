import { github } from '@toolgrant/engine';
import { requireEnvironmentVariable } from './require-environment-variable.js';

/**
 * The engine's `github` preset (GitHub's authorize and token endpoints, PKCE, how it lists
 * scopes) with your OAuth app's credentials from the environment.
 */
export function githubProviderFromEnvironment() {
  return github({
    clientId: requireEnvironmentVariable({
      variable: 'GITHUB_CLIENT_ID',
      description: "Your GitHub OAuth app's Client ID (https://github.com/settings/developers).",
    }),
    clientSecret: requireEnvironmentVariable({
      variable: 'GITHUB_CLIENT_SECRET',
      description: 'A client secret generated on your GitHub OAuth app’s page.',
    }),
  });
}
