import { CookieJar } from '@toolgrant/testkit';

// One user's browser, without a browser: a cookie jar (so the engine's browser-binding cookie
// goes wherever a browser would send it) and the requests a browser makes on the engine's
// pages, including the API-key form the way a user submits it (with its hidden token).

export type BrowserAnswer = {
  status: number;
  location: string | null;
  cacheControl: string | null;
  setCookie: string[];
  body: string;
};

export type TestBrowser = {
  readonly cookieJar: CookieJar;
  get(url: string, options?: { accept?: string }): Promise<BrowserAnswer>;
  post(
    url: string,
    options: { form: Record<string, string>; headers?: Record<string, string> },
  ): Promise<BrowserAnswer>;
  /** Opens the API-key form at `url` and submits `apiKey` with the form's own fields. */
  submitApiKey(url: string, apiKey: string): Promise<BrowserAnswer>;
};

export function createTestBrowser(cookieJar = new CookieJar()): TestBrowser {
  async function send(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string },
  ): Promise<BrowserAnswer> {
    const target = new URL(url);
    const cookie = cookieJar.headerFor(target);
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: { ...(cookie === undefined ? {} : { cookie }), ...init.headers },
    });
    cookieJar.store({ url: target, response });
    return {
      status: response.status,
      location: response.headers.get('location'),
      cacheControl: response.headers.get('cache-control'),
      setCookie: response.headers.getSetCookie(),
      body: await response.text(),
    };
  }

  const browser: TestBrowser = {
    cookieJar,
    get: (url, { accept = 'text/html' } = {}) => send(url, { method: 'GET', headers: { accept } }),
    post: (url, { form, headers = {} }) =>
      send(url, {
        method: 'POST',
        headers: {
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
          // What a browser sends for a form on the engine's own page.
          origin: new URL(url).origin,
          'sec-fetch-site': 'same-origin',
          ...headers,
        },
        body: new URLSearchParams(form).toString(),
      }),
    async submitApiKey(url, apiKey) {
      const page = await browser.get(url);
      const formToken = page.body.match(/name="form_token" value="([^"]*)"/)?.[1];
      if (formToken === undefined) {
        throw new Error(`The API-key page at ${url} has no form (HTTP ${page.status}).`);
      }
      return browser.post(url, { form: { api_key: apiKey, form_token: formToken } });
    },
  };
  return browser;
}
