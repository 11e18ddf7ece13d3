import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProviderSummary } from './format-provider-summary.js';
import { type OAuthProvider, startOAuthProvider } from './start-oauth-provider.js';

describe('formatProviderSummary', () => {
  let provider: OAuthProvider;
  beforeAll(async () => {
    provider = await startOAuthProvider();
  });
  afterAll(() => provider.close());

  it('prints the issuer, the API, the users with their logins and the redirect URIs', () => {
    const summary = formatProviderSummary({
      provider,
      clients: [
        {
          clientId: 'engine',
          clientSecret: 'engine-secret',
          redirectUris: ['http://127.0.0.1:9099/v1/oauth/callback'],
        },
      ],
    });
    expect(summary).toContain(`at ${provider.issuer}`);
    expect(summary).toContain(`GET  ${provider.inboxUrl}`);
    expect(summary).toContain('alice / alice-password');
    expect(summary).toContain('bob / bob-password');
    expect(summary).toContain('redirect http://127.0.0.1:9099/v1/oauth/callback');
    expect(summary).not.toContain('engine-secret');
  });
});
