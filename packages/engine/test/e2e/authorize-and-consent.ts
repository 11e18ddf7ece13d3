import type Arcade from '@arcadeai/arcadejs';
import type { ConsentResult, CookieJar, OAuthProvider } from '@toolgrant/testkit';

// A user asks for the inbox tool and consents at the testkit provider as their browser would:
// the guide's first two steps, which most end-to-end tests take before what they test.

export type Authorization = Awaited<ReturnType<Arcade['tools']['authorize']>>;

export async function authorizeAndConsent({
  client,
  provider,
  userId,
  username = userId,
  approve,
  followCallback,
  cookieJar,
}: {
  client: Arcade;
  provider: OAuthProvider;
  userId: string;
  /** Who logs in at the provider (default `userId`); the password is `${username}-password`. */
  username?: string;
  approve?: boolean;
  /** Default true: the browser loads the engine's callback too. */
  followCallback?: boolean;
  cookieJar?: CookieJar;
}): Promise<{ authorization: Authorization; consent: ConsentResult }> {
  const authorization = await client.tools.authorize({
    tool_name: 'Inbox.ListMessages',
    user_id: userId,
  });
  const consent = await provider.completeConsent({
    authorizationUrl: authorization.url ?? '',
    username,
    password: `${username}-password`,
    ...(approve === undefined ? {} : { approve }),
    ...(followCallback === undefined ? {} : { followCallback }),
    ...(cookieJar === undefined ? {} : { cookieJar }),
  });
  return { authorization, consent };
}
