import { randomBytes } from 'node:crypto';
import { github, type OAuth2ProviderInput } from '@toolgrant/engine';
import { type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { githubScopes } from '../src/github-auth.js';
import { type RecordedGitHub, startRecordedGitHub } from './start-recorded-github.js';

// What the toolkit talks to in the tests, on loopback: the testkit's real OAuth 2.0 provider in
// GitHub's place for consent (offering the scopes the toolkit requests), and the recorded GitHub
// API, which accepts a token exactly when that provider does and it carries those scopes.

export interface GitHubTestStack {
  provider: OAuthProvider;
  github: RecordedGitHub;
  /** The engine's `github` preset with its authorize and token URLs at the provider. */
  githubProvider: OAuth2ProviderInput;
  clientSecret: string;
  /** Registers the engine's callback URL with the provider, once the engine listens. */
  registerRedirectUri(redirectUri: string): void;
  close(): Promise<void>;
}

const clientId = 'toolgrant-example-custom-tools';

export async function startGitHubTestStack(): Promise<GitHubTestStack> {
  const provider = await startOAuthProvider({
    scopes: githubScopes.map((name) => ({ name, description: `GitHub scope ${name}` })),
  });
  const clientSecret = `secret-${randomBytes(16).toString('hex')}`;
  const recordedGitHub = await startRecordedGitHub({
    async authenticate(token) {
      const response = await fetch(`${provider.apiUrl}/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) return false;
      const { scope } = (await response.json()) as { scope: string };
      const granted = new Set(scope.split(' '));
      return githubScopes.every((needed) => granted.has(needed));
    },
  });
  return {
    provider,
    github: recordedGitHub,
    githubProvider: github({
      clientId,
      clientSecret,
      authorizeUrl: provider.authorizationEndpoint,
      tokenUrl: provider.tokenEndpoint,
    }),
    clientSecret,
    registerRedirectUri(redirectUri) {
      provider.addClient({ clientId, clientSecret, redirectUris: [redirectUri] });
    },
    async close() {
      await recordedGitHub.close();
      await provider.close();
    },
  };
}
