import type { Context } from 'hono';
import { Hono } from 'hono';
import {
  browserBindingCookie,
  createBrowserSecret,
  readBrowserSecret,
  serializeBrowserBindingCookie,
} from '../broker/browser-binding.js';
import type { Broker } from '../broker/create-broker.js';
import { page } from '../broker/oauth-page.js';
import type { OAuthPageOutcome } from '../broker/oauth-page-outcome.js';
import { oauthPageScriptSource, renderOAuthPage } from '../broker/render-oauth-page.js';
import { consoleEngineLogger, type EngineLogger } from '../shared/engine-logger.js';
import { toErrorEnvelope } from './error-envelope.js';
import { readBodyWithin } from './read-body-within.js';

// The browser side of authorization, under /v1/oauth: the link a user opens (redirects to the
// provider), the provider's callback, and the API-key form. These routes are opened by users'
// browsers, so they take no engine API key; mount them before the API-key middleware.
// Answers are HTML pages, or the JSON error envelope for clients that ask for JSON.

/** The API-key form's body: the key (at most 4096 characters) and a few form fields. */
export const apiKeyFormMaxBodyBytes = 16 * 1024;

/** The browser-facing OAuth routes: start, callback and the API-key form. */
export function createOAuthRoutes({
  broker,
  logger = consoleEngineLogger,
}: {
  broker: Broker;
  logger?: EngineLogger;
}): Hono {
  const app = new Hono();
  // The engine's public URL, where browsers see it (behind a proxy, not the request's URL).
  const publicUrl = new URL(broker.redirectUri.replace(/\/v1\/oauth\/callback$/, '')).href;
  const cookie = browserBindingCookie(publicUrl);
  const browserSecretOf = (context: Context) =>
    readBrowserSecret(context.req.header('cookie'), cookie);

  /** Opening a flow's link binds it to this browser: its cookie, or a new one set here. */
  async function openLink(
    context: Context,
    open: (browserSecret: string) => Promise<OAuthPageOutcome>,
  ): Promise<Response> {
    const browserSecret = browserSecretOf(context) ?? createBrowserSecret();
    const outcome = await open(browserSecret);
    if (outcome.type === 'redirect' || outcome.type === 'api_key_form') {
      context.header('set-cookie', serializeBrowserBindingCookie(cookie, browserSecret));
    }
    return respond(context, outcome);
  }

  app.get('/v1/oauth/start/:flowId', (context) =>
    openLink(context, (browserSecret) =>
      broker.startAuthorization({ flowId: context.req.param('flowId'), browserSecret }),
    ),
  );

  app.get('/v1/oauth/callback', async (context) => {
    const query = context.req.query();
    return respond(
      context,
      await broker.handleCallback(
        { code: query.code, state: query.state, error: query.error },
        { browserSecret: browserSecretOf(context) },
      ),
    );
  });

  app.get('/v1/oauth/api-key/:flowId', (context) =>
    openLink(context, (browserSecret) =>
      broker.showApiKeyForm({ flowId: context.req.param('flowId'), browserSecret }),
    ),
  );

  app.post('/v1/oauth/api-key/:flowId', async (context) => {
    // Refused before the body is read: a browser says where a cross-site post comes from.
    if (isCrossSite(context, publicUrl)) {
      return respond(context, {
        type: 'page',
        status: 403,
        code: 'cross_site_request',
        title: 'Form not accepted',
        message:
          "This form was sent from another site, so it was refused and nothing was stored. Enter the key on the engine's own page: open the authorization link from the application.",
      });
    }
    const flowId = context.req.param('flowId');
    // This route takes no API key: the flow must be known, pending and an API-key flow
    // before a byte of the body is read, and then only a small body is.
    const linkProblem = await broker.checkApiKeyLink({ flowId });
    if (linkProblem !== undefined) return respond(context, linkProblem);
    const body = await readBodyWithin({
      request: context.req.raw,
      maxBytes: apiKeyFormMaxBodyBytes,
    });
    if (body.type === 'too_large') {
      return respond(
        context,
        page(
          413,
          'body_too_large',
          'Too much data',
          `The form sent more than ${apiKeyFormMaxBodyBytes / 1024} KiB, so it was not read. Paste only your API key and send the form again.`,
        ),
      );
    }
    const fields = await new Response(body.bytes, {
      headers: { 'content-type': context.req.header('content-type') ?? '' },
    })
      .formData()
      .catch(() => undefined);
    const apiKey = fields?.get('api_key');
    const formToken = fields?.get('form_token');
    return respond(
      context,
      await broker.submitApiKey({
        flowId,
        apiKey: typeof apiKey === 'string' ? apiKey : '',
        browserSecret: browserSecretOf(context),
        formToken: typeof formToken === 'string' ? formToken : undefined,
      }),
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
    `default-src 'none'; style-src 'unsafe-inline'; script-src ${oauthPageScriptSource}; frame-ancestors 'none'`,
  );
  return context.html(
    renderOAuthPage(outcome),
    outcome.type === 'page' ? outcome.status : outcome.problem === undefined ? 200 : 400,
  );
}

/**
 * A post another site's page made: `Sec-Fetch-Site` says so, or `Origin` is neither the
 * engine's public origin nor the one the request was sent to (`null` included). Requests
 * without either header (programs, old browsers) are left to the binding cookie and token.
 */
function isCrossSite(context: Context, publicUrl: string): boolean {
  const site = context.req.header('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = context.req.header('origin');
  if (origin === undefined) return false;
  return origin !== new URL(publicUrl).origin && origin !== new URL(context.req.url).origin;
}

function wantsJson(context: Context): boolean {
  const accept = context.req.header('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}
