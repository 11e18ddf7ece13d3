import { type Dispatcher, Pool } from 'undici';

// One request to a worker, on a pool of keep-alive connections to its origin (undici's `Pool`,
// the HTTP/1.1 client under Node's own `fetch`), through undici's `dispatch`: the response's
// chunks come to a handler here, with no stream or promise per request in between. The engine
// used the global `fetch` first, then `node:http`, then undici's `request`: fetch's Request,
// Headers and stream objects, node:http's per-request ClientRequest and `request`'s body stream
// each cost more CPU per worker call (see the worker benchmark, bench/worker.bench.ts; `dispatch`
// took about a sixth less than `request`). `dispatch` is undici's lowest-level API, which may
// change in a major version; undici is pinned in the workspace catalog. No redirect is ever
// followed: a 3xx is returned like any other status.

/** The answer, or why there was none (`cause`: the underlying error, if any). */
export type HttpOutcome =
  | { type: 'answered'; status: number; text: string }
  | { type: 'failed'; reason: 'timeout' | 'cancelled' | 'network' | 'too_large'; cause?: unknown };

type HttpFailure = Extract<HttpOutcome, { type: 'failed' }>;

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
export function sendHttpRequest({
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
  if (signal?.aborted) {
    return Promise.resolve({ type: 'failed', reason: 'cancelled', cause: signal.reason });
  }
  return new Promise((resolve) => {
    let controller: Dispatcher.DispatchController | undefined;
    let outcome: HttpOutcome | undefined;
    let status = 0;
    let chunks: Buffer[] = [];
    let size = 0;
    const settle = (settled: HttpOutcome) => {
      if (outcome !== undefined) return;
      outcome = settled;
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
      resolve(settled);
    };
    // Ends the exchange early: the caller has its outcome at once, and undici closes the
    // connection now, or as soon as the request reaches one.
    const stop = (failure: HttpFailure) => {
      settle(failure);
      controller?.abort(new Error(`The request was stopped (${failure.reason}).`));
    };
    const timer = setTimeout(() => stop({ type: 'failed', reason: 'timeout' }), timeoutMs);
    const cancel = () => stop({ type: 'failed', reason: 'cancelled', cause: signal?.reason });
    signal?.addEventListener('abort', cancel, { once: true });

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (outcome !== undefined) started.abort(new Error('The request was stopped.'));
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        status = statusCode;
        chunks = [];
        size = 0;
        // A declared length over the limit is refused before reading any of it.
        if (Number(responseHeaders['content-length']) > maxResponseBytes) {
          stop({ type: 'failed', reason: 'too_large' });
        }
      },
      onResponseData(_controller, chunk) {
        size += chunk.length;
        if (size > maxResponseBytes) {
          stop({ type: 'failed', reason: 'too_large' });
          return;
        }
        chunks.push(chunk);
      },
      onResponseEnd() {
        settle({ type: 'answered', status, text: Buffer.concat(chunks, size).toString('utf8') });
      },
      // After `stop`, undici reports the abort here too; the outcome is already settled.
      onResponseError(_controller, error) {
        settle({ type: 'failed', reason: 'network', cause: error });
      },
    };
    try {
      origin.pool.dispatch(
        {
          path: `${origin.basePath}${path}`,
          method,
          headers,
          body: body ?? null,
          // The whole exchange is bounded by `timeoutMs` above; undici's own per-phase timeouts
          // would only cut it shorter.
          headersTimeout: 0,
          bodyTimeout: 0,
        },
        handler,
      );
    } catch (error) {
      settle({ type: 'failed', reason: 'network', cause: error });
    }
  });
}
