import { ConsentFlowError } from './consent-flow-error.js';
import { CookieJar } from './cookie-jar.js';

// Walks an authorization URL the way a user's browser would, without a browser: follows
// redirects with a cookie jar, submits the provider's own login and consent forms, and stops
// where the provider sends the user back to the client's redirect URI. By default it then
// loads that URL too, so the client's callback (the engine's) runs. The cookie jar is the
// browser's: pass one to continue a browser's session (cookies the client set before), and
// read it afterwards to send the client's cookies with requests made by hand.

/** Where `completeConsent` starts, who signs in, and whether they approve. */
export type CompleteConsentOptions = {
  /** Where the user is sent: the provider's authorize URL, or a URL that redirects to it. */
  authorizationUrl: string;
  username: string;
  password: string;
  /** Press "Allow" (default) or "Deny" on the consent page. */
  approve?: boolean;
  /** Load the redirect URI the provider sends the user to (default true). */
  followCallback?: boolean;
  /**
   * The provider's URL. Needed only when the provider answers the authorization request with
   * an immediate redirect to the client (an error before any page); otherwise the provider is
   * recognised by its pages.
   */
  providerUrl?: string;
  /** The browser's cookies, kept per origin. Default: a new, empty jar. */
  cookieJar?: CookieJar;
};

/** How the client's callback answered the provider's redirect. */
export type CallbackResponse = {
  status: number;
  /** The callback's own redirect, if it answered with one (not followed). */
  location: string | undefined;
  contentType: string | undefined;
  body: string;
};

/** Where the provider sent the user back, the code or error it carried, and the callback's answer. */
export type ConsentResult = {
  /** The URL the provider redirected the user to: the redirect URI with its query. */
  redirectUrl: string;
  code: string | undefined;
  state: string | undefined;
  error: string | undefined;
  errorDescription: string | undefined;
  /** The client's answer to `redirectUrl`; undefined when `followCallback` is false. */
  callback: CallbackResponse | undefined;
  /**
   * The jar after the walk: with `followCallback: false`, send
   * `cookieJar.headerFor(new URL(redirectUrl))` to load the callback as this browser would.
   */
  cookieJar: CookieJar;
};

const maximumSteps = 30;

/** Signs in and consents at the provider as a user's browser would, and follows the redirect back. */
export async function completeConsent({
  authorizationUrl,
  username,
  password,
  approve = true,
  followCallback = true,
  providerUrl,
  cookieJar: jar = new CookieJar(),
}: CompleteConsentOptions): Promise<ConsentResult> {
  const providerOrigins = new Set<string>();
  if (providerUrl) providerOrigins.add(new URL(providerUrl).origin);

  let request: { url: URL; form?: URLSearchParams } = { url: new URL(authorizationUrl) };
  let loginSubmitted = false;
  let consentSubmitted = false;

  for (let step = 0; step < maximumSteps; step += 1) {
    const response = await send({ jar, ...request });
    const { url } = request;

    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (isRedirectBack({ from: url, to: next, providerOrigins })) {
        return {
          redirectUrl: next.href,
          code: next.searchParams.get('code') ?? undefined,
          state: next.searchParams.get('state') ?? undefined,
          error: next.searchParams.get('error') ?? undefined,
          errorDescription: next.searchParams.get('error_description') ?? undefined,
          callback: followCallback ? await loadCallback({ jar, url: next }) : undefined,
          cookieJar: jar,
        };
      }
      request = { url: next };
      continue;
    }

    const html = await response.text();
    const pageKind = html.match(/data-testkit-page="([a-z]+)"/)?.[1];
    if (response.ok || pageKind === 'login') {
      if (pageKind === 'login') {
        providerOrigins.add(url.origin);
        if (loginSubmitted) {
          throw new ConsentFlowError({
            message: `The provider rejected the login of '${username}': ${alertText(html) ?? 'no reason shown'}. Use one of the provider's users (for example alice / alice-password).`,
            url: url.href,
            status: response.status,
          });
        }
        loginSubmitted = true;
        request = submitForm({ html, pageUrl: url, fields: { username, password } });
        continue;
      }
      if (pageKind === 'consent') {
        providerOrigins.add(url.origin);
        if (consentSubmitted) {
          throw new ConsentFlowError({
            message: 'The provider showed its consent page again after the decision was submitted.',
            url: url.href,
            status: response.status,
          });
        }
        consentSubmitted = true;
        request = submitForm({
          html,
          pageUrl: url,
          fields: { decision: approve ? 'allow' : 'deny' },
        });
        continue;
      }
    }

    throw new ConsentFlowError({
      message: `The authorization flow stopped at ${url.origin}${url.pathname} with HTTP ${response.status} instead of a login page, consent page or redirect: ${summarise(html)}`,
      url: `${url.origin}${url.pathname}`,
      status: response.status,
    });
  }

  throw new ConsentFlowError({
    message: `The authorization flow did not return to a redirect URI within ${maximumSteps} requests; check for a redirect loop.`,
    url: authorizationUrl,
  });
}

async function send({
  jar,
  url,
  form,
}: {
  jar: CookieJar;
  url: URL;
  form?: URLSearchParams;
}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'text/html,application/json;q=0.9' };
  const cookie = jar.headerFor(url);
  if (cookie) headers.cookie = cookie;
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(url, {
    method: form ? 'POST' : 'GET',
    headers,
    body: form?.toString(),
    redirect: 'manual',
  });
  jar.store({ url, response });
  return response;
}

// The provider has sent the user back to the client once a redirect carries the authorization
// response, or leaves a known provider origin.
function isRedirectBack({
  from,
  to,
  providerOrigins,
}: {
  from: URL;
  to: URL;
  providerOrigins: Set<string>;
}): boolean {
  if (to.searchParams.has('code') || to.searchParams.has('error')) return true;
  return providerOrigins.has(from.origin) && !providerOrigins.has(to.origin);
}

async function loadCallback({ jar, url }: { jar: CookieJar; url: URL }): Promise<CallbackResponse> {
  const response = await send({ jar, url });
  return {
    status: response.status,
    location: response.headers.get('location') ?? undefined,
    contentType: response.headers.get('content-type') ?? undefined,
    body: await response.text(),
  };
}

function submitForm({
  html,
  pageUrl,
  fields,
}: {
  html: string;
  pageUrl: URL;
  fields: Record<string, string>;
}): { url: URL; form: URLSearchParams } {
  const form = html.match(/<form\b[^>]*>[\s\S]*?<\/form>/i)?.[0];
  const action = form?.match(/\baction="([^"]*)"/i)?.[1];
  if (!form || action === undefined) {
    throw new ConsentFlowError({
      message: 'The provider page has no form to submit.',
      url: pageUrl.href,
    });
  }
  const values = new URLSearchParams();
  for (const input of form.matchAll(/<input\b[^>]*>/gi)) {
    const name = input[0].match(/\bname="([^"]*)"/i)?.[1];
    const value = input[0].match(/\bvalue="([^"]*)"/i)?.[1] ?? '';
    if (name && !(name in fields)) values.set(name, unescapeHtml(value));
  }
  for (const [name, value] of Object.entries(fields)) values.set(name, value);
  return { url: new URL(unescapeHtml(action), pageUrl), form: values };
}

function alertText(html: string): string | undefined {
  const alert = html.match(/role="alert"[^>]*>([\s\S]*?)</)?.[1];
  return alert ? unescapeHtml(alert.trim()) : undefined;
}

function summarise(html: string): string {
  const text = unescapeHtml(
    html
      .replace(/<style[\s\S]*?<\/style>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return text.length > 300 ? `${text.slice(0, 300)}…` : text || '(empty body)';
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}
