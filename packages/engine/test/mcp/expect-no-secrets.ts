import { expect } from 'vitest';
import { clientSecret, type EngineUnderTest, type Recorder } from '../e2e/engine-under-test.js';
import { findLeaks } from '../e2e/secret-encodings.js';

// Every MCP test ends here: no secret the engine holds or was given — the users' access and
// refresh tokens, the provider's client secret, the engine's API key and encryption key, any
// user-scoped MCP token — appears, in any encoding, in any message a client received or any
// line the engine logged.

export async function expectNoSecrets({
  underTest,
  recorder,
  messages,
  userIds = [],
  extraSecrets = [],
}: {
  underTest: EngineUnderTest;
  recorder: Recorder;
  /** Every HTTP body (JSON and SSE) and error message the clients received. */
  messages: readonly string[];
  /** Users whose stored tokens are scanned for too. */
  userIds?: readonly string[];
  extraSecrets?: readonly { label: string; value: string }[];
}): Promise<void> {
  const secrets = [
    { label: 'client secret', value: clientSecret },
    { label: 'engine API key', value: underTest.apiKey },
    { label: 'encryption key', value: underTest.encryptionKey },
    ...[...underTest.credentialsSeen].map((value) => ({ label: 'credential a tool saw', value })),
    ...extraSecrets,
  ];
  for (const userId of userIds) {
    const stored = await underTest
      .readCredential({ userId, providerId: 'testkit' })
      .catch(() => undefined);
    if (stored === undefined) continue;
    secrets.push({ label: `${userId}'s access token`, value: stored.accessToken });
    if (stored.refreshToken !== undefined) {
      secrets.push({ label: `${userId}'s refresh token`, value: stored.refreshToken });
    }
  }
  expect(messages.length).toBeGreaterThan(0);
  expect(
    findLeaks({
      secrets,
      haystacks: {
        'MCP messages': messages,
        'engine log': recorder.logLines,
        'errors seen': recorder.errorMessages,
      },
    }),
  ).toEqual([]);
}
