import { randomBytes } from 'node:crypto';
import Arcade, { PermissionDeniedError } from '@arcadeai/arcadejs';
import { type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBrowser } from '../test-browser.js';
import {
  clientId,
  clientSecret,
  createEngineLauncher,
  createRecorder,
  type EngineUnderTest,
  inboxOf,
  type Recorder,
  recordError,
} from './engine-under-test.js';
import { startRecordingProxy } from './recording-proxy.js';
import { findLeaks } from './secret-encodings.js';

// The whole life of a user's credentials — authorize, consent, execute, refresh, an API key,
// errors of every kind, revocation — with everything the engine says recorded: each response
// it sends (through a proxy that every browser hop and client call passes), each log line and
// each error a caller sees. Then none of the real secrets may appear in any of it.

let provider: OAuthProvider;
let launcher: ReturnType<typeof createEngineLauncher>;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
let underTest: EngineUnderTest;
const recorder: Recorder = createRecorder();

beforeAll(async () => {
  provider = await startOAuthProvider({ accessTokenTtlSeconds: 1 });
  launcher = createEngineLauncher({ provider });
  proxy = await startRecordingProxy({ responses: recorder.responseBodies });
  underTest = await launcher.start({ recorder, baseUrl: proxy.url, clientBaseUrl: proxy.url });
  proxy.setTarget(underTest.url);
});

afterAll(async () => {
  await launcher.closeAll();
  await proxy.close();
  await provider.close();
});

async function untilAccessTokenExpired(userId: string): Promise<void> {
  const { expiresAt } = await underTest.readCredential({ userId, providerId: 'testkit' });
  const remaining = (expiresAt?.getTime() ?? Date.now()) - Date.now() + 50;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, remaining)));
}

describe('secret scan', () => {
  it('never shows an access token, refresh token, API key, client secret or engine key', async () => {
    const { client } = underTest;
    const secrets = new Set<string>([clientSecret, underTest.apiKey, underTest.encryptionKey]);
    const keepStoredTokens = async (userId: string) => {
      const credential = await underTest.readCredential({ userId, providerId: 'testkit' });
      secrets.add(credential.accessToken);
      if (credential.refreshToken !== undefined) secrets.add(credential.refreshToken);
    };
    const caught = (error: unknown) => recordError(recorder, error);

    // Authorize, consent, execute.
    const authResponse = await client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
    });
    expect(authResponse.url?.startsWith(`${proxy.url}/v1/oauth/start/`)).toBe(true);
    const consent = await provider.completeConsent({
      authorizationUrl: authResponse.url ?? '',
      username: 'alice',
      password: 'alice-password',
    });
    expect(consent.callback?.status).toBe(200);
    await client.auth.waitForCompletion(authResponse);
    await keepStoredTokens('alice');
    expect(
      inboxOf(await client.tools.execute({ tool_name: 'Inbox.ListMessages', user_id: 'alice' }))
        .user.id,
    ).toBe('alice');

    // Refresh (rotates both tokens), under concurrency.
    await untilAccessTokenExpired('alice');
    provider.resetCounts();
    await Promise.all(
      Array.from({ length: 5 }, () =>
        client.tools.execute({ tool_name: 'Inbox.ListMessages', user_id: 'alice' }),
      ),
    );
    expect(provider.counts.refresh).toBe(1);
    await keepStoredTokens('alice');

    // A user's own API key, entered on the engine's page.
    const userApiKey = `owm_${randomBytes(18).toString('hex')}`;
    secrets.add(userApiKey);
    const weatherAuth = await client.tools.authorize({
      tool_name: 'Weather.Current',
      user_id: 'alice',
    });
    expect(weatherAuth.url?.startsWith(`${proxy.url}/v1/oauth/api-key/`)).toBe(true);
    const browser = createTestBrowser();
    expect((await browser.get(weatherAuth.url ?? '')).body).toContain('name="api_key"');
    const submitted = await browser.submitApiKey(weatherAuth.url ?? '', userApiKey);
    expect(submitted.status).toBe(200);
    await client.auth.waitForCompletion(weatherAuth);
    const weather = await client.tools.execute({
      tool_name: 'Weather.Current',
      input: { city: 'Lisbon' },
      user_id: 'alice',
    });
    expect(weather.output?.value).toEqual({
      city: 'Lisbon',
      summary: 'sunny',
      keyLength: userApiKey.length,
    });

    // An engine-wide secret set through the admin API.
    const engineSecret = `secret_${randomBytes(16).toString('hex')}`;
    secrets.add(engineSecret);
    await client.admin.secrets.create('WEATHER_FALLBACK_KEY', { value: engineSecret });
    expect((await client.admin.secrets.list()).items?.map((secret) => secret.key)).toContain(
      'WEATHER_FALLBACK_KEY',
    );

    // Errors: unauthorized user, unknown tool, bad input, wrong API key, hostile callbacks, a
    // failing code exchange.
    expect(
      await client.tools.execute({ tool_name: 'Inbox.ListMessages', user_id: 'bob' }).catch(caught),
    ).toBeInstanceOf(PermissionDeniedError);
    await expect(client.tools.get('Inbox.ListMessage').catch(caught)).resolves.toMatchObject({
      status: 404,
    });
    const badInput = await client.tools.execute({
      tool_name: 'Weather.Current',
      input: { town: 'Lisbon' },
      user_id: 'alice',
    });
    expect(badInput.success).toBe(false);
    recorder.errorMessages.push(JSON.stringify(badInput.output?.error));
    const stranger = new Arcade({ apiKey: 'tg_wrong', baseURL: proxy.url, maxRetries: 0 });
    await expect(stranger.tools.list().catch(caught)).resolves.toMatchObject({ status: 401 });
    expect((await fetch(consent.redirectUrl)).status).toBe(400);
    expect((await fetch(`${proxy.url}/v1/oauth/callback?state=forged&code=x`)).status).toBe(400);
    const bobAuth = await client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'bob',
    });
    const bobConsent = await provider.completeConsent({
      authorizationUrl: bobAuth.url ?? '',
      username: 'bob',
      password: 'bob-password',
      followCallback: false,
    });
    provider.revokeGrants({ userId: 'bob' });
    expect(
      (
        await fetch(bobConsent.redirectUrl, {
          headers: {
            cookie: bobConsent.cookieJar.headerFor(new URL(bobConsent.redirectUrl)) ?? '',
          },
        })
      ).status,
    ).toBe(502);

    // Revocation: the provider forgets the refresh token; then the user disconnects.
    provider.revokeRefreshTokens({ userId: 'alice' });
    await untilAccessTokenExpired('alice');
    expect(
      await client.tools
        .execute({ tool_name: 'Inbox.ListMessages', user_id: 'alice' })
        .catch(caught),
    ).toBeInstanceOf(PermissionDeniedError);
    const connections = await client.admin.userConnections.list({ user_id: 'alice' });
    expect(connections.items).toHaveLength(2);
    for (const connection of connections.items) {
      await client.admin.userConnections.delete(connection.id ?? '');
    }
    expect((await client.admin.userConnections.list({ user_id: 'alice' })).items).toEqual([]);

    // Every credential a tool was handed was one of the stored ones, and there were some.
    for (const credential of underTest.credentialsSeen) expect(secrets).toContain(credential);
    expect(underTest.credentialsSeen.size).toBeGreaterThanOrEqual(3);
    // The recordings cover the flow: pages, API answers, the refresh and the failures logged.
    const logs = recorder.logLines.join('\n');
    expect(logs).toContain('Refreshed an access token');
    expect(logs).toContain('The authorization code exchange failed');
    expect(logs).toContain('invalid_grant');
    expect(recorder.responseBodies.length).toBeGreaterThan(30);
    expect(recorder.errorMessages.length).toBeGreaterThanOrEqual(5);

    const haystacks = {
      responses: recorder.responseBodies,
      logLines: recorder.logLines,
      errorMessages: recorder.errorMessages,
    };
    for (const secret of secrets) expect(secret.length).toBeGreaterThanOrEqual(16);
    // In every encoding: raw, URL/form-encoded, JSON-escaped, base64 (and as HTTP Basic).
    const leaks = findLeaks({
      secrets: [...secrets].map((value) => ({ label: 'a secret', value, clientId })),
      haystacks,
    });
    expect(leaks).toEqual([]);
  });
});
