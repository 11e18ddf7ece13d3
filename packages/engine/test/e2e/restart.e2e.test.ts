import Arcade from '@arcadeai/arcadejs';
import { describe, expect, it } from 'vitest';
import { authorizeAndConsent } from './authorize-and-consent.js';
import { browserCookie } from './browser-cookie.js';
import { inboxOf } from './engine-under-test.js';
import { restartEngine } from './restart-engine.js';
import { useEngineWithProvider } from './use-engine-with-provider.js';

// A pending authorization lives in the store, not in the engine's memory: the engine stops
// while the user is at the provider, starts again on the same port (the registered redirect
// URI) with the same data directory and key, and the callback completes the flow.

const fixture = useEngineWithProvider({ startEngine: false });

describe('an engine restart between authorize and callback', () => {
  it('completes the flow on the restarted engine, and the tool runs', async () => {
    const first = await fixture.launcher.start();
    // The user opens the link (the engine sends them to the provider with its PKCE challenge)
    // and consents; the provider's redirect back reaches the engine only after the restart.
    const { authorization: authResponse, consent } = await authorizeAndConsent({
      client: first.client,
      provider: fixture.provider,
      userId: 'alice',
      followCallback: false,
    });
    expect(authResponse.status).toBe('pending');
    expect(consent.code).toBeDefined();
    await first.stop();
    await expect(fetch(`${first.url}/v1/health`)).rejects.toThrow();

    const second = await restartEngine(fixture.launcher, first);
    expect(second.url).toBe(first.url);
    // A client created before the restart keeps working against the same URL.
    const client = new Arcade({ apiKey: first.apiKey, baseURL: first.url, maxRetries: 0 });
    const waiting = client.auth.waitForCompletion(authResponse);

    // The same browser comes back: its binding cookie outlives the engine's restart.
    const answer = await fetch(consent.redirectUrl, {
      redirect: 'manual',
      headers: browserCookie(consent),
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
    const first = await fixture.launcher.start();
    const authResponse = await first.client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'bob',
    });
    await first.stop();
    const second = await restartEngine(fixture.launcher, first);

    const consent = await fixture.provider.completeConsent({
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
