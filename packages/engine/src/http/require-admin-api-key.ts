import type { MiddlewareHandler } from 'hono';
import { ApiError } from './api-error.js';
import { createApiKeyCheck } from './require-api-key.js';

// The administration routes (/v1/admin/*, /v1/workers) take only an admin key when the engine
// has `adminApiKeys`: the keys agents hold then execute tools and authorize users, but cannot
// read or delete users' connections, set engine secrets or decide where tools run. Runs after
// `requireApiKey`, which accepts admin keys too. Without `adminApiKeys`, every key administers.

/** Middleware that lets only admin API keys through to the admin routes. */
export function requireAdminApiKey({
  adminApiKeys,
}: {
  adminApiKeys: readonly string[] | undefined;
}): MiddlewareHandler {
  if (adminApiKeys === undefined) return (_context, next) => next();
  const isAdmin = createApiKeyCheck({ apiKeys: adminApiKeys });
  return async (context, next) => {
    const header = context.req.header('authorization')?.trim() ?? '';
    if (!isAdmin(header.replace(/^bearer\s+/i, '').trim())) {
      throw new ApiError({
        status: 403,
        code: 'admin_key_required',
        message:
          "This route administers the engine (/v1/admin/*, /v1/workers) and needs one of its admin API keys (adminApiKeys) in the 'Authorization' header. The key sent may execute tools and authorize users only.",
      });
    }
    await next();
  };
}
