// Where workers added at runtime may listen (`runtimeWorkers.allowedUrls`). Entries and worker
// URLs are both parsed with WHATWG `URL` and compared part by part, never as raw strings, so
// `http://allowed.example.com.evil.com`, `http://allowed.example.com@evil.com` and
// `http://allowed.example.com/tools/../admin` are what they are: another host, a user name, a
// path outside `/tools`. Host names are compared as written (after the URL parser's own
// normalisation), not resolved: the operator owns the DNS of the hosts it lists.

/** Whether a worker URL is allowed: the normalised URL, or the problem with it. */
export type WorkerUrlCheck =
  | { allowed: true /** Normalised: what the engine will fetch. */; url: string }
  | { allowed: false; problem: string };

/** Where workers added at runtime may listen, checked part by part. */
export interface WorkerUrlAllowList {
  /** The entries, normalised, for messages. */
  readonly entries: readonly string[];
  /** Decides on a worker URL without contacting it. */
  check(url: string): WorkerUrlCheck;
}

type ParsedUrl = { origin: string; path: string };

const shown = 200;

/** One URL (an entry or a worker's), or what is wrong with it. */
export function parseWorkerUrl(text: string): ParsedUrl | { problem: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'is not an absolute URL such as https://workers.example.com.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { problem: 'must be an http:// or https:// URL.' };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      problem:
        'must not carry a user name or password (user@host): write the host alone; the worker is authenticated with its secret.',
    };
  }
  if (url.search !== '' || url.hash !== '') {
    return { problem: 'must not have a query (?…) or a fragment (#…): give the base URL alone.' };
  }
  return { origin: url.origin, path: url.pathname.replace(/\/+$/, '') };
}

/**
 * `allowedUrls` entries: an origin (`https://workers.example.com`, any path on it) or an origin
 * and path (`https://tools.example.com/team-a`: that path and the paths below it, by whole
 * segments). The scheme, host and port must be equal; a default port counts as written.
 */
export function createWorkerUrlAllowList({
  allowedUrls,
}: {
  allowedUrls: readonly string[];
}): WorkerUrlAllowList {
  const entries = allowedUrls.map((text, index) => {
    const parsed = parseWorkerUrl(text);
    if ('problem' in parsed) {
      throw new TypeError(`runtimeWorkers.allowedUrls[${index}] ${parsed.problem}`);
    }
    return parsed;
  });
  const written = entries.map(({ origin, path }) => `${origin}${path}`);

  return {
    entries: written,
    check(text) {
      const parsed = parseWorkerUrl(text);
      if ('problem' in parsed) return { allowed: false, problem: `http.uri ${parsed.problem}` };
      const { origin, path } = parsed;
      const allowed = entries.some(
        (entry) =>
          entry.origin === origin &&
          (entry.path === '' || path === entry.path || path.startsWith(`${entry.path}/`)),
      );
      if (allowed) return { allowed: true, url: `${origin}${path}` };
      const listed = written.slice(0, 5).join(', ') + (written.length > 5 ? ', …' : '');
      return {
        allowed: false,
        problem: `http.uri ${truncate(`${origin}${path}`)} is not in the engine's runtimeWorkers.allowedUrls (${listed}). Run the worker at an allowed URL, or ask the engine's operator to add its origin to runtimeWorkers.allowedUrls.`,
      };
    },
  };
}

function truncate(text: string): string {
  return text.length <= shown ? text : `${text.slice(0, shown)}…`;
}
