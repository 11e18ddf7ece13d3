import type { CookieJar } from '@toolgrant/testkit';

/**
 * The consenting browser's cookies for the engine, for a test that loads the provider's redirect
 * itself (`followCallback: false`): the callback counts only from the browser that opened the link.
 */
export function browserCookie(consent: {
  redirectUrl: string;
  cookieJar: CookieJar;
}): Record<string, string> {
  return { cookie: consent.cookieJar.headerFor(new URL(consent.redirectUrl)) ?? '' };
}
