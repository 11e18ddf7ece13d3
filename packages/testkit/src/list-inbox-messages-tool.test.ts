import { executeTool } from '@toolgrant/worker/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPkce } from './create-pkce.js';
import { demoUsers } from './demo-users.js';
import { listInboxMessagesTool } from './list-inbox-messages-tool.js';
import { type OAuthProvider, startOAuthProvider } from './start-oauth-provider.js';

const client = { clientId: 'engine', clientSecret: 'engine-secret-value' };
const redirectUri = 'http://127.0.0.1:9/v1/oauth/callback';

let provider: OAuthProvider;
beforeAll(async () => {
  provider = await startOAuthProvider({ clients: [{ ...client, redirectUris: [redirectUri] }] });
});
afterAll(() => provider.close());

async function accessTokenOf(username: string): Promise<string> {
  const pkce = createPkce();
  const url = new URL(provider.authorizationEndpoint);
  for (const [key, value] of Object.entries({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: redirectUri,
    scope: 'inbox.read',
    state: 'state',
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  })) {
    url.searchParams.set(key, value);
  }
  const consent = await provider.completeConsent({
    authorizationUrl: url.href,
    username,
    password: `${username}-password`,
    followCallback: false,
  });
  const response = await fetch(provider.tokenEndpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: consent.code ?? '',
      redirect_uri: redirectUri,
      code_verifier: pkce.verifier,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('listInboxMessagesTool', () => {
  it("returns the token holder's own inbox, and reports the token it used", async () => {
    const tokens: string[] = [];
    const tool = listInboxMessagesTool({
      providerId: 'testkit',
      inboxUrl: provider.inboxUrl,
      onToken: (token) => tokens.push(token),
    });
    const authToken = await accessTokenOf('alice');

    const result = await executeTool({ tool, input: {}, context: { userId: 'alice', authToken } });

    const alice = demoUsers.find((user) => user.id === 'alice')!;
    expect(result.output).toMatchObject({
      value: { user: { id: 'alice' }, messages: alice.inbox },
    });
    expect(tokens).toEqual([authToken]);
    expect(JSON.stringify(result)).not.toContain(authToken);
  });

  it('turns a token the inbox refuses into an upstream authorization error', async () => {
    const tool = listInboxMessagesTool({ providerId: 'testkit', inboxUrl: provider.inboxUrl });

    const result = await executeTool({
      tool,
      input: {},
      context: { userId: 'alice', authToken: 'not-a-token-the-provider-issued' },
    });

    expect(result.success).toBe(false);
    expect(result.output).toMatchObject({
      error: { kind: 'UPSTREAM_RUNTIME_AUTH_ERROR', message: 'The inbox answered HTTP 401.' },
    });
  });
});
