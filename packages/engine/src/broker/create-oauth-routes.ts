import type { Context } from 'hono';
import { Hono } from 'hono';
import { consoleEngineLogger, type EngineLogger } from '../http/engine-logger.js';
import { toErrorEnvelope } from '../http/error-envelope.js';
import type { Broker } from './create-broker.js';
import type { OAuthPageOutcome } from './oauth-page-outcome.js';
import { renderOAuthPage } from './render-oauth-page.js';

// The browser side of authorization, under /v1/oauth: the link a user opens (redirects to the
// provider), the provider's callback, and the API-key form. These routes are opened by users'
// browsers, so they take no engine API key; mount them before the API-key middleware.
// Answers are HTML pages, or the JSON error envelope for clients that ask for JSON.

export function createOAuthRoutes({
  broker,
  logger = consoleEngineLogger,
}: {
  broker: Broker;
  logger?: EngineLogger;
}): Hono {
  const app = new Hono();

  app.get('/v1/oauth/start/:flowId', async (context) =>
    respond(context, await broker.startAuthorization({ flowId: context.req.param('flowId') })),
  );

  app.get('/v1/oauth/callback', async (context) => {
    const query = context.req.query();
    return respond(
      context,
      await broker.handleCallback({ code: query.code, state: query.state, error: query.error }),
    );
  });

  app.get('/v1/oauth/api-key/:flowId', async (context) =>
    respond(context, await broker.showApiKeyForm({ flowId: context.req.param('flowId') })),
  );

  app.post('/v1/oauth/api-key/:flowId', async (context) => {
    const body = await context.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const apiKey = typeof body.api_key === 'string' ? body.api_key : '';
    return respond(
      context,
      await broker.submitApiKey({ flowId: context.req.param('flowId'), apiKey }),
    );
  });

  app.onError((error, context) => {
    logger.error(`${context.req.method} ${new URL(context.req.url).pathname} failed`, {
      error: error instanceof Error ? error.name : 'unknown error',
    });
    return respond(context, {
      type: 'page',
      status: 502,
      code: 'internal_error',
      title: 'Something went wrong',
      message:
        'The engine could not finish this step of the authorization. Go back to the application and try again.',
    });
  });

  return app;
}

function respond(context: Context, outcome: OAuthPageOutcome): Response {
  // Callback URLs carry codes: keep them out of caches and Referer headers.
  context.header('cache-control', 'no-store');
  context.header('referrer-policy', 'no-referrer');
  if (outcome.type === 'redirect') return context.redirect(outcome.location, 302);
  if (outcome.type === 'page' && wantsJson(context)) {
    if (outcome.status < 400) return context.json({ code: outcome.code, message: outcome.message });
    return context.json(
      toErrorEnvelope({ status: outcome.status, code: outcome.code, message: outcome.message }),
      outcome.status,
    );
  }
  context.header('x-frame-options', 'DENY');
  context.header(
    'content-security-policy',
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  );
  return context.html(
    renderOAuthPage(outcome),
    outcome.type === 'page' ? outcome.status : outcome.problem === undefined ? 200 : 400,
  );
}

function wantsJson(context: Context): boolean {
  const accept = context.req.header('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}
