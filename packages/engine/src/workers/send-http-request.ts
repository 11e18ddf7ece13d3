import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

// One request to a worker over node:http, on a keep-alive agent. The engine used the global
// `fetch` before: its WHATWG Request, Headers and stream objects, an `AbortSignal.any` and an
// `AbortSignal.timeout` per call cost more CPU than the rest of a worker call together (see
// the worker benchmark, bench/worker.bench.ts). No redirect is ever followed: a 3xx is
// returned like any other status.

/** The answer, or why there was none (`cause`: the underlying error, if any). */
export type HttpOutcome =
  | { type: 'answered'; status: number; text: string }
  | { type: 'failed'; reason: 'timeout' | 'cancelled' | 'network' | 'too_large'; cause?: unknown };

/** Keep-alive agents for one worker's origin. */
export type HttpAgents = { http: HttpAgent; https: HttpsAgent };

/** Agents that keep connections open between calls; idle sockets never keep the process up. */
export function createHttpAgents(): HttpAgents {
  return {
    http: new HttpAgent({ keepAlive: true, keepAliveMsecs: 30_000 }),
    https: new HttpsAgent({ keepAlive: true, keepAliveMsecs: 30_000 }),
  };
}

/** Where a worker listens, parsed once: `sendHttpRequest` takes paths below it. */
export type HttpOrigin = {
  secure: boolean;
  hostname: string;
  port: number | undefined;
  /** The URL's path without a trailing slash ('' for the root). */
  basePath: string;
};

/** Parses a worker URL (http or https, already validated) into an `HttpOrigin`. */
export function toHttpOrigin(url: string): HttpOrigin {
  const parsed = new URL(url);
  return {
    secure: parsed.protocol === 'https:',
    // IPv6 literals come bracketed from URL; node:http wants them bare.
    hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? undefined : Number(parsed.port),
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
  agents,
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
  agents: HttpAgents;
  timeoutMs: number;
  maxResponseBytes: number;
  signal: AbortSignal | undefined;
}): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    const outgoing = (origin.secure ? httpsRequest : httpRequest)({
      hostname: origin.hostname,
      port: origin.port,
      path: `${origin.basePath}${path}`,
      method,
      agent: origin.secure ? agents.https : agents.http,
      headers:
        body === undefined
          ? headers
          : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    });
    let settled = false;
    const finish = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
      resolve(outcome);
    };
    const fail = (reason: Extract<HttpOutcome, { type: 'failed' }>['reason'], cause?: unknown) => {
      finish({ type: 'failed', reason, cause });
      outgoing.destroy();
    };
    const timer = setTimeout(() => fail('timeout'), timeoutMs);
    const cancel = () => fail('cancelled', signal?.reason);
    if (signal?.aborted) return cancel();
    signal?.addEventListener('abort', cancel, { once: true });

    outgoing.once('error', (error) => fail('network', error));
    outgoing.once('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxResponseBytes) return fail('too_large');
        chunks.push(chunk);
      });
      response.once('error', (error) => fail('network', error));
      response.once('aborted', () => fail('network'));
      response.once('end', () => {
        finish({
          type: 'answered',
          status: response.statusCode ?? 0,
          text: Buffer.concat(chunks, size).toString('utf8'),
        });
      });
    });
    // A string body is sent in one write with the headers (a Buffer would be a second one).
    if (body === undefined) outgoing.end();
    else outgoing.end(body, 'utf8');
  });
}
