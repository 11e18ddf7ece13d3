import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { toErrorEnvelope } from './worker-protocol/error-envelope.js';
import {
  type CreateWorkerHandlerOptions,
  createWorkerRoutes,
  type WorkerAnswer,
  type WorkerRoutes,
} from './worker-routes.js';

// The worker protocol as a Fetch API handler, so it runs in `serveWorker`, inside an existing
// Node, Hono or Next.js server, or anywhere else that speaks Request/Response.
//
//   GET  /worker/health        { status: "ok", tool_count }          no authentication
//   GET  /worker/tools         the tools' Arcade definitions         Bearer JWT
//   POST /worker/tools/invoke  an execute-tool request -> response   Bearer JWT

export type { CreateWorkerHandlerOptions } from './worker-routes.js';

/** A worker as a fetch handler. */
export type WorkerHandler = (request: Request) => Promise<Response>;

/** A fetch handler that serves `toolkits` over the worker protocol. */
export function createWorkerHandler(options: CreateWorkerHandlerOptions): WorkerHandler {
  return toFetchHandler(createWorkerRoutes(options));
}

/** The routes on a Hono app, as a fetch handler. */
export function toFetchHandler(routes: WorkerRoutes): WorkerHandler {
  const app = new Hono();

  app.onError((error, context) => respond(context, routes.answerError(error)));
  app.notFound((context) =>
    context.json(
      toErrorEnvelope({
        status: 404,
        code: 'route_not_found',
        message: `No route ${context.req.method} ${new URL(context.req.url).pathname}; a worker serves GET /worker/health, GET /worker/tools and POST /worker/tools/invoke.`,
      }),
      404,
    ),
  );

  app.get('/worker/health', (context) =>
    context.json({ status: 'ok', tool_count: routes.definitions.length }),
  );

  const authenticated = async (context: Context, next: () => Promise<void>) => {
    routes.authenticate(context.req.header('authorization'));
    await next();
  };
  app.use('/worker/tools', authenticated);
  app.use('/worker/tools/*', authenticated);

  app.get('/worker/tools', (context) => context.json(routes.definitions));

  const countBody = bodyLimit({
    maxSize: routes.maxRequestBytes,
    onError: (context) => respond(context, routes.tooLarge()),
  });
  app.post(
    '/worker/tools/invoke',
    (context, next) => {
      // Over HTTP/1.1 a Content-Length frames the body: the server hands on exactly that many
      // bytes, so a declared length within the limit needs no counting. Counting wraps the body
      // in a new stream, which cost a tenth of the worker's time per call (bench/worker.bench.ts
      // in the engine). A body without one (chunked) is counted as it is read.
      const declared = Number(context.req.header('content-length'));
      const framed = context.req.header('transfer-encoding') === undefined;
      if (
        framed &&
        Number.isSafeInteger(declared) &&
        declared >= 0 &&
        declared <= routes.maxRequestBytes
      ) {
        return next();
      }
      return countBody(context, next);
    },
    async (context) => {
      let body: unknown;
      try {
        body = await context.req.json();
      } catch {
        return respond(context, routes.invalidJson());
      }
      // Aborted when the engine gives up on the request and disconnects.
      return respond(context, await routes.invoke(body, context.req.raw.signal));
    },
  );

  return async (request) => app.fetch(request);
}

function respond(context: Context, { status, body, headers }: WorkerAnswer): Response {
  for (const [name, value] of Object.entries(headers ?? {})) context.header(name, value);
  return context.json(body, status);
}
