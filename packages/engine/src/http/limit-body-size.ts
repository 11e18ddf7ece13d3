import type { Context, MiddlewareHandler } from 'hono';
import { InvalidEngineOptionsError } from '../shared/invalid-engine-options-error.js';
import { toErrorEnvelope } from './error-envelope.js';
import { readBodyWithin } from './read-body-within.js';

// The API's body-size limit: a body over `maxBytes` is answered 413 as soon as that is known
// (from Content-Length, or while it streams), and no more of it is read into memory. A body
// within the limit is read once here and handed on.

/** 1 MiB: tool inputs are small JSON objects; large data travels by reference. */
export const defaultMaxBodyBytes = 1024 * 1024;

/** Middleware that answers 413 to a body over `maxBytes` and reads no more of it. */
export function limitBodySize({ maxBytes }: { maxBytes: number }): MiddlewareHandler {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new InvalidEngineOptionsError({
      option: 'maxBodyBytes',
      message: `maxBodyBytes is ${String(maxBytes)}; it must be a whole number of bytes, 1 or more (default ${defaultMaxBodyBytes}, 1 MiB).`,
    });
  }
  return async (context, next) => {
    // Over HTTP/1.1 a Content-Length frames the body: Node's parser hands on exactly that many
    // bytes, so a declared length within the limit needs no counting, and the request is passed
    // on untouched (re-reading it into a new Request costs a third of the engine's throughput).
    const declared = context.req.header('content-length');
    const streamed = context.req.header('transfer-encoding') !== undefined;
    if (declared !== undefined && !streamed) {
      const length = Number(declared);
      if (Number.isFinite(length) && length > maxBytes) return tooLarge(context, maxBytes);
      if (Number.isSafeInteger(length) && length >= 0) return next();
    }
    // No framing header: a GET or HEAD carries no body; anything else (a chunked body, or a
    // Request built in process) is counted as it is read.
    const method = context.req.method;
    if (!streamed && (method === 'GET' || method === 'HEAD')) return next();
    if (context.req.raw.body === null) return next();
    const body = await readBodyWithin({ request: context.req.raw, maxBytes });
    if (body.type === 'too_large') return tooLarge(context, maxBytes);
    context.req.raw = new Request(context.req.raw, { body: body.bytes });
    await next();
  };
}

function tooLarge(context: Context, maxBytes: number): Response {
  return context.json(
    toErrorEnvelope({
      status: 413,
      code: 'body_too_large',
      message: `The request body is over this engine's limit of ${maxBytes} bytes, so it was not read. Send less: tool input is a small JSON object, and large data goes by reference (a URL or an id). The engine's operator sets the limit with the maxBodyBytes option (TOOLGRANT_MAX_BODY_BYTES).`,
    }),
    413,
  );
}
