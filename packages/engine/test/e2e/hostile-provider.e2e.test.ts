import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APIError } from '@arcadeai/arcadejs';
import { describe, expect, it } from 'vitest';
import { sqliteFileName } from '../../src/store/sqlite-store.js';
import { authorizeAndConsent } from './authorize-and-consent.js';
import { browserCookie } from './browser-cookie.js';
import {
  clientId,
  createRecorder,
  type EngineUnderTest,
  inboxOf,
  recordError,
} from './engine-under-test.js';
import { findLeaks } from './secret-encodings.js';
import { useEngineWithProvider } from './use-engine-with-provider.js';

// A hostile (or careless) provider: its token endpoint answers 400 with an error_description
// that echoes the request body and the Authorization header, so the client secret (form-encoded
// or in HTTP Basic's base64), the code, the PKCE verifier and the refresh token come back in
// it. Nothing of it may reach an API caller verbatim, and no secret any log line or stored byte.

// Every character class (of the printable ASCII a client secret may hold) that raw, form,
// percent, JSON and base64 encodings treat differently.
const hostileSecret = 'e2e/secret+7f3a 9c"1d\\5e:8b&=?%41-0c2e4b6d';

const fixture = useEngineWithProvider({
  providerOptions: { accessTokenTtlSeconds: 1 },
  clientSecret: hostileSecret,
  startEngine: false,
});

/** Authorizes and consents at the provider; the browser has not loaded the callback yet. */
const authorize = (underTest: EngineUnderTest, userId: string) =>
  authorizeAndConsent({
    client: underTest.client,
    provider: fixture.provider,
    userId,
    followCallback: false,
  });

async function storedBytes(underTest: EngineUnderTest): Promise<string> {
  const file = path.join(underTest.dataDirectory, sqliteFileName);
  const parts = await Promise.all(
    [file, `${file}-wal`].map((each) => readFile(each).catch(() => Buffer.alloc(0))),
  );
  return Buffer.concat(parts).toString('latin1');
}

describe.each(['client_secret_basic', 'client_secret_post'] as const)(
  'a hostile token endpoint, client authentication %s',
  (clientAuthentication) => {
    it('relays only a safe error code and our own words; no secret in any response, log line or stored byte', async () => {
      const recorder = createRecorder();
      const underTest = await fixture.launcher.start({ recorder, clientAuthentication });
      const { client } = underTest;

      // Alice connects while the provider behaves: the secret it was registered with works.
      const alice = await authorize(underTest, 'alice');
      expect(
        (await fetch(alice.consent.redirectUrl, { headers: browserCookie(alice.consent) })).status,
      ).toBe(200);
      expect((await client.auth.waitForCompletion(alice.authorization)).status).toBe('completed');
      const aliceCredential = await underTest.readCredential({
        userId: 'alice',
        providerId: 'testkit',
      });
      expect(aliceCredential.refreshToken).toBeDefined();

      let page = '';
      let bobCode = '';
      fixture.provider.setHostileTokenEndpoint(true);
      try {
        // A code exchange against it: the page and the flow say only what the engine knows.
        const bob = await authorize(underTest, 'bob');
        bobCode = bob.consent.code ?? '';
        expect(bobCode.length).toBeGreaterThanOrEqual(16);
        const callback = await fetch(bob.consent.redirectUrl, {
          redirect: 'manual',
          headers: browserCookie(bob.consent),
        });
        expect(callback.status).toBe(502);
        page = await callback.text();
        expect(page).toContain(
          'could not exchange the authorization for a token at &#39;testkit&#39;',
        );
        expect((await client.auth.status({ id: bob.authorization.id ?? '' })).status).toBe(
          'failed',
        );
        const bobFlow = underTest
          .dumpStore()
          .flows.find((flow) => flow.id === bob.authorization.id);
        expect(bobFlow).toMatchObject({
          status: 'failed',
          failure_reason: 'code_exchange_failed:invalid_request',
        });

        // A refresh against it: the caller gets a 502 in our words, the connection is unchanged.
        const { expiresAt } = aliceCredential;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.max(0, (expiresAt?.getTime() ?? 0) - Date.now() + 50)),
        );
        const before = underTest.dumpStore();
        const refused = await client.tools
          .execute({ tool_name: 'Inbox.ListMessages', user_id: 'alice' })
          .catch((error: unknown) => recordError(recorder, error));
        expect(refused).toBeInstanceOf(APIError);
        expect((refused as APIError).status).toBe(502);
        const body = (refused as APIError).error as { name?: string; message?: string };
        expect(body.message).toBe(
          "Provider 'testkit' rejected the token refresh with 'invalid_request' (HTTP 400); try again later. If it keeps failing, the engine's operator finds the details in the engine log.",
        );
        expect(underTest.dumpStore()).toEqual(before);
      } finally {
        fixture.provider.setHostileTokenEndpoint(false);
      }

      // The provider recovers, and so does the connection, with no re-authorization.
      const result = await client.tools.execute({
        tool_name: 'Inbox.ListMessages',
        user_id: 'alice',
      });
      expect(inboxOf(result).user.id).toBe('alice');
      const refreshed = await underTest.readCredential({ userId: 'alice', providerId: 'testkit' });

      // The provider's words were logged for the operator, with every secret cut out of them.
      const logs = recorder.logLines.join('\n');
      expect(logs).toContain('The authorization code exchange failed');
      expect(logs).toContain('Refreshing an access token failed');
      expect(logs).toContain('Rejected the request with authorization');
      expect(logs).toContain('[redacted]');
      // API callers never get the provider's text.
      for (const text of [...recorder.responseBodies, ...recorder.errorMessages, page]) {
        expect(text).not.toContain('Rejected the request with authorization');
      }

      const leaks = findLeaks({
        secrets: [
          { label: 'client secret', value: hostileSecret, clientId },
          { label: 'code', value: bobCode },
          { label: "alice's first refresh token", value: aliceCredential.refreshToken ?? '' },
          { label: "alice's refresh token", value: refreshed.refreshToken ?? '' },
          { label: "alice's access token", value: refreshed.accessToken },
        ],
        haystacks: {
          responses: [...recorder.responseBodies, page],
          logLines: recorder.logLines,
          errorMessages: recorder.errorMessages,
          store: [await storedBytes(underTest), JSON.stringify(underTest.dumpStore())],
        },
      });
      expect(leaks).toEqual([]);
      await underTest.stop();
    });
  },
);
