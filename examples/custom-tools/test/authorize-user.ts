import type Arcade from '@arcadeai/arcadejs';
import type { OAuthProvider } from '@toolgrant/testkit';

/**
 * What `pnpm try` makes a person do, without a browser: authorize a GitHub tool for `userId`
 * through the official client, sign in and approve at the provider, wait for the engine.
 */
export async function authorizeUser({
  client,
  provider,
  userId,
  username,
  password,
}: {
  client: Arcade;
  provider: OAuthProvider;
  userId: string;
  username: string;
  password: string;
}) {
  const authorization = await client.tools.authorize({
    tool_name: 'GitHub.ListRepositories',
    user_id: userId,
  });
  const consent = await provider.completeConsent({
    authorizationUrl: authorization.url ?? '',
    username,
    password,
  });
  const finished = await client.auth.waitForCompletion(authorization);
  return { authorization, consent, finished };
}
