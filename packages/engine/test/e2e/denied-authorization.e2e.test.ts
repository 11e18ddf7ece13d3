import Arcade from '@arcadeai/arcadejs';
import { AuthorizationFailedError, waitForAuthorization } from '@toolgrant/core';
import { describe, expect, it } from 'vitest';
import { authorizeAndConsent } from './authorize-and-consent.js';
import { useEngineWithProvider } from './use-engine-with-provider.js';

// A user denies access at the provider. Every wait must end: core's `waitForAuthorization`
// throws at once; a long-poll on a flow that had already failed answers at once the first time,
// and is held for its whole wait afterwards, as Arcade's engine holds it (see
// broker/create-failure-reports.ts), so the official client's `auth.waitForCompletion`, which
// only stops on `completed`, asks once per wait instead of spinning.

const fixture = useEngineWithProvider({ startEngine: false });

describe('a denied authorization', () => {
  it("ends core's waitForAuthorization as soon as the user denies", async () => {
    const underTest = await fixture.launcher.start();
    const { client, provider } = { client: underTest.client, provider: fixture.provider };
    const authorization = await client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
    });
    const waiting = waitForAuthorization({
      client,
      authorization: { id: authorization.id ?? '' },
    });
    const consent = await provider.completeConsent({
      authorizationUrl: authorization.url ?? '',
      username: 'alice',
      password: 'alice-password',
      approve: false,
    });
    expect(consent.error).toBe('access_denied');
    await expect(waiting).rejects.toSatisfy(AuthorizationFailedError.isInstance);
    await underTest.stop();
  });

  it('answers the first long-poll on a failed flow at once, then holds the official client until the wait ends', async () => {
    const underTest = await fixture.launcher.start();
    const { authorization } = await authorizeAndConsent({
      client: underTest.client,
      provider: fixture.provider,
      userId: 'bob',
      approve: false,
    });
    const id = authorization.id ?? '';
    // First long-poll after the denial: answered at once (a 59 s hold would time the test out).
    expect((await underTest.client.auth.status({ id, wait: 59 })).status).toBe('failed');

    const statusRequests = { sent: 0, answered: 0 };
    const looping = new Arcade({
      apiKey: underTest.apiKey,
      baseURL: underTest.url,
      maxRetries: 0,
      fetch: async (input, init) => {
        const counted = String(input).includes('/v1/auth/status');
        if (counted) statusRequests.sent += 1;
        const response = await fetch(input, init);
        if (counted) statusRequests.answered += 1;
        return response;
      },
    });
    const waitForCompletion = looping.auth
      .waitForCompletion(authorization)
      .catch((error: unknown) => error);
    // Meanwhile other requests come and go; an engine that answered at once would have been
    // asked again and again by now.
    for (let call = 0; call < 10; call += 1) {
      expect((await underTest.client.auth.status({ id })).status).toBe('failed');
    }
    expect(statusRequests).toEqual({ sent: 1, answered: 0 });

    // Closing the engine answers the held long-poll; the client's next request then fails,
    // which is what ends its loop.
    await underTest.stop();
    expect(await waitForCompletion).toBeInstanceOf(Error);
    expect(statusRequests.answered).toBeGreaterThanOrEqual(1);
  });
});
