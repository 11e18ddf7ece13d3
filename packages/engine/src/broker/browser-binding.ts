import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The browser binding: a random secret in an HttpOnly, SameSite=Lax cookie that the engine
// sets when a browser opens a flow's link (GET /v1/oauth/start or the API-key form), and whose
// SHA-256 is stored on the flow. The callback and the API-key form submission must come with
// the same cookie, so a link or an authorization response that travels to another browser is
// refused. This is the "state bound to the user agent" of RFC 9700 §2.1 / §4.7 (CSRF) and
// §4.5 (code injection), and MCP's URL-elicitation rule that the server makes sure the person
// who completes the URL is the one who triggered it.
//
// One secret per browser, reused by every flow it opens, so two authorizations running at
// once in one browser do not overwrite each other's cookie.

const secretPattern = /^[A-Za-z0-9_-]{43}$/;
/** Longer than any flow (ten minutes); refreshed whenever a link is opened. */
const cookieMaxAgeSeconds = 60 * 60;

/** The name and attributes of the cookie that binds a flow to the browser that opened it. */
export type BrowserBindingCookie = {
  name: string;
  /** `${base path}/v1/oauth`: sent to the OAuth pages only, never to the API. */
  path: string;
  secure: boolean;
};

/**
 * The cookie for an engine at `publicUrl`. On https the name carries the `__Secure-` prefix
 * (browsers then accept it only with `Secure`); `__Host-` would need `Path=/`, which would
 * send the cookie to the whole API.
 */
export function browserBindingCookie(publicUrl: string): BrowserBindingCookie {
  const url = new URL(publicUrl);
  const secure = url.protocol === 'https:';
  return {
    name: secure ? '__Secure-toolgrant_browser' : 'toolgrant_browser',
    path: `${url.pathname.replace(/\/+$/, '')}/v1/oauth`,
    secure,
  };
}

/** A new random browser-binding secret (256 bits, base64url). */
export function createBrowserSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The browser secret in a `Cookie` header; undefined when absent or not one the engine made. */
export function readBrowserSecret(
  cookieHeader: string | undefined,
  cookie: BrowserBindingCookie,
): string | undefined {
  if (cookieHeader === undefined) return undefined;
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== cookie.name) continue;
    const value = pair.slice(separator + 1).trim();
    if (secretPattern.test(value)) return value;
  }
  return undefined;
}

/** The `Set-Cookie` value that stores a browser-binding secret in the browser. */
export function serializeBrowserBindingCookie(
  cookie: BrowserBindingCookie,
  secret: string,
): string {
  return `${cookie.name}=${secret}; Path=${cookie.path}; Max-Age=${cookieMaxAgeSeconds}; HttpOnly; SameSite=Lax${cookie.secure ? '; Secure' : ''}`;
}

/** What the flow stores: the secret's SHA-256, so the database never holds a usable cookie. */
export function hashBrowserSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** True when `secret` is the one whose hash the flow was bound with. */
export function isBoundBrowser(
  flow: { browserBindingHash: string | undefined },
  secret: string | undefined,
): boolean {
  if (flow.browserBindingHash === undefined || secret === undefined) return false;
  const expected = Buffer.from(flow.browserBindingHash, 'hex');
  const given = Buffer.from(hashBrowserSecret(secret), 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The API-key form's hidden CSRF token: derived from the browser secret and the flow, so only
 * a page the engine rendered for this browser can carry it (a double submit the attacker
 * cannot compute without reading the HttpOnly cookie).
 */
export function formTokenFor({ secret, flowId }: { secret: string; flowId: string }): string {
  return createHmac('sha256', secret).update(`api-key-form:${flowId}`).digest('base64url');
}

/** Whether an API-key form's token was issued for this flow and this browser's secret. */
export function isValidFormToken({
  secret,
  flowId,
  formToken,
}: {
  secret: string;
  flowId: string;
  formToken: string | undefined;
}): boolean {
  if (formToken === undefined) return false;
  const expected = Buffer.from(formTokenFor({ secret, flowId }));
  const given = Buffer.from(formToken);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
