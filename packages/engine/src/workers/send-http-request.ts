import { Pool } from 'undici';

// One request to a worker, on a pool of keep-alive connections to its origin (undici's `Pool`,
// the HTTP/1.1 client under Node's own `fetch`, without fetch's WHATWG objects). The engine used
// the global `fetch` first, then `node:http`: fetch's Request, Headers and stream objects, and
// node:http's per-request ClientRequest, each cost more CPU per worker call than undici's
// request (see the worker benchmark, bench/worker.bench.ts). No redirect is ever followed: a 3xx
// is returned like any other status.

/** The answer, or why there was none (`cause`: the underlying error, if any). */
export type HttpOutcome =
  | { type: 'answered'; status: number; text: string }
  | { type: 'failed'; reason: 'timeout' | 'cancelled' | 'network' | 'too_large'; cause?: unknown };

/** Where a worker listens, with its connections: `sendHttpRequest` takes paths below it. */
export type HttpOrigin = {
  /** Keep-alive connections to the origin; idle ones never keep the process up. */
  pool: Pool;
  /** The URL's path without a trailing slash ('' for the root). */
  basePath: string;
};

/** Opens an origin for a worker URL (http or https, already validated). Close it with `pool.close()`. */
export function toHttpOrigin(url: string, { timeoutMs }: { timeoutMs: number }): HttpOrigin {
  const parsed = new URL(url);
  return {
    // A connection that is not accepted counts against the call's own timeout, as any other
    // wait does, instead of undici's 10 s default for connecting.
    pool: new Pool(parsed.origin, { connectTimeout: timeoutMs }),
    basePath: parsed.pathname.replace(/\/+$/, ''),
  };
}

/** Sends one request; resolves with the status and the body as text, or why there was none. */
export async function sendHttpRequest({
  origin,
  path,
  method,
  headers,
  body,
  timeoutMs,
  maxResponseBytes,
  signal,
}: {
  origin: HttpOrigin;
  /** Below the origin's base path, starting with '/'. */
  path: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: string | undefined;
  timeoutMs: number;
  maxResponseBytes: number;
  signal: AbortSignal | undefined;
}): Promise<HttpOutcome> {
  if (signal?.aborted) return { type: 'failed', reason: 'cancelled', cause: signal.reason };
  // One controller ends the request for either reason; `stopped` says which it was.
  const controller = new AbortController();
  let stopped: 'timeout' | 'cancelled' | undefined;
  const stop = (reason: 'timeout' | 'cancelled') => {
    stopped ??= reason;
    controller.abort();
  };
  const timer = setTimeout(() => stop('timeout'), timeoutMs);
  const cancel = () => stop('cancelled');
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    const response = await origin.pool.request({
      path: `${origin.basePath}${path}`,
      method,
      headers,
      body,
      signal: controller.signal,
      // The whole exchange is bounded by `timeoutMs` above; undici's own per-phase timeouts
      // would only cut it shorter.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    // A declared length is what undici reads, no more: one over the limit is refused unread, and
    // one within it read whole by undici's own reader, a few microseconds cheaper per call than
    // iterating the chunks here. A body without one (chunked) is counted as it arrives.
    const declared = Number(response.headers['content-length']);
    if (Number.isSafeInteger(declared)) {
      if (declared > maxResponseBytes) {
        response.body.destroy();
        return { type: 'failed', reason: 'too_large' };
      }
      return { type: 'answered', status: response.statusCode, text: await response.body.text() };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxResponseBytes) {
        response.body.destroy();
        return { type: 'failed', reason: 'too_large' };
      }
      chunks.push(chunk);
    }
    return {
      type: 'answered',
      status: response.statusCode,
      text: Buffer.concat(chunks, size).toString('utf8'),
    };
  } catch (error) {
    if (stopped === 'cancelled')
      return { type: 'failed', reason: 'cancelled', cause: signal?.reason };
    if (stopped === 'timeout') return { type: 'failed', reason: 'timeout' };
    if ((error as { code?: unknown } | null)?.code === 'UND_ERR_ABORTED') {
      return { type: 'failed', reason: 'cancelled', cause: error };
    }
    return { type: 'failed', reason: 'network', cause: error };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', cancel);
  }
}
