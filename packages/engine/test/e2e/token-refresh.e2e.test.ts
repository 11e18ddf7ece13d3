import { PermissionDeniedError } from '@arcadeai/arcadejs';
import { type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineLauncher, type EngineUnderTest, inboxOf } from './engine-under-test.js';

// Refresh through the HTTP API, counted at the real provider: each test waits until the access
// token has expired, so every step here runs on an expired token. Tokens live five seconds: the
// engine treats a token as stale once half its lifetime is left, and a refreshed one-second token
// would go stale again while 50 executions are still arriving on a busy machine.

let provider: OAuthProvider;
let launcher: ReturnType<typeof createEngineLauncher>;
let underTest: EngineUnderTest;

beforeAll(async () => {
  provider = await startOAuthProvider({ accessTokenTtlSeconds: 5 });
  launcher = createEngineLauncher({ provider });
  underTest = await launcher.start();
});

afterAll(async () => {
  await launcher.closeAll();
  await provider.close();
});

async function authorize(userId: 'alice' | 'bob'): Promise<void> {
  const { client } = underTest;
  const authResponse = await client.tools.authorize({
    tool_name: 'Inbox.ListMessages',
    user_id: userId,
  });
  expect(authResponse.status).toBe('pending');
  await provider.completeConsent({
    authorizationUrl: authResponse.url ?? '',
    username: userId,
    password: `${userId}-password`,
  });
  await client.auth.waitForCompletion(authResponse);
}

/** Waits until the user's stored access token has expired (its lifetime is five seconds). */
async function untilAccessTokenExpired(userId: string): Promise<void> {
  const { expiresAt } = await underTest.readCredential({ userId, providerId: 'testkit' });
  const remaining = (expiresAt?.getTime() ?? Date.now()) - Date.now() + 50;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, remaining)));
}

describe('token refresh', () => {
  it('makes exactly one refresh request at the provider for 50 concurrent executions of one user', async () => {
    await authorize('alice');
    const before = await underTest.readCredential({ userId: 'alice', providerId: 'testkit' });
    await untilAccessTokenExpired('alice');
    provider.resetCounts();

    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        underTest.client.tools.execute({ tool_name: 'Inbox.ListMessages', user_id: 'alice' }),
      ),
    );

    expect(provider.counts.refresh).toBe(1);
    expect(provider.counts.refreshFailures).toBe(0);
    expect(results.every((result) => result.success === true)).toBe(true);
    expect(results.every((result) => inboxOf(result).user.id === 'alice')).toBe(true);
    // The tool got the refreshed token, never the expired one.
    const after = await underTest.readCredential({ userId: 'alice', providerId: 'testkit' });
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
  });

  it('answers authorization required once the provider revoked the refresh token, and authorize gives a new link', async () => {
    const { client } = underTest;
    await authorize('bob');
    expect(provider.revokeRefreshTokens({ userId: 'bob' })).toBeGreaterThan(0);
    await untilAccessTokenExpired('bob');
    provider.resetCounts();

    const refused = await client.tools
      .execute({ tool_name: 'Inbox.ListMessages', user_id: 'bob' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PermissionDeniedError);
    expect((refused as PermissionDeniedError).status).toBe(403);
    // The engine asked the provider once, was told invalid_grant, and sent no stale token on.
    expect(provider.counts.refresh).toBe(1);
    expect(provider.counts.refreshFailures).toBe(1);
    expect(provider.counts.api.byStatus[401] ?? 0).toBe(0);

    const connections = await client.admin.userConnections.list({ user_id: 'bob' });
    expect(connections.items.map((connection) => connection.connection_status)).toEqual([
      'needs_reauthorization',
    ]);
    // Asking again does not retry the dead refresh token.
    await expect(
      client.tools.execute({ tool_name: 'Inbox.ListMessages', user_id: 'bob' }),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(provider.counts.refresh).toBe(1);

    const reauthorization = await client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'bob',
    });
    expect(reauthorization.status).toBe('pending');
    expect(reauthorization.url).toMatch(/\/v1\/oauth\/start\//);

    await provider.completeConsent({
      authorizationUrl: reauthorization.url ?? '',
      username: 'bob',
      password: 'bob-password',
    });
    await client.auth.waitForCompletion(reauthorization);
    const result = await client.tools.execute({
      tool_name: 'Inbox.ListMessages',
      user_id: 'bob',
    });
    expect(inboxOf(result).user.id).toBe('bob');
  });
});
