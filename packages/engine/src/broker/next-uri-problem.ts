// Where the engine may send a browser after a flow completes (`next_uri`). Only absolute
// http(s) URLs: `javascript:` and `data:` URLs run in the engine's origin, relative and
// protocol-relative ones resolve against the engine, and `https://app.example@evil.example`
// hides its real host behind user info. Checked when an authorization is started, and again
// before every redirect to a stored one.

export const maximumNextUriLength = 2048;

/**
 * Why `nextUri` is not an acceptable redirect target, as the end of a sentence starting with
 * "next_uri"; undefined when it is. With `allowedOrigins`, its origin must be one of them.
 */
export function nextUriProblem(
  nextUri: string,
  allowedOrigins?: readonly string[] | undefined,
): string | undefined {
  const absoluteHttp =
    'must be an absolute http or https URL of your application, such as https://app.example.com/done';
  if (nextUri.length > maximumNextUriLength) {
    return `is longer than ${maximumNextUriLength} characters; it ${absoluteHttp}`;
  }
  // Checked on the text too: the URL parser drops tabs and newlines and turns backslashes
  // into slashes, so 'java\tscript:' or 'https:\\evil' would otherwise pass as something else.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (!/^https?:\/\//i.test(nextUri) || /[\u0000-\u0020\u007f\\]/.test(nextUri)) {
    return absoluteHttp;
  }
  let url: URL;
  try {
    url = new URL(nextUri);
  } catch {
    return absoluteHttp;
  }
  if (url.username !== '' || url.password !== '') {
    return 'must not carry user info (user:password@ before the host); give the plain URL of your application';
  }
  if (allowedOrigins !== undefined && !allowedOrigins.includes(url.origin)) {
    return `has the origin ${url.origin.length > 100 ? `${url.origin.slice(0, 100)}…` : url.origin}, which is not in allowedRedirectOrigins (${allowedOrigins.join(', ') || 'empty'}); use a URL of an allowed origin, or add the origin to allowedRedirectOrigins`;
  }
  return undefined;
}
