import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { InvalidEngineOptionsError } from '../shared/invalid-engine-options-error.js';
import { ApiError } from './api-error.js';

// Every route but health needs one of the engine's API keys in `Authorization`, bare (as the
// official clients send it) or as `Bearer <key>`. Keys are compared as SHA-256 digests with
// timingSafeEqual, against every configured key, so neither a key's length nor its prefix
// shows in the response time.

/** A check of a presented key against the configured ones, in constant time. */
export function createApiKeyCheck({
  apiKeys,
}: {
  apiKeys: readonly string[];
}): (presented: string) => boolean {
  if (!Array.isArray(apiKeys) || apiKeys.length === 0) {
    throw new InvalidEngineOptionsError({
      option: 'apiKeys',
      message:
        'The engine needs at least one API key (apiKeys: [...]); clients send it in the Authorization header.',
    });
  }
  apiKeys.forEach((key, index) => {
    if (typeof key !== 'string' || key.trim() === '') {
      throw new InvalidEngineOptionsError({
        option: 'apiKeys',
        message: `apiKeys[${index}] is ${typeof key === 'string' ? 'empty' : `a ${typeof key}`}; each API key is a non-empty string.`,
      });
    }
  });
  const digests = apiKeys.map(digest);
  return (presented) => {
    const presentedDigest = digest(presented);
    let matched = false;
    for (const known of digests) matched = timingSafeEqual(known, presentedDigest) || matched;
    return matched;
  };
}

/** Middleware that requires one of the engine's API keys in `Authorization`, bare or as Bearer. */
export function requireApiKey({ apiKeys }: { apiKeys: readonly string[] }): MiddlewareHandler {
  const isKnown = createApiKeyCheck({ apiKeys });
  return async (context, next) => {
    const header = context.req.header('authorization')?.trim() ?? '';
    const presented = header.replace(/^bearer\s+/i, '').trim();
    if (presented === '') {
      throw new ApiError({
        status: 401,
        code: 'missing_api_key',
        message:
          "Missing API key. Set the 'Authorization' header to one of the engine's API keys ('Authorization: <key>' or 'Authorization: Bearer <key>').",
      });
    }
    if (!isKnown(presented)) {
      throw new ApiError({
        status: 401,
        code: 'invalid_api_key',
        message:
          "The API key in the 'Authorization' header is not one of this engine's keys. Use a key the engine was started with (`toolgrant serve` prints it).",
      });
    }
    await next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
