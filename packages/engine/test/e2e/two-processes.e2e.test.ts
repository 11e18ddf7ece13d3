import Arcade from '@arcadeai/arcadejs';
import { type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPostgres } from '../describe-with-postgres.js';
import { browserCookie } from './browser-cookie.js';
import { createEngineProcessSettings } from './engine-process-settings.js';
import { clientId, clientSecret, inboxOf } from './engine-under-test.js';
import { type ServerProcess, spawnServerProcess } from './spawn-server-process.js';
import { useScratchDatabase } from './use-scratch-database.js';

// Two engine processes on one PostgreSQL database, as behind a load balancer: the user's
// browser returns to the other process than the one the application waits on.

describeWithPostgres('two engine processes on PostgreSQL', (databaseUrl) => {
  const database = useScratchDatabase({ serverUrl: databaseUrl, namePrefix: 'toolgrant_e2e' });
  let provider: OAuthProvider;
  let engines: ServerProcess[] = [];
  let apiKey = '';

  beforeAll(async () => {
    provider = await startOAuthProvider();
    const settings = createEngineProcessSettings({ provider, databaseUrl: database.url });
    // One after the other: the first runs the migrations, as a rolling deploy would.
    engines.push(await spawnServerProcess({ settings }));
    engines.push(await spawnServerProcess({ settings }));
    provider.addClient({
      clientId,
      clientSecret,
      redirectUris: engines.map((engine) => `${engine.url}/v1/oauth/callback`),
    });
    apiKey = settings.apiKey;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.stop()));
    engines = [];
    await provider?.close();
  });

  it('wakes a long-poll on process A when the callback lands on process B', async () => {
    const [a, b] = engines as [ServerProcess, ServerProcess];
    expect(a.child.pid).not.toBe(b.child.pid);
    const clientA = new Arcade({ apiKey, baseURL: a.url, maxRetries: 0 });
    const clientB = new Arcade({ apiKey, baseURL: b.url, maxRetries: 0 });

    const authResponse = await clientA.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
    });
    expect(authResponse.status).toBe('pending');
    expect(authResponse.url?.startsWith(`${a.url}/v1/oauth/start/`)).toBe(true);

    let answered = false;
    const longPoll = clientA.auth.status({ id: authResponse.id ?? '', wait: 59 }).finally(() => {
      answered = true;
    });

    const consent = await provider.completeConsent({
      authorizationUrl: authResponse.url ?? '',
      username: 'alice',
      password: 'alice-password',
      followCallback: false,
    });
    // The load balancer sends the browser's return to B.
    const callbackOnB = consent.redirectUrl.replace(a.url, b.url);
    expect(callbackOnB.startsWith(`${b.url}/v1/oauth/callback?`)).toBe(true);
    expect(answered).toBe(false);
    // The browser's binding cookie comes along: behind a load balancer A and B share one origin.
    const callback = await fetch(callbackOnB, {
      redirect: 'manual',
      headers: browserCookie(consent),
    });
    expect(callback.status).toBe(200);

    // Answered by the settled flow, not by the end of its 59 s wait.
    const status = await longPoll;
    expect(status.status).toBe('completed');
    expect(status.user_id).toBe('alice');

    // The credential B stored is A's too (and B's).
    for (const client of [clientA, clientB]) {
      const result = await client.tools.execute({
        tool_name: 'Inbox.ListMessages',
        user_id: 'alice',
      });
      expect(inboxOf(result).user.id).toBe('alice');
    }
  });
});
