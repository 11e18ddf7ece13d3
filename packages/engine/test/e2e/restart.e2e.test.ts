import Arcade from '@arcadeai/arcadejs';
import { type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineLauncher, inboxOf } from './engine-under-test.js';

// A pending authorization lives in the store, not in the engine's memory: the engine stops
// while the user is at the provider, starts again on the same port (the registered redirect
// URI) with the same data directory and key, and the callback completes the flow.

let provider: OAuthProvider;
let launcher: ReturnType<typeof createEngineLauncher>;

beforeAll(async () => {
  provider = await startOAuthProvider();
  launcher = createEngineLauncher({ provider });
});

afterAll(async () => {
  await launcher.closeAll();
  await provider.close();
});

describe('an engine restart between authorize and callback', () => {
  it('completes the flow on the restarted engine, and the tool runs', async () => {
    const first = await launcher.start();
    const authResponse = await first.client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
    });
    expect(authResponse.status).toBe('pending');
    // The user opens the link (the engine sends them to the provider with its PKCE challenge)
    // and consents; the provider's redirect back reaches the engine only after the restart.
    const consent = await provider.completeConsent({
      authorizationUrl: authResponse.url ?? '',
      username: 'alice',
      password: 'alice-password',
      followCallback: false,
    });
    expect(consent.code).toBeDefined();
    await first.stop();
    await expect(fetch(`${first.url}/v1/health`)).rejects.toThrow();

    const second = await launcher.start({
      port: first.port,
      dataDirectory: first.dataDirectory,
      encryptionKey: first.encryptionKey,
      apiKey: first.apiKey,
    });
    expect(second.url).toBe(first.url);
    // A client created before the restart keeps working against the same URL.
    const client = new Arcade({ apiKey: first.apiKey, baseURL: first.url, maxRetries: 0 });
    const waiting = client.auth.waitForCompletion(authResponse);

    // The same browser comes back: its binding cookie outlives the engine's restart.
    const answer = await fetch(consent.redirectUrl, {
      redirect: 'manual',
      headers: { cookie: consent.cookieJar.headerFor(new URL(consent.redirectUrl)) ?? '' },
    });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Authorization complete');
    expect((await waiting).status).toBe('completed');

    const result = await client.tools.execute({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
    });
    expect(inboxOf(result).user.id).toBe('alice');
    expect(second.dumpStore().connections).toHaveLength(1);
  });

  it('follows the link opened only after the restart', async () => {
    const first = await launcher.start();
    const authResponse = await first.client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'bob',
    });
    await first.stop();
    const second = await launcher.start({
      port: first.port,
      dataDirectory: first.dataDirectory,
      encryptionKey: first.encryptionKey,
      apiKey: first.apiKey,
    });

    const consent = await provider.completeConsent({
      authorizationUrl: authResponse.url ?? '',
      username: 'bob',
      password: 'bob-password',
    });
    expect(consent.callback?.status).toBe(200);
    expect((await second.client.auth.waitForCompletion(authResponse)).status).toBe('completed');
    const result = await second.client.tools.execute({
      tool_name: 'Inbox.ListMessages',
      user_id: 'bob',
    });
    expect(inboxOf(result).user.id).toBe('bob');
  });
});
