import type Arcade from '@arcadeai/arcadejs';
import type { OAuthProvider } from '@toolgrant/testkit';
import { expect } from 'vitest';
import type { Authorization } from './authorize-and-consent.js';

// Connects a user's inbox end to end (a pending authorization, consent, a callback answered
// 200, completion), failing the test at the step that went wrong.

export async function connectUser({
  client,
  provider,
  userId,
  username = userId,
  completionClient = client,
}: {
  client: Arcade;
  provider: OAuthProvider;
  userId: string;
  /** Who logs in at the provider (default `userId`); the password is `${username}-password`. */
  username?: string;
  /** The client that waits for completion, when another engine process's (default `client`). */
  completionClient?: Arcade;
}): Promise<Authorization> {
  const authorization = await client.tools.authorize({
    tool_name: 'Inbox.ListMessages',
    user_id: userId,
  });
  expect(authorization.status).toBe('pending');
  const consent = await provider.completeConsent({
    authorizationUrl: authorization.url ?? '',
    username,
    password: `${username}-password`,
  });
  expect(consent.callback?.status).toBe(200);
  expect((await completionClient.auth.waitForCompletion(authorization)).status).toBe('completed');
  return authorization;
}
