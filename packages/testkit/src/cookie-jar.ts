// Just enough of a browser's cookie store (RFC 6265) for one user walking through the
// provider's pages: cookies are kept per origin and sent by path; expired ones are dropped.

type StoredCookie = { value: string; path: string; expiresAt: number | undefined };

/** A minimal per-origin cookie store for one user walking through the provider's pages. */
export class CookieJar {
  private readonly origins = new Map<string, Map<string, StoredCookie>>();

  store({ url, response }: { url: URL; response: Response }): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      let path = defaultPath(url.pathname);
      let expiresAt: number | undefined;
      for (const attribute of attributes) {
        const [key = '', ...rest] = attribute.split('=');
        const attributeValue = rest.join('=').trim();
        const lowerKey = key.trim().toLowerCase();
        if (lowerKey === 'path' && attributeValue.startsWith('/')) path = attributeValue;
        if (lowerKey === 'max-age') expiresAt = Date.now() + Number(attributeValue) * 1000;
        if (lowerKey === 'expires' && expiresAt === undefined) {
          expiresAt = Date.parse(attributeValue);
        }
      }
      const cookies = this.cookiesOf(url.origin);
      const key = `${name}\u0000${path}`;
      if (expiresAt !== undefined && expiresAt <= Date.now()) cookies.delete(key);
      else cookies.set(key, { value, path, expiresAt });
    }
  }

  /** The Cookie header a browser would send to `url`, or undefined when there is none. */
  headerFor(url: URL): string | undefined {
    const now = Date.now();
    const matching = [...this.cookiesOf(url.origin)]
      .filter(([, cookie]) => cookie.expiresAt === undefined || cookie.expiresAt > now)
      .filter(([, cookie]) => pathMatches(url.pathname, cookie.path))
      .sort(([, a], [, b]) => b.path.length - a.path.length)
      .map(([key, cookie]) => `${key.split('\u0000')[0]}=${cookie.value}`);
    return matching.length > 0 ? matching.join('; ') : undefined;
  }

  private cookiesOf(origin: string): Map<string, StoredCookie> {
    let cookies = this.origins.get(origin);
    if (!cookies) {
      cookies = new Map();
      this.origins.set(origin, cookies);
    }
    return cookies;
  }
}

function defaultPath(requestPath: string): string {
  const lastSlash = requestPath.lastIndexOf('/');
  return lastSlash <= 0 ? '/' : requestPath.slice(0, lastSlash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}
