import type { MiddlewareHandler } from 'hono';
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
    if (context.req.raw.body === null) return next();
    const body = await readBodyWithin({ request: context.req.raw, maxBytes });
    if (body.type === 'too_large') {
      return context.json(
        toErrorEnvelope({
          status: 413,
          code: 'body_too_large',
          message: `The request body is over this engine's limit of ${maxBytes} bytes, so it was not read. Send less: tool input is a small JSON object, and large data goes by reference (a URL or an id). The engine's operator sets the limit with the maxBodyBytes option (TOOLGRANT_MAX_BODY_BYTES).`,
        }),
        413,
      );
    }
    context.req.raw = new Request(context.req.raw, { body: body.bytes });
    await next();
  };
}
